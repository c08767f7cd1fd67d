import fs from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import { CONTENT_SECURITY_POLICY } from '@main/web/headers'
import { EVENT_NAMES } from '@shared/ipc/contract'
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

/** `path` below the capability prefix `/<token>`. */
const at = (path: string) => `/${shell.token}${path}`
/** Raw paths (tests of the prefix itself use these). */
const getRaw = (path: string, headers: Record<string, string> = {}) => rawRequest(shell.port, { path, headers: { host, ...headers } })
const postRaw = (path: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(shell.port, { method: 'POST', path, body, headers: { host, 'content-type': 'application/json', ...headers } })
/** Requests below the prefix, as the page makes them. */
const get = (path: string, headers: Record<string, string> = {}) => getRaw(at(path), headers)
const post = (path: string, body: string, headers: Record<string, string> = {}) => postRaw(at(path), body, headers)

describe('start-up', () => {
  it('prints a loopback capability URL (the 32-byte base64url token is its first path segment) and starts the core with web ports', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/${shell.token}/`)
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(companion.started).toBe(true)
    expect(companion.ports?.shell).toBe('web')
    expect(companion.ports?.opener.openedBy).toBe('page')
  })
})

describe('the token must be the first path segment of every request', () => {
  it.each(['/', '/index.html', '/assets/index-abc123.js', '/api/events', '/api/call/app.getState', '/nope', '/wrong/', '/wrong/api/events'])(
    'GET %s without the token prefix → 401',
    async (path) => {
      const response = await getRaw(path)
      expect(response.status).toBe(401)
      if (/^\/(?:wrong\/)?api\//.test(path)) expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      else expect(response.body).toMatch(/address printed in the terminal/)
      expect(response.body).not.toContain(shell.token)
      expect(response.headers['set-cookie']).toBeUndefined()
      expect(response.headers['referrer-policy']).toBe('no-referrer')
    }
  )

  it('POST calls without the token prefix → 401, and reach nothing', async () => {
    for (const path of ['/api/call/app.getState', '/api/events', `/x${shell.token}/api/call/app.getState`]) {
      const response = await postRaw(path, '{}')
      expect(response.status, path).toBe(401)
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(companion.calls).toHaveLength(0)
    expect(companion.clicked).toHaveLength(0)
  })

  it('a wrong or partial token in the path → 401', async () => {
    for (const wrong of [shell.token.slice(0, -1), `${shell.token}x`, shell.token.toLowerCase() === shell.token ? 'X' : shell.token.toLowerCase(), '%20', encodeURIComponent(shell.token) + '%2F']) {
      expect((await getRaw(`/${wrong}/`)).status, wrong).toBe(401)
      expect((await postRaw(`/${wrong}/api/call/app.getState`, '{}')).status, wrong).toBe(401)
    }
    expect(companion.calls).toHaveLength(0)
  })

  it('the old cookie, header and ?token= no longer authorise anything (and ?token= is not redirected)', async () => {
    const legacy = { cookie: `rrc_token=${shell.token}`, 'x-companion-token': shell.token }
    for (const path of ['/', '/index.html', '/assets/index-abc123.js', '/api/events']) {
      expect((await getRaw(path, legacy)).status, path).toBe(401)
      expect((await getRaw(`${path}?token=${shell.token}`)).status, `${path}?token=`).toBe(401)
    }
    const printedByOlderVersions = await getRaw(`/?token=${shell.token}`)
    expect(printedByOlderVersions.status).toBe(401)
    expect(printedByOlderVersions.headers.location).toBeUndefined()
    expect(printedByOlderVersions.body).toMatch(/address printed in the terminal/)
    expect(printedByOlderVersions.body).toContain('(ending in ?token=…) no longer work')
    expect((await postRaw(`/api/call/app.getState?token=${shell.token}`, '{}', legacy)).status).toBe(401)
    expect(companion.calls).toHaveLength(0)
  })

  it('sets no cookie on any answer', async () => {
    for (const response of [await get('/'), await get('/assets/index-abc123.js'), await post('/api/call/alerts.pause', '{"minutes":0}'), await getRaw(`/${shell.token}`)]) {
      expect(response.headers['set-cookie']).toBeUndefined()
    }
  })

  it('/<token> without its slash redirects to the page (its relative addresses need the slash)', async () => {
    const response = await getRaw(`/${shell.token}`)
    expect(response.status).toBe(308)
    expect(response.headers.location).toBe(`/${shell.token}/`)
  })

  it('answers /favicon.ico at the root with 204 (browsers ask for it on their own)', async () => {
    expect((await getRaw('/favicon.ico')).status).toBe(204)
  })
})

describe('Host and Origin checks', () => {
  it.each(['evil.example.org', `evil.example.org:${0}`, '127.0.0.1', '127.0.0.1:1', '[::1]'])('Host %s → 403', async (badHost) => {
    const response = await rawRequest(shell.port, { path: at('/'), headers: { host: badHost.replace(':0', `:${shell.port}`) } })
    expect(response.status).toBe(403)
  })

  it('accepts localhost:<port> as Host', async () => {
    expect((await rawRequest(shell.port, { path: at('/'), headers: { host: `localhost:${shell.port}` } })).status).toBe(200)
  })

  it('refuses a foreign Origin even with a valid token, on calls and the event stream', async () => {
    for (const origin of ['http://evil.example.org', `http://127.0.0.1:${shell.port + 1}`, 'null', `https://127.0.0.1:${shell.port}`]) {
      expect((await post('/api/call/app.getState', '{}', { origin })).status).toBe(403)
      expect((await get('/api/events', { origin })).status).toBe(403)
    }
    expect(companion.calls.filter((call) => call.name === 'app.getState')).toHaveLength(0)
  })

  it('accepts its own origin', async () => {
    expect((await post('/api/call/app.getState', '{}', { origin: `http://${host}` })).status).toBe(200)
  })
})

