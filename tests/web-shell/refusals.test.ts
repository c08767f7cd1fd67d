/**
 * Every answer the web shell gives before reading a request's body closes the connection, so a
 * local program pushing a huge body is cut off promptly instead of being read to the end.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import { expectRefusedAndClosed, offerHugeBody } from '../sandbox/huge-body'
import { fakeCompanionFactory, fakeRendererDir, rawRequest, tempDir } from './helpers'

let shell: WebShell
let dirs: string[] = []

beforeAll(async () => {
  const { root, renderer } = fakeRendererDir()
  const profile = tempDir('rrc-web-refusals-')
  dirs = [root, profile]
  shell = await startWebShell({
    port: 0,
    profileDir: profile,
    rendererDir: renderer,
    secrets: createMemorySecretStore(),
    companionFactory: fakeCompanionFactory().factory,
    log: false
  })
})

afterAll(async () => {
  await shell?.close()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

const at = (path: string) => `/${shell.token}${path}`

describe('a refused request with a huge body gets a closed connection', () => {
  const cases: Array<{ name: string; method: string; path: () => string; status: number; headers?: () => Record<string, string>; chunked?: boolean }> = [
    { name: '401 without the token', method: 'POST', path: () => '/api/call/app.getState', status: 401 },
    { name: '401 with a wrong token, chunked', method: 'POST', path: () => '/wrong/api/call/app.getState', status: 401, chunked: true },
    { name: '403 foreign Host', method: 'POST', path: () => at('/api/call/app.getState'), status: 403, headers: () => ({ host: 'evil.example:80' }) },
    { name: '403 foreign Origin', method: 'POST', path: () => at('/api/call/app.getState'), status: 403, headers: () => ({ origin: 'http://evil.example' }) },
    { name: '405 on a static path', method: 'PUT', path: () => at('/index.html'), status: 405 },
    { name: '405 on the event stream', method: 'POST', path: () => at('/api/events'), status: 405 },
    { name: '405 on /<token>', method: 'POST', path: () => `/${shell.token}`, status: 405 },
    { name: '415 wrong content type', method: 'POST', path: () => at('/api/call/app.getState'), status: 415, headers: () => ({ 'content-type': 'text/plain' }) },
    { name: '413 declared over 64 KiB', method: 'POST', path: () => at('/api/call/app.getState'), status: 413 },
    { name: '413 chunked past 64 KiB', method: 'POST', path: () => at('/api/call/app.getState'), status: 413, chunked: true },
    { name: '404 a missing file (GET with a body)', method: 'GET', path: () => at('/assets/missing.js'), status: 404 },
    { name: '400 a bad path (GET with a body)', method: 'GET', path: () => at('/.hidden'), status: 400 }
  ]

  it.each(cases)('$name', async ({ method, path, status, headers, chunked }) => {
    const outcome = await offerHugeBody({ port: shell.port, method, path: path(), headers: headers?.() ?? {}, chunked })
    expectRefusedAndClosed(outcome, status)
  })

  it('still answers afterwards, and keeps the connection of a request whose body it read', async () => {
    const host = `127.0.0.1:${shell.port}`
    const accepted = await rawRequest(shell.port, {
      method: 'POST',
      path: at('/api/call/queue.refresh'),
      body: '{}',
      headers: { host, 'content-type': 'application/json' }
    })
    expect(accepted.status).toBe(200)
    expect(accepted.headers.connection).not.toBe('close')
    const refused = await rawRequest(shell.port, { method: 'POST', path: '/api/call/queue.refresh', body: '{}', headers: { host, 'content-type': 'application/json' } })
    expect(refused.status).toBe(401)
    expect(refused.headers.connection).toBe('close')
  })
})
