/**
 * SDK compatibility: `sdk-program.ts`, written like the official SDK's examples, runs unchanged
 * in its own Node process against the sandbox and prints what the SDK would.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestSandbox, type TestSandbox } from './helpers/sandbox'

let sandbox: TestSandbox
beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 'empty' })
})
afterAll(() => sandbox.close())

function runProgram(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const program = fileURLToPath(new URL('./sdk-program.ts', import.meta.url))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', program], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

it('runs a program written for the official SDK unchanged against the sandbox', async () => {
  const { code, stdout, stderr } = await runProgram({ AVARA_API_KEY: sandbox.apiKey, AVARA_BASE_URL: sandbox.baseURL })
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const results = Object.fromEntries(stdout.trim().split('\n').map((line) => JSON.parse(line) as [string, unknown]))
  expect(results).toEqual({
    create: '1.2.840.113619.2.55.3.604688119.868.1234567890.123',
    retrieve: '1.2.840.113619.2.55.3.604688119.868.1234567890.123',
    update: 'stat',
    retrieveByUid: true,
    cancel: true,
    uncancel: true,
    rerouteURL: 'string',
    'studies.list': 1,
    pages: 1,
    invite: 'dr.johnson@hospital.org',
    'users.retrieve': 'Johnson',
    'users.update': 'Ann',
    'users.list': expect.any(Number),
    'invitations.list': ['sent'],
    'invitations.retrieve': 'dr.johnson@hospital.org',
    'invitations.update': 'MD',
    'invitations.revoke': true,
    revokeAccess: true,
    reactivate: true,
    'error.status': 404,
    'error.name': 'NotFoundError',
    'error.isNotFound': true,
    missing: null,
    options: true,
    asResponse: true,
    withResponse: [200, true],
    configured: true
  })
  expect(results['users.list']).toBeGreaterThanOrEqual(2)

  // Every call was made with the SDK's headers; the request log shows one attempt each.
  const log = await sandbox.requests()
  expect(log.length).toBeGreaterThan(20)
  expect(log.every((r) => r.retryCount === 0)).toBe(true)
})
