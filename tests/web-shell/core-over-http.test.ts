/**
 * The real core behind the web shell, against the sandbox over real HTTP: sign in, follow a
 * radiologist, receive the queue as SSE events, and open a study (the link goes back to the page).
 */
import fs from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import type { BridgeResult, IdentityCandidate, OpenStudyResult, QueueDelta, SaveKeyResult } from '@shared/ipc/contract'
import { tempDir, fakeRendererDir } from './helpers'

let sandbox: RunningSandbox
let shell: WebShell
const dirs: string[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'demo', quiet: true })
  const profile = tempDir('rrc-web-core-')
  const { root, renderer } = fakeRendererDir()
  dirs.push(profile, root)
  shell = await startWebShell({ port: 0, profileDir: profile, rendererDir: renderer, baseUrl: sandbox.baseURL, secrets: createMemorySecretStore() })
})

afterAll(async () => {
  await shell?.close()
  await sandbox?.close()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

async function call<T>(name: string, request: unknown): Promise<BridgeResult<T>> {
  const response = await fetch(new URL(`api/call/${name}`, shell.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request)
  })
  expect(response.status).toBe(200)
  return (await response.json()) as BridgeResult<T>
}

/** Collects SSE frames of one event name until `accept` says yes. */
function waitForEvent<T>(name: string, accept: (payload: T) => boolean): { done: Promise<T>; close: () => void } {
  let request: http.ClientRequest | undefined
  const done = new Promise<T>((resolve, reject) => {
    request = http.get(new URL('api/events', shell.url), { agent: false }, (response) => {
      let buffer = ''
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8')
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.+)$/m.exec(frame)?.[1]
          const data = /^data: (.+)$/m.exec(frame)?.[1]
          if (event === name && data) {
            const payload = JSON.parse(data) as T
            if (accept(payload)) resolve(payload)
          }
        }
      })
    })
    request.on('error', (error) => (error.message.includes('aborted') || error.message.includes('socket hang up') ? undefined : reject(error)))
  })
  return { done, close: () => request?.destroy() }
}

describe('the real core through the web shell', () => {
  it('signs in, follows the demo radiologist, streams the queue, and hands a study link to the page', async () => {
    const saved = await call<SaveKeyResult>('auth.saveKey', { baseUrl: sandbox.baseURL, apiKey: sandbox.apiKey })
    expect(saved).toEqual({ ok: true, value: { ok: true, needsIdentity: true } })
    // The key never comes back through the bridge.
    expect(JSON.stringify(saved)).not.toContain(sandbox.apiKey)

    const found = await call<IdentityCandidate[]>('auth.findUsers', { query: sandbox.demoRadiologistEmail })
    expect(found.ok).toBe(true)
    const candidate = found.ok ? found.value[0] : undefined
    expect(candidate?.email).toBe(sandbox.demoRadiologistEmail)

    // The page has its snapshot (empty before sign-in); the queue then arrives as a delta.
    const stream = waitForEvent<QueueDelta>('queue.delta', (delta) => (delta.mine?.upserts.length ?? 0) > 0)
    try {
      expect(await call('auth.setIdentity', { userId: candidate!.userId })).toEqual({ ok: true, value: { ok: true } })
      const delta = await stream.done
      expect(delta.mine!.upserts.length).toBe(delta.mine!.length)
      expect(delta.mine!.upserts[0]!.index).toBe(0)
      const first = delta.mine!.upserts[0]!.study
      const opened = await call<OpenStudyResult>('study.open', { studyId: first.studyId })
      expect(opened.ok).toBe(true)
      const result = opened.ok ? opened.value : null
      expect(result).toMatchObject({ ok: true, openedBy: 'page' })
      const link = new URL((result as { url: string }).url)
      expect(link.origin).toBe(sandbox.baseURL)
      expect(link.pathname).toContain(first.studyId)
      expect(shell.opener.opened.at(-1)?.origin).toBe(sandbox.baseURL)
    } finally {
      stream.close()
    }
  })
})