describe('calls', () => {
  it('round-trips a call: JSON request in, BridgeResult out', async () => {
    const response = await post('/api/call/study.get', JSON.stringify({ studyId: STUDY }))
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

  it('requires Content-Type application/json (no cross-site form or simple request), and only POST', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const form = await post('/api/call/queue.refresh', '{}', { 'content-type': type })
      expect(form.status, type).toBe(415)
    }
    expect((await get('/api/call/queue.refresh')).status).toBe(405)
    expect(companion.calls.filter((call) => call.name === 'queue.refresh')).toHaveLength(0)
  })

  it('refuses bodies over 64 KiB', async () => {
    const response = await post('/api/call/auth.findUsers', JSON.stringify({ query: 'x'.repeat(70 * 1024) }))
    expect(response.status).toBe(413)
    expect(JSON.parse(response.body).ok).toBe(false)
  })

  it('has no notification-click endpoint: the page handles a browser notification click itself (study.open)', async () => {
    const response = await post('/api/notification-clicked', JSON.stringify({ studyIds: [STUDY] }))
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    expect(companion.clicked).toHaveLength(0)
  })
})

describe('static files', () => {
  it('serves index.html at the printed address with the security headers and no-store, without the token in it', async () => {
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body).toContain('src="./assets/index-abc123.js"')
    expect(response.body).not.toContain(shell.token)
    expect((await get('/index.html')).status).toBe(200)
  })

  it('serves hashed assets with their MIME type and long private caching', async () => {
    const js = await get('/assets/index-abc123.js')
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(js.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(js.body).toContain('console.log')
    const css = await get('/assets/index-abc123.css')
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
    '/assets/%E0%A4%A',
    '/%2F..%2Fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt'
  ])('refuses traversal under the token prefix: /<token>%s', async (path) => {
    const response = await get(path)
    // 401 when `..` climbed above the prefix (the URL parser resolves it first), else 400/404.
    expect([400, 401, 404]).toContain(response.status)
    expect(response.body).not.toContain('TOP-SECRET')
    expect(response.body).not.toContain('dotfile')
  })

  it('404 for missing files and no directory listings', async () => {
    expect((await get('/missing.js')).status).toBe(404)
    expect((await get('/assets/')).status).toBe(404)
  })
})

describe('event stream', () => {
  it('under the token prefix: delivers core events as SSE frames, sends heartbeats, and removes listeners on disconnect', async () => {
    const before = companion.listenerCount()
    let during = 0
    const received = await new Promise<string>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port: shell.port, path: at('/api/events'), headers: { host }, agent: false }, (response) => {
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
    // One listener per bridge event while the page is connected.
    expect(during).toBe(before + EVENT_NAMES.length)
    await expect.poll(() => companion.listenerCount(), { timeout: 5000 }).toBe(before)
  })
})
