import Database from 'better-sqlite3'
import fc from 'fast-check'
import { Agent, request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '@sandbox/server'

const RUNS = 3200
const dir = mkdtempSync(join(tmpdir(), 'avara-fuzz-'))
const dbFile = join(dir, 'fuzz.db')
const agent = new Agent({ keepAlive: true, maxSockets: 8 })
let sb: RunningSandbox
let seededStudyIds: string[] = []
let seededUserIds: string[] = []

interface RawResponse {
  status: number
  contentType: string
  body: string
}

function send(method: string, target: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
  const url = new URL(sb.baseURL)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: target, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, dbFile, quiet: true })
  const auth = { authorization: `Bearer ${sb.apiKey}` }
  seededStudyIds = JSON.parse((await send('GET', '/v1/viewer/studies?limit=100', auth, undefined)).body).studies.map((s: { studyId: string }) => s.studyId)
  seededUserIds = JSON.parse((await send('GET', '/v1/viewer/users?limit=100', auth, undefined)).body).users.map((u: { userId: string }) => u.userId)
})

afterAll(async () => {
  agent.destroy()
  await sb?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Percent-encodes everything outside a safe ASCII set, so Node accepts the request target. */
const encodeLoose = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const weirdSegment = fc.oneof(
  fc.constantFrom('', '.', '..', '%', '%zz', '%2', '%00', '%2F', '%2e%2e', '%C0%AF', '%E0%A4%A', '%FF', '%u0041', '+', ';', '@', '~', '..%2F..', 'by-uid', 'cancel', 'invitations', 'revoke'),
  fc.string({ maxLength: 30 }).map(encodeLoose),
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,40}$/),
  fc.constantFrom('stu_', 'usr_', 'inv_', 'cus_').chain((p) => fc.stringMatching(/^[0-9a-fA-F]{0,34}$/).map((h) => p + h)),
  fc.stringMatching(/^[0-9.]{0,70}$/),
  fc.nat(5000).map((n) => 'x'.repeat(n))
)

/** Real IDs (filled in once the sandbox is seeded) so the fuzz reaches past the 404s. */
const idPool = () => fc.nat().map((i) => {
  const pool = [...seededStudyIds, ...seededUserIds]
  return pool.length ? (pool[i % pool.length] ?? '') : ''
})

const path = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('/v1/viewer/studies', '/v1/viewer/studies/cancel', '/v1/viewer/studies/uncancel', '/v1/viewer/studies/reroute-url', '/v1/viewer/users', '/v1/viewer/users/revoke-access', '/v1/viewer/users/reactivate', '/v1/viewer/users/invitations', '/v1/viewer/users/invitations/revoke', '/openapi.json', '/_sandbox/faults', '/_sandbox/config', '/_sandbox/requests') },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('/v1/viewer/studies/', '/v1/viewer/users/', '/v1/viewer/users/invitations/', '/v1/viewer/studies/by-uid/', '/viewer/studies/'), fc.oneof(weirdSegment, idPool())).map(([a, b]) => a + b) },
  { weight: 2, arbitrary: fc.array(weirdSegment, { minLength: 0, maxLength: 6 }).map((segments) => '/' + segments.join('/')) },
  { weight: 1, arbitrary: fc.array(weirdSegment, { maxLength: 4 }).map((segments) => '/v1/viewer/' + segments.join('/')) }
)

const queryKey = fc.oneof(
  fc.constantFrom('limit', 'cursor', 'assignedTo', 'expressCustomerId', 'isCancelled', 'severity', 'studyDescription', 'studyViewerStatus', 'email', 'firstName', 'lastName', 'level', 'invitedSource', 'status', 'expired', 'startDate', 'endDate', 'userId', 'token'),
  fc.string({ maxLength: 12 }).map(encodeLoose)
)
const queryValue = fc.oneof(
  fc.constantFrom('', 'null', 'true', 'false', '20.0', '0', '101', '-1', '1e3', 'NaN', '%', '%zz', 'sent%2Crevoked', 'sent,,', '2026-02-30', '2026-01-01', 'stat', '%25', '_', '\\', 'eyJvZmZzZXQiOjIwfQ%3D%3D'),
  fc.string({ maxLength: 40 }).map(encodeLoose),
  fc.integer().map(String),
  fc.double().map(String),
  idPool(),
  fc.nat(3000).map((n) => 'a'.repeat(n))
)
const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }).map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : ''))

