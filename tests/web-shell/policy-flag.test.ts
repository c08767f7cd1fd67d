/**
 * `npm run web -- --policy FILE`: the real CLI in a child process with a real policy file. The
 * flag wins over READING_ROOM_POLICY; a policy that is not applied is said on stderr (stdout keeps
 * its one ready line) and reaches the page as AppState.managed; a locked server overrides --base-url.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppState, BridgeResult } from '@shared/ipc/contract'
import { parseWebCliArgs, UsageError } from '@main/web/args'
import { POLICY_ENV } from '@main/node'
import { fakeRendererDir, tempDir } from './helpers'

const root = path.resolve(import.meta.dirname, '../..')
const READY = /^Reading Room Companion \(web\) ready: (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/)$/

let child: ChildProcess | null = null
let dirs: string[] = []
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = null
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
})

function startCli(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/main/web/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rrc-bus', DISPLAY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  child = proc
  return { child: proc, stdout: () => out, stderr: () => err, exit }
}

/** Starts the CLI, waits for its ready line, returns the page's state and stderr, and stops it. */
async function runAndRead(args: string[], env: Record<string, string> = {}): Promise<{ state: AppState; stderr: string; stdoutLines: string[] }> {
  const { root: rendererRoot, renderer } = fakeRendererDir()
  const profile = tempDir('rrc-web-policy-')
  dirs.push(rendererRoot, profile)
  const cli = startCli(['--port', '0', '--profile', profile, '--renderer', renderer, ...args], env)
  await expect.poll(() => cli.stdout(), { timeout: 45_000, interval: 100 }).toMatch(/\n$/)
  const stdoutLines = cli.stdout().split('\n').filter((line) => line !== '')
  const url = READY.exec(stdoutLines[0] ?? '')?.[1]
  if (!url) throw new Error(`no ready line: ${cli.stdout()} ${cli.stderr()}`)
  const response = await fetch(new URL('api/call/app.getState', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  const result = (await response.json()) as BridgeResult<AppState>
  if (!result.ok) throw new Error(result.error.message)
  cli.child.kill('SIGTERM')
  expect(await cli.exit).toBe(0)
  return { state: result.value, stderr: cli.stderr(), stdoutLines }
}

function policyFile(content: unknown): string {
  const dir = tempDir('rrc-policy-file-')
  dirs.push(dir)
  const file = path.join(dir, 'policy.json')
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

// Each case starts the CLI under tsx in a child process: on a loaded machine that alone can take
// longer than the default 20 s.
describe('--policy FILE', { timeout: 90_000 }, () => {
  it('is parsed as an option and refuses an empty name', () => {
    expect(parseWebCliArgs(['--policy', '/etc/p.json']).policyFile).toBe('/etc/p.json')
    expect(parseWebCliArgs([]).policyFile).toBeUndefined()
    expect(() => parseWebCliArgs(['--policy', ''])).toThrow(UsageError)
  })

  it('reports a policy that is not applied on stderr and to the page, and still starts (flag over environment)', async () => {
    const bad = policyFile('{ "allowSandbox": "no" }')
    const good = policyFile({ allowSandbox: false })
    const { state, stderr, stdoutLines } = await runAndRead(['--policy', bad], { [POLICY_ENV]: good })
    expect(stdoutLines).toHaveLength(1)
    expect(stderr).toContain(`Policy file ${bad} is not applied (the app runs without it):`)
    expect(stderr).toContain('  allowSandbox: Invalid input: expected boolean, received string')
    expect(state.managed).toMatchObject({ file: null, allowSandbox: true, problem: { file: bad, issues: [{ field: 'allowSandbox' }] } })
  })

  it('reads READING_ROOM_POLICY without the flag; a locked server wins over --base-url, said on stderr', async () => {
    const locked = 'http://127.0.0.1:4010'
    const file = policyFile({ serverUrl: locked, allowSandbox: false, settings: { statIntervalSec: 3 }, locked: ['serverUrl', 'statIntervalSec'] })
    const { state, stderr } = await runAndRead(['--base-url', 'http://127.0.0.1:9'], { [POLICY_ENV]: file })
    expect(stderr).toContain(`Policy file ${file} locks the server to ${locked}: --base-url is ignored.`)
    expect(state.auth.baseUrl).toBe(locked)
    expect(state.settings.statIntervalSec).toBe(3)
    expect(state.managed).toMatchObject({ file, serverUrl: locked, serverUrlLocked: true, allowSandbox: false, lockedSettings: ['statIntervalSec'], problem: null })
  })
})
