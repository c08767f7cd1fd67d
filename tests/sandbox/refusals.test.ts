/**
 * Every answer the sandbox gives before reading a request's body closes the connection, so a
 * client pushing a huge body is cut off promptly instead of being read to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MOST_BYTES_ACCEPTED, expectRefusedAndClosed, offerHugeBody, PROMPT_CLOSE_MS } from './huge-body'
import { MAX_DRAIN_BYTES } from '@sandbox/http/body'
import { startTestSandbox, type TestSandbox } from './helpers'

let sb: TestSandbox
let port: number
beforeAll(async () => {
  sb = await startTestSandbox({ seed: 'empty' })
  port = Number(new URL(sb.baseURL).port)
})
afterAll(() => sb.close())

const withKey = () => ({ authorization: `Bearer ${sb.apiKey}` })

describe('a refused request with a huge body gets a closed connection', () => {
  const cases: Array<{ name: string; method: string; path: string; status: number; headers?: () => Record<string, string>; chunked?: boolean }> = [
    { name: '401 on /v1 (no key)', method: 'POST', path: '/v1/viewer/studies', status: 401 },
    { name: '401 on /v1 (wrong key), chunked', method: 'POST', path: '/v1/viewer/studies', status: 401, headers: () => ({ authorization: 'Bearer nope' }), chunked: true },
    { name: '401 on /_sandbox/', method: 'POST', path: '/_sandbox/faults', status: 401 },
    { name: '404 unknown route', method: 'POST', path: '/nowhere', status: 404 },
    { name: '404 unknown /v1 route', method: 'POST', path: '/v1/viewer/nothing', status: 404, headers: withKey },
    { name: '405 on /v1', method: 'PUT', path: '/v1/viewer/studies', status: 405, headers: withKey },
    { name: '405 on /openapi.json', method: 'POST', path: '/openapi.json', status: 405 },
    { name: '405 on the viewer page', method: 'POST', path: '/viewer/studies/stu_x', status: 405 }
  ]

  it.each(cases)('$name', async ({ method, path, status, headers, chunked }) => {
    const outcome = await offerHugeBody({ port, method, path, headers: headers?.() ?? {}, chunked })
    expectRefusedAndClosed(outcome, status)
  })

  it('413 drains at most 64 MiB (so the client can read the answer), then closes', async () => {
    const outcome = await offerHugeBody({ port, method: 'POST', path: '/v1/viewer/studies', headers: withKey() })
    expect(outcome.closedByServer).toBe(true)
    expect(outcome.closedAfterMs).toBeLessThan(PROMPT_CLOSE_MS)
    expect(outcome.bytesAccepted).toBeLessThan(MAX_DRAIN_BYTES + MOST_BYTES_ACCEPTED)
    expect(outcome.bytesAccepted).toBeLessThan(outcome.offeredBytes / 10)
    if (outcome.status !== null) expect(outcome.status).toBe(413)
  })

  it('an injected fault answers without reading the body, and closes too', async () => {
    await sb.api('POST', '/_sandbox/faults', { status: 503, count: 1 })
    const outcome = await offerHugeBody({ port, method: 'POST', path: '/v1/viewer/studies', headers: withKey() })
    expect(outcome.closedByServer).toBe(true)
    expect(outcome.closedAfterMs).toBeLessThan(PROMPT_CLOSE_MS)
    expect(outcome.bytesAccepted).toBeLessThan(MOST_BYTES_ACCEPTED)
    if (outcome.status !== null) expect(outcome.status).toBe(503)
    expect((await sb.api('GET', '/_sandbox/faults')).json.active).toBe(false)
  })

  it('the sandbox still serves afterwards, and keeps accepted requests alive', async () => {
    const res = await sb.api('POST', '/v1/viewer/studies/cancel', {})
    expect(res.status).toBe(400)
    // The body was read, so the connection is not closed for it.
    expect(res.headers.get('connection')).not.toBe('close')
    const missingKey = await sb.raw('POST', '/v1/viewer/studies', { body: '{}', headers: { 'content-type': 'application/json' } })
    expect(missingKey.status).toBe(401)
    expect(missingKey.headers.get('connection')).toBe('close')
    // A request without a body keeps its connection even when refused.
    const bodiless = await sb.raw('GET', '/v1/viewer/studies')
    expect(bodiless.status).toBe(401)
    expect(bodiless.headers.get('connection')).not.toBe('close')
  })
})