const knownField = fc.constantFrom('severity', 'studyDescription', 'studyInstanceUid', 'assignedTo', 'expressCustomerId', 'metadata', 'studyId', 'studyViewerStatus', 'userId', 'invitationId', 'email', 'firstName', 'lastName', 'level', 'clinicRole', 'canManageStudies', 'hasDashboardAccess', 'phoneNumber', 'middleName', 'status', 'count', 'failureRate', 'rerouteTtlSeconds')
const fieldValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), idPool(), fc.constantFrom('stat', 'normal', 'complete', 'member', 'admin', 'owner', 'Radiologist', '1.2.3.4', '1.2.840.10008.5.1.4.1.1.2', 'x@example.org', null, true, 1e308, -0, ''))
const body = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 40, arbitrary: fc.dictionary(knownField, fieldValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)) },
  { weight: 12, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 16, arbitrary: fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"a":', 'null', '[', '{"metadata":{"__proto__":{"x":"1"}}}', '\u0000', '{"studyId":"stu_' + 'a'.repeat(32) + '"}', '{"a":1}{"b":2}', '\uFEFF{}', '{"severity":"stat","studyDescription":"\uD800","studyInstanceUid":"1.2.3"}')) },
  { weight: 1, arbitrary: fc.constantFrom(1024 * 1024 + 10, 200_000).map((n) => JSON.stringify({ studyDescription: 'y'.repeat(n) })) }
)
const method = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD') }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,10}$/) })
const auth = fc.oneof({ weight: 8, arbitrary: fc.constant('valid') }, { weight: 1, arbitrary: fc.constantFrom('none', 'wrong', 'garbage') })

describe('fuzzing over HTTP', () => {
  it(`answers ${RUNS} random and malformed requests without a 5xx`, async () => {
    let sent = 0
    await fc.assert(
      fc.asyncProperty(method, path, query, body, auth, fc.boolean(), async (m, p, q, b, a, withType) => {
        const headers: Record<string, string> = {}
        if (a === 'valid') headers.authorization = `Bearer ${sb.apiKey}`
        else if (a === 'wrong') headers.authorization = 'Bearer sk_live_' + '0'.repeat(32)
        else if (a === 'garbage') headers.authorization = 'Bearer'
        if (withType) headers['content-type'] = 'application/json'
        // Fault injection would turn answers into deliberate 5xx: keep it off during the fuzz.
        const target = p.startsWith('/_sandbox/faults') ? '/_sandbox/requests' : p
        const res = await send(m, target + q, headers, m === 'GET' || m === 'HEAD' ? undefined : b)
        sent += 1
        expect(res.status, `${m} ${target}${q}`).toBeLessThan(500)
        expect(res.status).toBeGreaterThanOrEqual(200)
        if (res.status >= 400 && m !== 'HEAD' && !target.startsWith('/viewer/')) {
          expect(res.contentType).toMatch(/^application\/json/)
          expect(typeof JSON.parse(res.body).message).toBe('string')
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.SANDBOX_FUZZ_SEED ?? 20260101) }
    )
    expect(sent).toBeGreaterThanOrEqual(3000)

    // The seeded data is still readable through the API.
    const authHeader = { authorization: `Bearer ${sb.apiKey}` }
    for (const id of seededStudyIds) expect((await send('GET', `/v1/viewer/studies/${id}`, authHeader, undefined)).status).toBe(200)
    for (const id of seededUserIds) expect((await send('GET', `/v1/viewer/users/${id}`, authHeader, undefined)).status).toBe(200)
  }, 120_000)

  it('leaves an intact database file', async () => {
    await sb.close()
    const db = new Database(dbFile, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const studies = db.prepare('SELECT COUNT(*) AS n FROM studies WHERE id IN (' + seededStudyIds.map(() => '?').join(',') + ')').get(...seededStudyIds) as { n: number }
      expect(studies.n).toBe(seededStudyIds.length)
      const maya = db.prepare("SELECT first_name FROM users WHERE email = 'maya.chen@example.org'").get() as { first_name: string }
      expect(maya.first_name).toBe('Maya')
    } finally {
      db.close()
    }
  })
})
