import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RequestLog } from '@sandbox/request-log'
import { freshUid, startTestSandbox, STUDY_ID_RE, type TestSandbox } from './helpers'

let sb: TestSandbox
beforeAll(async () => {
  sb = await startTestSandbox({ seed: 'empty' })
})
afterEach(async () => {
  await sb.api('DELETE', '/_sandbox/faults')
  await sb.api('DELETE', '/_sandbox/requests')
})
afterAll(() => sb.close())

describe('fault injection', () => {
  it('answers the next N /v1 requests with the status and retry headers, then recovers', async () => {
    const set = await sb.api('POST', '/_sandbox/faults', { status: 503, count: 2, retryAfterSeconds: 1, retryAfterMs: 250, shouldRetry: true })
    expect(set.status).toBe(200)
    expect(set.json).toMatchObject({ active: true, status: 503, count: 2, retryAfterSeconds: 1, retryAfterMs: 250, shouldRetry: true })
    for (let i = 0; i < 2; i++) {
      const res = await sb.api('GET', '/v1/viewer/users')
      expect(res.status).toBe(503)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.json.message).toBeTruthy()
      expect(res.headers.get('retry-after')).toBe('1')
      expect(res.headers.get('retry-after-ms')).toBe('250')
      expect(res.headers.get('x-should-retry')).toBe('true')
    }
    expect((await sb.api('GET', '/v1/viewer/users')).status).toBe(200)
    expect((await sb.api('GET', '/_sandbox/faults')).json).toEqual({ active: false })
  })

  it('does not touch the control endpoints, the OpenAPI document or the viewer', async () => {
    await sb.api('POST', '/_sandbox/faults', { status: 500 })
    expect((await sb.api('GET', '/_sandbox/requests')).status).toBe(200)
    expect((await sb.raw('GET', '/openapi.json')).status).toBe(200)
    expect((await sb.api('GET', '/v1/viewer/users')).status).toBe(500)
    expect((await sb.api('GET', '/v1/viewer/users')).status).toBe(500)
  })

  it('does not run the real handler when a fault answers', async () => {
    await sb.api('POST', '/_sandbox/faults', { status: 429, count: 1, shouldRetry: false })
    const res = await sb.api('POST', '/v1/viewer/users', { canManageStudies: false, clinicRole: 'Scribe', email: 'ghost@example.org', firstName: 'G', lastName: 'H', hasDashboardAccess: false, level: 'member' })
    expect(res.status).toBe(429)
    expect(res.headers.get('x-should-retry')).toBe('false')
    expect((await sb.api('GET', '/v1/viewer/users?email=ghost%40example.org')).json.users).toEqual([])
  })

  it('failureRate 0 never fires; an explicit rate is honoured per request', async () => {
    await sb.api('POST', '/_sandbox/faults', { status: 500, failureRate: 0 })
    for (let i = 0; i < 5; i++) expect((await sb.api('GET', '/v1/viewer/users')).status).toBe(200)
  })

  it('answers 200 with a malformed JSON body', async () => {
    await sb.api('POST', '/_sandbox/faults', { malformedJson: true, count: 1 })
    const res = await sb.api('GET', '/v1/viewer/studies')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(() => JSON.parse(res.text)).toThrow()
  })

  it('drops the connection without an answer', async () => {
    await sb.api('POST', '/_sandbox/faults', { dropConnection: true, count: 1 })
    await expect(fetch(`${sb.baseURL}/v1/viewer/studies`, { headers: { authorization: `Bearer ${sb.apiKey}` } })).rejects.toThrow()
    expect((await sb.api('GET', '/v1/viewer/studies')).status).toBe(200)
    const log = (await sb.api('GET', '/_sandbox/requests')).json.requests
    expect(log[0]).toMatchObject({ status: null, fault: 'dropConnection' })
  })

  it('delays the real answer with latency alone', async () => {
    await sb.api('POST', '/_sandbox/faults', { latencyMs: 150, count: 1 })
    const res = await sb.api('GET', '/v1/viewer/users')
    expect(res.status).toBe(200)
    const [entry] = (await sb.api('GET', '/_sandbox/requests')).json.requests
    expect(entry.fault).toBe('latency:150ms')
    expect(entry.status).toBe(200)
  })

  it('pagination faults: list answers that would make a naive client page forever; other requests unchanged', async () => {
    await sb.api('POST', '/v1/viewer/studies', { severity: 'stat', studyDescription: 'CT Head', studyInstanceUid: '1.2.3.4242' })
    await sb.api('POST', '/v1/viewer/studies', { severity: 'high', studyDescription: 'CT Chest', studyInstanceUid: '1.2.3.4243' })
    const real = await sb.api('GET', '/v1/viewer/studies?limit=1')
    expect(real.json.hasMore).toBe(true)

    expect((await sb.api('POST', '/_sandbox/faults', { pagination: 'repeatCursor', count: 3 })).json).toMatchObject({ active: true, pagination: 'repeatCursor' })
    const first = await sb.api('GET', '/v1/viewer/studies?limit=1')
    // Whatever cursor it is given, it answers the first page again with the same cursor.
    const again = await sb.api('GET', `/v1/viewer/studies?limit=1&cursor=${encodeURIComponent(first.json.cursor)}`)
    expect(first.json).toEqual({ studies: real.json.studies, cursor: first.json.cursor, hasMore: true })
    expect(again.json).toEqual(first.json)
    const users = await sb.api('GET', '/v1/viewer/users')
    expect(users.json).toMatchObject({ hasMore: true, users: [expect.objectContaining({ level: 'owner' })] })

    await sb.api('POST', '/_sandbox/faults', { pagination: 'emptyPageClaimsMore', count: 2 })
    const empty = await sb.api('GET', '/v1/viewer/users/invitations')
    expect(empty.json).toEqual({ invitations: [], cursor: expect.any(String), hasMore: true })
    // Not a list: answered normally (the request still counts against `count`).
    expect((await sb.api('GET', `/v1/viewer/studies/${real.json.studies[0].studyId}`)).json.studyId).toBe(real.json.studies[0].studyId)
    expect((await sb.api('GET', '/_sandbox/faults')).json).toEqual({ active: false })
    const log = (await sb.api('GET', '/_sandbox/requests')).json.requests.map((r: { fault: string | null }) => r.fault)
    expect(log.slice(-6)).toEqual([null, 'pagination:repeatCursor', 'pagination:repeatCursor', 'pagination:repeatCursor', 'pagination:emptyPageClaimsMore', 'pagination:emptyPageClaimsMore'])
  })

  it('validates the fault config', async () => {
    for (const body of [{}, { status: 200 }, { status: 503, failureRate: 2 }, { status: 503, count: 0 }, { status: 503, colour: 'red' }, { latencyMs: -1 }, { status: '503' }, { pagination: 'loop' }]) {
      const res = await sb.api('POST', '/_sandbox/faults', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.message).toBeTruthy()
    }
    expect((await sb.api('PUT', '/_sandbox/faults', {})).status).toBe(405)
    expect((await sb.api('GET', '/_sandbox/nope')).status).toBe(404)
  })
})

