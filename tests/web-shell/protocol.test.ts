import fs from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '../../src/main/web/server'
import { createMemorySecretStore } from '../../src/main/core/secrets'
import { CONTENT_SECURITY_POLICY } from '../../src/main/web/headers'
import { fakeCompanionFactory, fakeRendererDir, rawRequest, tempDir, type FakeCompanion } from './helpers'

let shell: WebShell
let companion: FakeCompanion
let dirs: string[] = []
let host: string

const STUDY = `stu_${'0'.repeat(31)}1`

beforeAll(async () => {
  const { root, renderer } = fakeRendererDir()
  const profile = tempDir('rrc-web-profile-')
  dirs = [root, profile]
  const fake = fakeCompanionFactory()
  companion = fake.companion
  shell = await startWebShell({
    port: 0,
    profileDir: profile,
    rendererDir: renderer,
    secrets: createMemorySecretStore(),
    companionFactory: fake.factory,
    heartbeatMs: 50
  })
  host = `127.0.0.1:${shell.port}`
})

afterAll(async () => {
  await shell?.close()
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

const cookie = () => `rrc_token=${shell.token}`
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(shell.port, { path, headers: { host, ...headers } })
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(shell.port, {
    method: 'POST',
    path,
    body,
    headers: { host, 'content-type': 'application/json', 'x-companion-token': shell.token, ...headers }
  })

describe('start-up', () => {
  it('prints a loopback URL with a 32-byte base64url token and starts the core with web ports', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`)
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(companion.started).toBe(true)
    expect(companion.ports?.shell).toBe('web')
    expect(companion.ports?.opener.openedBy).toBe('page')
  })
})

describe('the token is required everywhere', () => {
  it.each(['/', '/index.html', '/assets/index-abc123.js', '/api/events', '/nope'])('GET %s without a token → 401', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(401)
    if (path.startsWith('/api/')) expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    else expect(response.body).toMatch(/address printed in the terminal/)
    expect(response.body).not.toContain(shell.token)
  })

  it('POST /api/call without any token → 401', async () => {
    const response = await rawRequest(shell.port, { method: 'POST', path: '/api/call/app.getState', body: '{}', headers: { host, 'content-type': 'application/json' } })
    expect(response.status).toBe(401)
    expect(companion.calls).toHaveLength(0)
  })

  it('a wrong token → 401 wherever it is presented', async () => {
    expect((await get('/', { cookie: 'rrc_token=wrong' })).status).toBe(401)
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await get('/', { 'x-companion-token': 'wrong' })).status).toBe(401)
    expect((await get('/', { cookie: `rrc_token=${shell.token.slice(0, -1)}` })).status).toBe(401)
    expect((await post('/api/call/app.getState', '{}', { 'x-companion-token': `${shell.token}x` })).status).toBe(401)
    expect((await post('/api/call/app.getState', '{}', { 'x-companion-token': '' })).status).toBe(401)
  })

  it('a stale cookie from an earlier run does not block the newly printed address', async () => {
    const response = await get(`/?token=${shell.token}`, { cookie: 'rrc_token=from-the-previous-run' })
    expect(response.status).toBe(303)
    expect(response.headers['set-cookie']?.[0]).toContain(`rrc_token=${shell.token};`)
  })

  it('GET /?token=<valid> sets the HttpOnly SameSite=Strict cookie and redirects (303) to /', async () => {
    const response = await get(`/?token=${shell.token}`)
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/')
    expect(response.headers['set-cookie']).toEqual([`rrc_token=${shell.token}; HttpOnly; SameSite=Strict; Path=/`])
    // The page under its own name too: the token never stays in the address bar.
    const named = await get(`/index.html?token=${shell.token}`)
    expect(named.status).toBe(303)
    expect(named.headers.location).toBe('/')
  })

  it('the cookie, the header or the query each authorise a request', async () => {
    expect((await get('/', { cookie: cookie() })).status).toBe(200)
    expect((await get('/assets/index-abc123.js', { 'x-companion-token': shell.token })).status).toBe(200)
    expect((await get(`/assets/index-abc123.js?token=${shell.token}`)).status).toBe(200)
  })
})

describe('Host and Origin checks', () => {
  it.each(['evil.example.org', `evil.example.org:${0}`, '127.0.0.1', '127.0.0.1:1', '[::1]'])('Host %s → 403', async (badHost) => {
    const response = await rawRequest(shell.port, { path: '/', headers: { host: badHost.replace(':0', `:${shell.port}`), cookie: cookie() } })
    expect(response.status).toBe(403)
  })

  it('accepts localhost:<port> as Host', async () => {
    expect((await rawRequest(shell.port, { path: '/', headers: { host: `localhost:${shell.port}`, cookie: cookie() } })).status).toBe(200)
  })

  it('refuses a foreign Origin even with a valid token, on calls and the event stream', async () => {
    for (const origin of ['http://evil.example.org', `http://127.0.0.1:${shell.port + 1}`, 'null', `https://127.0.0.1:${shell.port}`]) {
      expect((await post('/api/call/app.getState', '{}', { origin, cookie: cookie() })).status).toBe(403)
      expect((await get('/api/events', { origin, cookie: cookie() })).status).toBe(403)
    }
    expect(companion.calls.filter((call) => call.name === 'app.getState')).toHaveLength(0)
  })

  it('accepts its own origin', async () => {
    expect((await post('/api/call/app.getState', '{}', { origin: `http://${host}` })).status).toBe(200)
  })
})

