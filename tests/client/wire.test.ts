/** What goes over the wire: URLs, headers and bodies, seen by a capture server on loopback. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import Avara, { AvaraError } from '@shared/avara'
import { startCaptureServer, type CaptureServer } from './helpers/capture-server'
import { study, TEST_KEY, user, invitation } from './helpers/fixtures'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())
afterEach(() => {
  server.requests.length = 0
  vi.unstubAllEnvs()
})

const client = (options: ConstructorParameters<typeof Avara>[0] = {}) => new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL, ...options })
const last = () => server.requests.at(-1)!

describe('routes and bodies of the 18 operations', () => {
  const s = study(1)
  const u = user(1)
  const inv = invitation(1)
  const ok = { success: true }
  const cases: [string, (c: Avara) => Promise<unknown>, string, string, string | undefined, unknown][] = [
    ['studies.create', (c) => c.viewer.studies.create({ severity: 'stat', studyDescription: 'CT', studyInstanceUid: '1.2.3', metadata: { a: 'b' } }), 'POST', '/v1/viewer/studies', '{"severity":"stat","studyDescription":"CT","studyInstanceUid":"1.2.3","metadata":{"a":"b"}}', s],
    ['studies.retrieve', (c) => c.viewer.studies.retrieve(s.studyId), 'GET', `/v1/viewer/studies/${s.studyId}`, undefined, s],
    ['studies.update', (c) => c.viewer.studies.update(s.studyId, { assignedTo: null, metadata: null }), 'PATCH', `/v1/viewer/studies/${s.studyId}`, '{"assignedTo":null,"metadata":null}', s],
    ['studies.update (no body)', (c) => c.viewer.studies.update(s.studyId), 'PATCH', `/v1/viewer/studies/${s.studyId}`, '{}', s],
    ['studies.cancel', (c) => c.viewer.studies.cancel(), 'POST', '/v1/viewer/studies/cancel', '{}', ok],
    ['studies.uncancel', (c) => c.viewer.studies.uncancel({ studyId: s.studyId }), 'POST', '/v1/viewer/studies/uncancel', `{"studyId":"${s.studyId}"}`, ok],
    ['studies.rerouteURL', (c) => c.viewer.studies.rerouteURL({ studyInstanceUid: '1.2.3' }), 'POST', '/v1/viewer/studies/reroute-url', '{"studyInstanceUid":"1.2.3"}', { url: 'http://x' }],
    ['studies.retrieveByUid', (c) => c.viewer.studies.retrieveByUid('1.2.840.10008.5.1.4.1.1.2'), 'GET', '/v1/viewer/studies/by-uid/1.2.840.10008.5.1.4.1.1.2', undefined, s],
    ['users.invite', (c) => c.viewer.users.invite({ canManageStudies: true, clinicRole: 'Radiologist', email: 'a@b.org', firstName: 'A', lastName: 'B', hasDashboardAccess: true, level: 'member' }), 'POST', '/v1/viewer/users', '{"canManageStudies":true,"clinicRole":"Radiologist","email":"a@b.org","firstName":"A","lastName":"B","hasDashboardAccess":true,"level":"member"}', u],
    ['users.retrieve', (c) => c.viewer.users.retrieve(u.userId), 'GET', `/v1/viewer/users/${u.userId}`, undefined, u],
    ['users.update', (c) => c.viewer.users.update(u.userId, { middleName: null }), 'PATCH', `/v1/viewer/users/${u.userId}`, '{"middleName":null}', u],
    ['users.revokeAccess', (c) => c.viewer.users.revokeAccess({ userId: u.userId }), 'POST', '/v1/viewer/users/revoke-access', `{"userId":"${u.userId}"}`, ok],
    ['users.reactivate', (c) => c.viewer.users.reactivate({ userId: u.userId }), 'POST', '/v1/viewer/users/reactivate', `{"userId":"${u.userId}"}`, ok],
    ['invitations.retrieve', (c) => c.viewer.users.invitations.retrieve(inv.invitationId), 'GET', `/v1/viewer/users/invitations/${inv.invitationId}`, undefined, inv],
    ['invitations.update', (c) => c.viewer.users.invitations.update(inv.invitationId, { level: 'admin' }), 'PATCH', `/v1/viewer/users/invitations/${inv.invitationId}`, '{"level":"admin"}', inv],
    ['invitations.revoke', (c) => c.viewer.users.invitations.revoke(), 'POST', '/v1/viewer/users/invitations/revoke', '{}', ok]
  ]

  it.each(cases)('%s', async (_name, call, method, path, body, response) => {
    server.reply(() => ({ json: response }))
    await expect(call(client())).resolves.toEqual(response)
    expect(last().method).toBe(method)
    expect(last().path).toBe(path)
    expect(last().rawQuery).toBe('')
    expect(last().body).toBe(body ?? '')
    if (body === undefined) expect(last().headers['content-type']).toBeUndefined()
    else expect(last().headers['content-type']).toBe('application/json')
  })

  it('treats an explicit null body like no body', async () => {
    server.reply(() => ({ json: { success: true } }))
    await client().viewer.studies.cancel(null as never)
    expect(last().body).toBe('{}')
  })

  it('sends list filters with the SDK encoding', async () => {
    server.reply(() => ({ json: { studies: [], hasMore: false } }))
    await client().viewer.studies.list({ assignedTo: null, expressCustomerId: null, isCancelled: false, limit: 5, studyDescription: 'CT Head & Neck' })
    expect(last().rawQuery).toBe('assignedTo=&expressCustomerId=&isCancelled=false&limit=5&studyDescription=CT%20Head%20%26%20Neck')
    server.reply(() => ({ json: { invitations: [], hasMore: false } }))
    await client().viewer.users.invitations.list({ status: ['sent', 'revoked'], expired: 'not-expired' })
    expect(last().path).toBe('/v1/viewer/users/invitations')
    expect(last().rawQuery).toBe('status=sent%2Crevoked&expired=not-expired')
    server.reply(() => ({ json: { users: [], hasMore: false } }))
    await client().viewer.users.list({ email: 'a+b@c.org' })
    expect(last().rawQuery).toBe('email=a%2Bb%40c.org')
  })

  it('percent-encodes path parameters and refuses "." and ".." before sending', async () => {
    server.reply(() => ({ status: 404, json: { message: 'nope' } }))
    await expect(client().viewer.studies.retrieve('a/b c?')).rejects.toThrow('404 nope')
    expect(last().path).toBe('/v1/viewer/studies/a%2Fb%20c%3F')
    const before = server.requests.length
    await expect(client().viewer.users.retrieve('..')).rejects.toBeInstanceOf(AvaraError)
    await expect(client().viewer.users.invitations.retrieve('.')).rejects.toBeInstanceOf(AvaraError)
    expect(server.requests.length).toBe(before)
  })
})

describe('raw responses', () => {
  it('withResponse gives the data and the HTTP response, asResponse the response alone', async () => {
    server.reply(() => ({ status: 201, json: study(1), headers: { 'x-request-id': 'req_1' } }))
    const c = client()
    const { data, response } = await c.viewer.studies.create({ severity: 'normal', studyDescription: 'x', studyInstanceUid: '1.2' }).withResponse()
    expect(data).toEqual(study(1))
    expect([response.status, response.headers.get('x-request-id')]).toEqual([201, 'req_1'])
    expect(await response.json()).toEqual(study(1))
    const raw = await c.viewer.studies.retrieve(study(1).studyId).asResponse()
    expect(await raw.text()).toBe(JSON.stringify(study(1)))
  })

  it('list pages carry their response too', async () => {
    server.reply(() => ({ json: { users: [user(1)], hasMore: false }, headers: { 'x-page': 'one' } }))
    const { data: page, response } = await client().viewer.users.list().withResponse()
    expect(page.users).toHaveLength(1)
    expect(response.headers.get('x-page')).toBe('one')
    expect(page.response.headers.get('x-page')).toBe('one')
  })
})

describe('headers', () => {
  it('sends the SDK request headers', async () => {
    server.reply(() => ({ json: { success: true } }))
    await client().viewer.studies.cancel({ studyId: study(1).studyId })
    const headers = last().headers
    expect(headers['accept']).toBe('application/json')
    expect(headers['content-type']).toBe('application/json')
    expect(headers['authorization']).toBe(`Bearer ${TEST_KEY}`)
    expect(headers['user-agent']).toBe('Avara/JS 0.2.0')
    expect(headers['x-stainless-retry-count']).toBe('0')
    expect(headers['x-stainless-lang']).toBe('js')
    expect(headers['x-stainless-package-version']).toBe('0.2.0')
    expect(headers['x-stainless-runtime']).toBe('node')
    expect(headers['x-stainless-runtime-version']).toBe(process.version)
    expect(headers['x-stainless-os']).toBeTypeOf('string')
    expect(headers['x-stainless-timeout']).toBeUndefined()
    expect(headers['idempotency-key']).toBeUndefined()
  })

  it('sends X-Stainless-Timeout in whole seconds only for a per-request timeout', async () => {
    server.reply(() => ({ json: study(1) }))
    await client({ timeout: 9000 }).viewer.studies.retrieve(study(1).studyId)
    expect(last().headers['x-stainless-timeout']).toBeUndefined()
    await client().viewer.studies.retrieve(study(1).studyId, { timeout: 2500 })
    expect(last().headers['x-stainless-timeout']).toBe('2')
  })

  it('layers env custom headers, defaultHeaders and per-request headers; null removes', async () => {
    vi.stubEnv('AVARA_CUSTOM_HEADERS', 'X-From-Env: env\nX-Overridden: env\nnot a header')
    server.reply(() => ({ json: study(1) }))
    const c = client({ defaultHeaders: { 'X-Overridden': 'default', 'X-Default': 'd', 'X-Stainless-Lang': null } })
    await c.viewer.studies.retrieve(study(1).studyId, { headers: { 'x-default': null, 'X-Request': 'r' } })
    const headers = last().headers
    expect(headers['x-from-env']).toBe('env')
    expect(headers['x-overridden']).toBe('default')
    expect(headers['x-default']).toBeUndefined()
    expect(headers['x-request']).toBe('r')
    expect(headers['x-stainless-lang']).toBeUndefined()
  })

  it('subclasses change the User-Agent like the SDK', async () => {
    class Companion extends Avara {}
    server.reply(() => ({ json: study(1) }))
    await new Companion({ apiKey: TEST_KEY, baseURL: server.baseURL }).viewer.studies.retrieve(study(1).studyId)
    expect(last().headers['user-agent']).toBe('Companion/JS 0.2.0')
  })
})

describe('configuration', () => {
  it('keeps a base URL path prefix and handles a trailing slash', async () => {
    server.reply(() => ({ json: study(1) }))
    await new Avara({ apiKey: TEST_KEY, baseURL: `${server.baseURL}/api/` }).viewer.studies.retrieve(study(1).studyId)
    expect(last().path).toBe(`/api/v1/viewer/studies/${study(1).studyId}`)
  })

  it('reads AVARA_API_KEY and AVARA_BASE_URL when the options are absent', async () => {
    vi.stubEnv('AVARA_API_KEY', 'sk_env_key')
    vi.stubEnv('AVARA_BASE_URL', server.baseURL)
    server.reply(() => ({ json: study(1) }))
    await new Avara().viewer.studies.retrieve(study(1).studyId)
    expect(last().headers['authorization']).toBe('Bearer sk_env_key')
  })

  it('defaults like the SDK and throws AvaraError without any key', () => {
    vi.stubEnv('AVARA_API_KEY', '')
    vi.stubEnv('AVARA_BASE_URL', '')
    expect(() => new Avara()).toThrow(AvaraError)
    expect(() => new Avara()).toThrow(/AVARA_API_KEY/)
    const c = new Avara({ apiKey: 'k' })
    expect([c.baseURL, c.timeout, c.maxRetries]).toEqual(['https://api.avarasoftware.com', 60_000, 2])
  })

  it('rejects unusable options early', () => {
    expect(() => new Avara({ apiKey: 'k', baseURL: 'not a url' })).toThrow(AvaraError)
    expect(() => new Avara({ apiKey: 'k', maxRetries: -1 })).toThrow(AvaraError)
    expect(() => new Avara({ apiKey: 'k', timeout: Number.NaN })).toThrow(AvaraError)
  })

  it('withOptions keeps the key and overrides the rest', async () => {
    server.reply(() => ({ json: study(1) }))
    const derived = client().withOptions({ maxRetries: 0 })
    expect(derived.maxRetries).toBe(0)
    await derived.viewer.studies.retrieve(study(1).studyId)
    expect(last().headers['authorization']).toBe(`Bearer ${TEST_KEY}`)
  })

  it('uses the injected fetch', async () => {
    const calls: string[] = []
    const c = new Avara({
      apiKey: TEST_KEY,
      baseURL: 'http://example.invalid',
      fetch: async (url) => {
        calls.push(url)
        return new Response(JSON.stringify(study(1)), { headers: { 'content-type': 'application/json' } })
      }
    })
    await c.viewer.studies.retrieve(study(1).studyId)
    expect(calls).toEqual([`http://example.invalid/v1/viewer/studies/${study(1).studyId}`])
  })
})