describe('request log', () => {
  it('records /v1 requests newest last, without secrets or bodies', async () => {
    await sb.api('GET', '/v1/viewer/studies?assignedTo=&limit=5&studyDescription=CT%20Head', undefined, { 'x-stainless-retry-count': '2' })
    await sb.api('POST', '/v1/viewer/studies', { severity: 'stat', studyDescription: 'SECRET-DESCRIPTION', studyInstanceUid: '1.2.3.999' })
    await sb.raw('GET', '/v1/viewer/users')
    const log = await sb.api('GET', '/_sandbox/requests')
    const requests = log.json.requests
    expect(requests).toHaveLength(3)
    expect(requests[0]).toMatchObject({
      method: 'GET', path: '/v1/viewer/studies', query: { assignedTo: '', limit: '5', studyDescription: 'CT Head' }, status: 200, retryCount: 2, fault: null
    })
    expect(typeof requests[0].durationMs).toBe('number')
    expect(requests[0].at).toMatch(/Z$/)
    expect(requests[1]).toMatchObject({ method: 'POST', status: 201, retryCount: null })
    expect(requests[2]).toMatchObject({ status: 401 })
    const text = JSON.stringify(log.json)
    expect(text).not.toContain(sb.apiKey)
    expect(text).not.toContain('SECRET-DESCRIPTION')
    expect((await sb.api('GET', '/_sandbox/requests?limit=1')).json.requests).toEqual([requests[2]])
    expect((await sb.api('GET', '/_sandbox/requests?limit=0')).status).toBe(400)
    expect((await sb.api('DELETE', '/_sandbox/requests')).status).toBe(200)
    expect((await sb.api('GET', '/_sandbox/requests')).json.requests).toEqual([])
  })

  it('keeps only the newest 1000', () => {
    const log = new RequestLog(1000)
    for (let i = 0; i < 1005; i++) log.add({ at: '', method: 'GET', path: `/v1/${i}`, query: {}, status: 200, retryCount: null, durationMs: 0, fault: null })
    const entries = log.recent()
    expect(entries).toHaveLength(1000)
    expect(entries[0]?.path).toBe('/v1/5')
    expect(entries[999]?.path).toBe('/v1/1004')
    expect(log.recent(2).map((e) => e.path)).toEqual(['/v1/1003', '/v1/1004'])
  })
})

describe('next study ID (test hook)', () => {
  const chosen = 'stu_' + 'ab12'.repeat(8)
  const create = (description: string) => sb.api('POST', '/v1/viewer/studies', { studyInstanceUid: freshUid(), studyDescription: description, severity: 'stat' })

  it('gives the next study created through the API the chosen ID, once; a taken or malformed ID is refused', async () => {
    expect((await sb.api('POST', '/_sandbox/next-study-id', { studyId: 'stu_123' })).status).toBe(400)
    expect((await sb.api('POST', '/_sandbox/next-study-id', {})).status).toBe(400)
    expect((await sb.api('GET', '/_sandbox/next-study-id')).status).toBe(405)
    expect((await sb.raw('POST', '/_sandbox/next-study-id', { body: JSON.stringify({ studyId: chosen }), headers: { 'content-type': 'application/json' } })).status).toBe(401)

    const set = await sb.api('POST', '/_sandbox/next-study-id', { studyId: chosen })
    expect(set).toMatchObject({ status: 200, json: { nextStudyId: chosen } })
    // A refused create does not use it up.
    expect((await sb.api('POST', '/v1/viewer/studies', { studyInstanceUid: freshUid(), studyDescription: 'x', severity: 'urgent' })).status).toBe(400)
    const first = await create('Chosen ID')
    expect(first).toMatchObject({ status: 201, json: { studyId: chosen, studyDescription: 'Chosen ID' } })
    expect((await sb.api('GET', `/v1/viewer/studies/${chosen}`)).json).toMatchObject({ studyId: chosen })
    const next = await create('Random ID again')
    expect(next.json.studyId).toMatch(STUDY_ID_RE)
    expect(next.json.studyId).not.toBe(chosen)

    const taken = await sb.api('POST', '/_sandbox/next-study-id', { studyId: chosen })
    expect(taken).toMatchObject({ status: 409, json: { code: 'duplicate_study_id' } })
  })
})
