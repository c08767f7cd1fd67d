/* eslint-disable @typescript-eslint/no-explicit-any -- walks the untyped OpenAPI JSON document */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENDPOINTS } from '@shared/avara/contract'
import { freshUid, startTestSandbox, type TestSandbox } from './helpers'

let sb: TestSandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

function expectJsonError(res: { status: number; headers: Headers; json: any }, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(typeof res.json?.message).toBe('string')
  expect(res.json.message.length).toBeGreaterThan(0)
  expect(typeof res.json.code).toBe('string')
}

/** Sends a raw request target exactly as given (fetch would normalise it). */
function rawRequest(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(sb.baseURL)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: target, headers }, (res) => {
      let data = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (data += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('authentication', () => {
  it('answers 401 JSON for a missing or wrong key, on every /v1 route', async () => {
    expectJsonError(await sb.raw('GET', '/v1/viewer/studies'), 401)
    expectJsonError(await sb.raw('GET', '/v1/viewer/studies', { headers: { authorization: 'Bearer sk_live_' + '0'.repeat(32) } }), 401)
    expectJsonError(await sb.raw('GET', '/v1/viewer/studies', { headers: { authorization: sb.apiKey } }), 401)
    expectJsonError(await sb.raw('GET', '/v1/viewer/studies', { headers: { authorization: `Basic ${sb.apiKey}` } }), 401)
    expectJsonError(await sb.raw('POST', '/v1/viewer/studies/cancel', { body: '{}' }), 401)
    expectJsonError(await sb.raw('GET', '/_sandbox/requests'), 401)
    expect((await sb.api('GET', '/v1/viewer/studies?limit=1')).status).toBe(200)
    expect(sb.apiKey).toMatch(/^sk_test_sandbox_[0-9a-f]{32}$/)
  })

  it('accepts a key given as an option', async () => {
    const other = await startTestSandbox({ apiKey: 'my-own-key', seed: 'empty' })
    try {
      expect(other.apiKey).toBe('my-own-key')
      expect((await other.api('GET', '/v1/viewer/users')).json.users).toHaveLength(1)
    } finally {
      await other.close()
    }
  })
})

describe('error bodies', () => {
  it('404 for unknown routes, inside and outside /v1', async () => {
    expectJsonError(await sb.api('GET', '/v1/viewer/patients'), 404)
    // A lone 'by-uid' reads as a (malformed) study ID.
    expectJsonError(await sb.api('GET', '/v1/viewer/studies/by-uid'), 400)
    expectJsonError(await sb.api('GET', '/v1/viewer/studies/by-uid/1.2/x'), 404)
    expectJsonError(await sb.api('GET', '/v1/viewer/studies/'), 404)
    expectJsonError(await sb.api('GET', '/v2/x'), 404)
    expectJsonError(await sb.raw('GET', '/'), 404)
  })

  it('405 with Allow for known paths and wrong methods', async () => {
    const del = await sb.api('DELETE', '/v1/viewer/studies')
    expectJsonError(del, 405)
    expect(del.headers.get('allow')).toContain('GET')
    const put = await sb.api('PUT', `/v1/viewer/studies/stu_${'0'.repeat(32)}`, {})
    expectJsonError(put, 405)
    expect(put.headers.get('allow')).toBe('GET, PATCH')
    expectJsonError(await sb.api('GET', '/v1/viewer/users/revoke-access'), 405)
    expectJsonError(await sb.api('GET', '/v1/viewer/users/invitations/revoke'), 405)
    expectJsonError(await sb.api('POST', '/openapi.json', {}), 405)
  })

  it('400 for malformed JSON and non-object bodies', async () => {
    for (const body of ['{', '{"a":}', 'undefined', "{'a':1}", '"text"', '42', '[]', 'true']) {
      const res = await sb.api('POST', '/v1/viewer/studies', body)
      expectJsonError(res, 400)
    }
  })

  it('413 for bodies over 1 MiB, 400 (not 413) just under', async () => {
    const huge = JSON.stringify({ severity: 'normal', studyDescription: 'x'.repeat(1024 * 1024), studyInstanceUid: freshUid() })
    expectJsonError(await sb.api('POST', '/v1/viewer/studies', huge), 413)
    const chunked = await rawRequest('POST', '/v1/viewer/studies', { authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, huge)
    expect(chunked.status).toBe(413)
    const under = JSON.stringify({ severity: 'normal', studyDescription: 'x'.repeat(1000 * 1000), studyInstanceUid: freshUid() })
    expectJsonError(await sb.api('POST', '/v1/viewer/studies', under), 400)
    expect((await sb.api('GET', '/v1/viewer/studies?limit=1')).status).toBe(200)
  })

  it('400 for malformed percent-encoding and repeated query keys; odd targets never 5xx', async () => {
    const auth = { authorization: `Bearer ${sb.apiKey}` }
    expect((await rawRequest('GET', '/v1/viewer/studies/%E0%A4%A', auth)).status).toBe(400)
    expect((await rawRequest('GET', '/v1/viewer/studies?limit=1&limit=2', auth)).status).toBe(400)
    expect((await rawRequest('GET', '/v1/viewer/studies?limit=%ZZ', auth)).status).toBe(400)
    for (const target of ['//v1/viewer/studies', '/v1/viewer/studies/..', '/v1/viewer/studies/%2e%2e', '/v1/../v1/viewer/studies', '/viewer/studies/%ZZ?token=a']) {
      const res = await rawRequest('GET', target, auth)
      expect(res.status, target).toBeGreaterThanOrEqual(400)
      expect(res.status, target).toBeLessThan(500)
    }
  })

  it('sends x-should-retry false only where a retry cannot help', async () => {
    const notFound = await sb.api('GET', `/v1/viewer/studies/stu_${'0'.repeat(32)}`)
    expect(notFound.headers.get('x-should-retry')).toBeNull()
  })
})

describe('CORS', () => {
  it('answers preflight without auth, allowing the SDK headers', async () => {
    const res = await fetch(`${sb.baseURL}/v1/viewer/studies`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type,x-stainless-retry-count' }
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const methods = res.headers.get('access-control-allow-methods') ?? ''
    for (const m of ['GET', 'POST', 'PATCH', 'OPTIONS']) expect(methods).toContain(m)
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim())
    for (const h of ['authorization', 'content-type', 'accept', 'x-stainless-retry-count', 'x-stainless-lang', 'x-stainless-package-version', 'x-stainless-os', 'x-stainless-arch', 'x-stainless-runtime', 'x-stainless-runtime-version', 'x-stainless-timeout']) {
      expect(allowed).toContain(h)
    }
  })

  it('puts allow-origin and exposed retry headers on answers and errors', async () => {
    const ok = await sb.api('GET', '/v1/viewer/studies?limit=1')
    expect(ok.headers.get('access-control-allow-origin')).toBe('*')
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-should-retry')
    expect((await sb.raw('GET', '/v1/viewer/studies')).headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('/openapi.json', () => {
  it('is a valid-looking OpenAPI 3.1 document with all 18 operations, served without auth', async () => {
    const res = await sb.raw('GET', '/openapi.json')
    expect(res.status).toBe(200)
    const doc = res.json as any
    expect(doc.openapi).toMatch(/^3\.1\./)
    expect(doc.info.title).toBeTruthy()
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.security).toEqual([{ bearer: [] }])
    expect(doc.components.schemas.Error.required).toEqual(expect.arrayContaining(['message', 'code']))
    const operations: Array<{ id: string; method: string; path: string; op: any }> = []
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      expect(path.startsWith('/v1/viewer/')).toBe(true)
      for (const [method, op] of Object.entries<any>(item)) operations.push({ id: op.operationId, method, path, op })
    }
    expect(operations).toHaveLength(18)
    expect(new Set(operations.map((o) => o.id))).toEqual(new Set(Object.keys(ENDPOINTS)))
    for (const { id, method, path, op } of operations) {
      const spec = ENDPOINTS[id as keyof typeof ENDPOINTS]
      expect(method).toBe(spec.method.toLowerCase())
      expect(path).toBe(spec.path)
      const success = op.responses[String(spec.successStatus)]
      expect(success.content['application/json'].schema.type).toBe('object')
      expect(op.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error')
      const pathParams = op.parameters.filter((p: any) => p.in === 'path')
      expect(pathParams.map((p: any) => `{${p.name}}`)).toEqual(path.match(/\{[^}]+\}/g) ?? [])
      if ('body' in spec) expect(op.requestBody.content['application/json'].schema.type).toBe('object')
      else expect(op.requestBody).toBeUndefined()
    }
    const list = operations.find((o) => o.id === 'studies.list')!.op
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['assignedTo', 'isCancelled', 'limit', 'cursor', 'studyDescription']))
    const create = operations.find((o) => o.id === 'studies.create')!.op
    expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['severity', 'studyDescription', 'studyInstanceUid']))
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false)
  })
})