describe('calls', () => {
  it('round-trips a call: JSON request in, BridgeResult out', async () => {
    const response = await post('/api/call/study.get', JSON.stringify({ studyId: STUDY }), { cookie: cookie() })
    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { echo: { studyId: STUDY } } })
    expect(companion.calls.at(-1)).toEqual({ name: 'study.get', request: { studyId: STUDY } })
  })

  it('returns the core validation error as data', async () => {
    const response = await post('/api/call/study.get', JSON.stringify({ studyId: 'not-a-study' }))
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body)
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('invalid-request')
    expect(body.error.message).toMatch(/study ID/)
  })

  it('malformed JSON → 400 with a BridgeResult error', async () => {
    const response = await post('/api/call/study.get', '{"studyId": ')
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'invalid-request', message: 'The request body is not valid JSON.' } })
  })

  it('unknown call → 404 unknown-call', async () => {
    const response = await post('/api/call/app.deleteEverything', '{}')
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body).error.code).toBe('unknown-call')
  })

  it('requires Content-Type application/json and the x-companion-token header (a cookie alone is not enough)', async () => {
    const form = await rawRequest(shell.port, {
      method: 'POST',
      path: '/api/call/queue.refresh',
      body: '{}',
      headers: { host, cookie: cookie(), 'content-type': 'text/plain', 'x-companion-token': shell.token }
    })
    expect(form.status).toBe(415)
    const cookieOnly = await rawRequest(shell.port, {
      method: 'POST',
      path: '/api/call/queue.refresh',
      body: '{}',
      headers: { host, cookie: cookie(), 'content-type': 'application/json' }
    })
    expect(cookieOnly.status).toBe(401)
    const wrongHeader = await post('/api/call/queue.refresh', '{}', { cookie: cookie(), 'x-companion-token': 'wrong' })
    expect(wrongHeader.status).toBe(401)
  })

  it('refuses bodies over 64 KiB', async () => {
    const response = await post('/api/call/auth.findUsers', JSON.stringify({ query: 'x'.repeat(70 * 1024) }))
    expect(response.status).toBe(413)
    expect(JSON.parse(response.body).ok).toBe(false)
  })

  it('POST /api/notification-clicked forwards the study IDs, and rejects bad ones', async () => {
    const ok = await post('/api/notification-clicked', JSON.stringify({ studyIds: [STUDY] }))
    expect(ok.status).toBe(200)
    expect(companion.clicked.at(-1)).toEqual([STUDY])
    expect((await post('/api/notification-clicked', JSON.stringify({ studyIds: ['../etc'] }))).status).toBe(400)
    for (const body of ['null', '"stu_x"', '[]']) {
      const bad = await post('/api/notification-clicked', body)
      expect(bad.status, body).toBe(400)
      expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
  })
})

describe('static files', () => {
  it('serves index.html with the security headers, no-store, and the token in a meta tag', async () => {
    const response = await get('/', { cookie: cookie() })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body).toContain(`<meta name="rrc-token" content="${shell.token}" />`)
  })

  it('serves hashed assets with their MIME type and long private caching', async () => {
    const js = await get('/assets/index-abc123.js', { cookie: cookie() })
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(js.body).toContain('console.log')
    const css = await get('/assets/index-abc123.css', { cookie: cookie() })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '/assets/link.txt',
    '/.hidden',
    '/assets/%E0%A4%A'
  ])('refuses traversal: %s', async (path) => {
    const response = await get(path, { cookie: cookie() })
    expect([400, 404]).toContain(response.status)
    expect(response.body).not.toContain('TOP-SECRET')
    expect(response.body).not.toContain('dotfile')
  })

  it('answers /favicon.ico with 204 when the renderer has none (no console error in the page)', async () => {
    expect((await get('/favicon.ico', { cookie: cookie() })).status).toBe(204)
  })

  it('404 for missing files and no directory listings', async () => {
    expect((await get('/missing.js', { cookie: cookie() })).status).toBe(404)
    expect((await get('/assets/', { cookie: cookie() })).status).toBe(404)
  })
})

describe('event stream', () => {
  it('delivers core events as SSE frames, sends heartbeats, and removes listeners on disconnect', async () => {
    const before = companion.listenerCount()
    let during = 0
    const received = await new Promise<string>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port: shell.port, path: '/api/events', headers: { host, cookie: cookie() }, agent: false }, (response) => {
        expect(response.statusCode).toBe(200)
        expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
        let text = ''
        let emitted = false
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (!emitted && text.includes(': connected')) {
            emitted = true
            during = companion.listenerCount()
            companion.emit('alerts.pauseChanged', { pausedUntil: '2026-11-26T19:00:00.000Z' })
          }
          if (text.includes('event: alerts.pauseChanged') && text.includes(': heartbeat')) {
            request.destroy()
            resolve(text)
          }
        })
      })
      request.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)))
    })
    expect(received).toContain('event: alerts.pauseChanged\ndata: {"pausedUntil":"2026-11-26T19:00:00.000Z"}\n\n')
    expect(during).toBe(before + 7)
    await expect.poll(() => companion.listenerCount(), { timeout: 5000 }).toBe(before)
  })
})
