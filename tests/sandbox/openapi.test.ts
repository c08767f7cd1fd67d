/* eslint-disable @typescript-eslint/no-explicit-any -- walks the untyped OpenAPI JSON document */
/**
 * /openapi.json tells the truth: it is a valid OpenAPI 3.1 document (checked by a real validator),
 * inputs it accepts are accepted by the sandbox and inputs it rejects are rejected (checked with a
 * JSON Schema validator against the running sandbox), the sandbox's answers match its response
 * schemas, and those schemas are tight enough that a mock made from them ends its lists.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENDPOINTS, isIsoDate, type OperationName } from '@shared/avara/contract'
import { freshUid, startTestSandbox, type TestSandbox } from './helpers'

let sb: TestSandbox
let doc: any
beforeAll(async () => {
  sb = await startTestSandbox({ seed: 'demo' })
  doc = (await sb.raw('GET', '/openapi.json')).json
})
afterAll(() => sb.close())

function ajv(options: { coerceTypes?: boolean } = {}) {
  const instance = new Ajv2020({ allErrors: true, allowUnionTypes: true, strictTypes: false, ...options })
  instance.addKeyword('example')
  instance.addFormat('date', isIsoDate)
  instance.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
  return instance
}
const bodies = ajv()
const queries = ajv({ coerceTypes: true })

function operationOf(name: OperationName): any {
  const spec = ENDPOINTS[name]
  return doc.paths[spec.path][spec.method.toLowerCase()]
}

/** Whether the document accepts `body` for the operation (a missing body counts as none). */
function documentAcceptsBody(name: OperationName, body: unknown): boolean {
  const requestBody = operationOf(name).requestBody
  if (body === undefined) return !requestBody.required
  return bodies.validate(requestBody.content['application/json'].schema, body)
}

/** Whether the document accepts this query string (decoded as OpenAPI does: `form`, comma arrays). */
function documentAcceptsQuery(name: OperationName, search: string): boolean {
  const parameters = operationOf(name).parameters.filter((p: any) => p.in === 'query')
  const properties = Object.fromEntries(parameters.map((p: any) => [p.name, p.schema]))
  const values: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(search)) {
    values[key] = properties[key]?.type === 'array' ? value.split(',') : value
  }
  return queries.validate({ type: 'object', properties, additionalProperties: false }, values)
}

function responseSchema(name: OperationName): any {
  const spec = ENDPOINTS[name]
  return operationOf(name).responses[String(spec.successStatus)].content['application/json'].schema
}

describe('the document', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('has a licence, tags with descriptions, and a description and tag on every operation', () => {
    expect(doc.info.license.name).toBeTruthy()
    const tagNames = doc.tags.map((tag: any) => tag.name)
    for (const tag of doc.tags) expect(tag.description.length).toBeGreaterThan(10)
    for (const name of Object.keys(ENDPOINTS) as OperationName[]) {
      const op = operationOf(name)
      expect(op.description.length, name).toBeGreaterThan(10)
      expect(tagNames).toContain(op.tags[0])
      expect(op.responses[String(ENDPOINTS[name].successStatus)].content['application/json'].example, name).toBeDefined()
    }
  })

  it('documents 429 and 5xx with retry-after, retry-after-ms and x-should-retry on every operation', () => {
    for (const name of Object.keys(ENDPOINTS) as OperationName[]) {
      for (const status of ['429', '5XX']) {
        const headers = operationOf(name).responses[status]?.headers
        expect(Object.keys(headers ?? {}).sort(), `${name} ${status}`).toEqual(['retry-after', 'retry-after-ms', 'x-should-retry'])
      }
      expect(operationOf(name).responses['409'].headers['x-should-retry']).toBeDefined()
    }
    for (const header of ['RetryAfter', 'RetryAfterMs', 'ShouldRetry']) expect(doc.components.headers[header].schema).toBeDefined()
  })

  it('marks a body required exactly where no body is refused', () => {
    const required = (Object.keys(ENDPOINTS) as OperationName[]).filter((name) => operationOf(name).requestBody?.required === true)
    expect(required.sort()).toEqual(
      ['studies.create', 'studies.cancel', 'studies.uncancel', 'studies.rerouteURL', 'users.invite', 'users.revokeAccess', 'users.reactivate', 'users.invitations.revoke'].sort()
    )
    for (const name of ['studies.update', 'users.update', 'users.invitations.update'] as const) expect(operationOf(name).requestBody.required).toBe(false)
  })

  it('every example matches its own schema', () => {
    for (const name of Object.keys(ENDPOINTS) as OperationName[]) {
      const op = operationOf(name)
      const response = op.responses[String(ENDPOINTS[name].successStatus)].content['application/json']
      expect(bodies.validate(response.schema, response.example), `${name} response: ${JSON.stringify(bodies.errors)}`).toBe(true)
      const request = op.requestBody?.content['application/json']
      if (request?.example !== undefined) expect(bodies.validate(request.schema, request.example), `${name} request: ${JSON.stringify(bodies.errors)}`).toBe(true)
    }
  })
})

describe('request inputs: the document and the sandbox agree', () => {
  let userId: string
  let studyId: string
  let studyUid: string
  const unknownStudy = `stu_${'0'.repeat(32)}`
  const unknownUser = `usr_${'0'.repeat(32)}`

  beforeAll(async () => {
    const studies = (await sb.api('GET', '/v1/viewer/studies?limit=5&isCancelled=false')).json.studies
    studyId = studies[0].studyId
    studyUid = studies[1].studyInstanceUid
    userId = (await sb.api('GET', '/v1/viewer/users?level=member&limit=1')).json.users[0].userId
  })

  const metadata = (pairs: number, keyLength = 10, valueLength = 10) =>
    Object.fromEntries(Array.from({ length: pairs }, (_, i) => [`${i}`.padStart(keyLength, 'k'), 'v'.repeat(valueLength)]))
  const create = (extra: Record<string, unknown> = {}) => ({ severity: 'normal', studyDescription: 'CT Head', studyInstanceUid: freshUid(), ...extra })
  const invite = (extra: Record<string, unknown> = {}) => ({
    canManageStudies: false, clinicRole: 'Radiologist', email: `doc-${freshUid()}@example.org`, firstName: 'A', lastName: 'B', hasDashboardAccess: false, level: 'member', ...extra
  })

  const bodySamples: Array<[string, OperationName, () => unknown, boolean]> = [
    ['create: a valid study', 'studies.create', () => create(), true],
    ['create: 50 metadata pairs, keys of 100, values of 1000', 'studies.create', () => create({ metadata: metadata(50, 100, 1000) }), true],
    ['create: UID with a 0 component', 'studies.create', () => create({ studyInstanceUid: `0.${freshUid()}` }), true],
    ['create: UID with a leading zero', 'studies.create', () => create({ studyInstanceUid: '1.2.03' }), false],
    ['create: UID with an empty component', 'studies.create', () => create({ studyInstanceUid: '1..2' }), false],
    ['create: UID with letters', 'studies.create', () => create({ studyInstanceUid: '1.2.abc' }), false],
    ['create: UID of 65 characters', 'studies.create', () => create({ studyInstanceUid: `1.${'2'.repeat(63)}` }), false],
    ['create: 51 metadata pairs', 'studies.create', () => create({ metadata: metadata(51) }), false],
    ['create: a metadata key of 101', 'studies.create', () => create({ metadata: metadata(1, 101) }), false],
    ['create: a metadata value of 1001', 'studies.create', () => create({ metadata: metadata(1, 10, 1001) }), false],
    ['create: an empty metadata key', 'studies.create', () => create({ metadata: { '': 'x' } }), false],
    ['create: a blank description', 'studies.create', () => create({ studyDescription: '   ' }), false],
    ['create: an unknown field', 'studies.create', () => create({ colour: 'red' }), false],
    ['create: no body', 'studies.create', () => undefined, false],
    ['update: nothing', 'studies.update', () => ({}), true],
    ['update: no body', 'studies.update', () => undefined, true],
    ['update: unassign and clear metadata', 'studies.update', () => ({ assignedTo: null, metadata: null }), true],
    ['update: blank description', 'studies.update', () => ({ studyDescription: ' ' }), false],
    ['cancel: by ID', 'studies.cancel', () => ({ studyId }), true],
    ['cancel: an unknown but well-formed ID (404, not 400)', 'studies.cancel', () => ({ studyId: unknownStudy }), true],
    ['cancel: an empty locator', 'studies.cancel', () => ({}), false],
    ['cancel: no body', 'studies.cancel', () => undefined, false],
    ['uncancel: a bad UID', 'studies.uncancel', () => ({ studyInstanceUid: '1.02' }), false],
    ['reroute: by UID', 'studies.rerouteURL', () => ({ studyInstanceUid: studyUid }), true],
    ['reroute: an empty locator', 'studies.rerouteURL', () => ({}), false],
    ['invite: a member', 'users.invite', () => invite(), true],
    ['invite: an admin with the dashboard', 'users.invite', () => invite({ level: 'admin', hasDashboardAccess: true }), true],
    ['invite: an admin without the dashboard', 'users.invite', () => invite({ level: 'admin' }), false],
    ['invite: an owner', 'users.invite', () => invite({ level: 'owner' }), false],
    ['invite: a phone with dashes', 'users.invite', () => invite({ phoneNumber: '555-123-4567' }), false],
    ['invite: not an email', 'users.invite', () => invite({ email: 'nobody' }), false],
    ['invite: a blank first name', 'users.invite', () => invite({ firstName: '  ' }), false],
    ['revoke access: no body', 'users.revokeAccess', () => undefined, false],
    ['invitation revoke: unknown user (404)', 'users.invitations.revoke', () => ({ userId: unknownUser }), true],
    ['invitation revoke: empty', 'users.invitations.revoke', () => ({}), false]
  ]

  it.each(bodySamples)('%s', async (_name, operation, make, accepted) => {
    const body = make()
    expect(documentAcceptsBody(operation, body), `the document on ${JSON.stringify(body)?.slice(0, 200)}: ${JSON.stringify(bodies.errors)}`).toBe(accepted)
    const spec = ENDPOINTS[operation]
    const path = spec.path.replace('{studyId}', studyId).replace('{userId}', userId)
    const res = await sb.api(spec.method, path, body)
    if (accepted) expect(res.status, res.text).not.toBe(400)
    else expect(res.status, res.text).toBe(400)
  })

  const querySamples: Array<[OperationName, string, boolean]> = [
    ['studies.list', 'assignedTo=', true],
    ['studies.list', 'assignedTo=null', true],
    ['studies.list', 'expressCustomerId=null&isCancelled=null', true],
    ['studies.list', 'isCancelled=&severity=stat&limit=20', true],
    ['studies.list', 'isCancelled=true&studyViewerStatus=complete', true],
    ['studies.list', 'limit=20.0', true],
    ['studies.list', 'assignedTo=usr_x', false],
    ['studies.list', 'isCancelled=maybe', false],
    ['studies.list', 'severity=urgent', false],
    ['studies.list', 'limit=0', false],
    ['studies.list', 'limit=101', false],
    ['studies.list', 'limit=2.5', false],
    ['studies.list', 'colour=red', false],
    ['users.list', 'level=owner&invitedSource=dashboard', true],
    ['users.list', 'level=boss', false],
    ['users.invitations.list', 'status=sent%2Crevoked&expired=not-expired', true],
    ['users.invitations.list', 'startDate=2024-02-29&endDate=2026-12-31', true],
    ['users.invitations.list', 'startDate=2026-02-30', false],
    ['users.invitations.list', 'endDate=2026-2-3', false],
    ['users.invitations.list', 'status=sent%2Cmaybe', false],
    ['users.invitations.list', 'expired=soon', false]
  ]

  it.each(querySamples)('%s?%s', async (operation, search, accepted) => {
    expect(documentAcceptsQuery(operation, search), JSON.stringify(queries.errors)).toBe(accepted)
    const res = await sb.api('GET', `${ENDPOINTS[operation].path}?${search}`)
    if (accepted) expect(res.status, res.text).toBe(200)
    else expect(res.status, res.text).toBe(400)
  })

  it('path parameters: the UID pattern of by-uid', async () => {
    const parameter = operationOf('studies.retrieveByUid').parameters[0]
    expect(bodies.validate(parameter.schema, studyUid)).toBe(true)
    expect((await sb.api('GET', `/v1/viewer/studies/by-uid/${studyUid}`)).status).toBe(200)
    for (const uid of ['1.02', 'abc', '1..2']) expect(bodies.validate(parameter.schema, uid), uid).toBe(false)
  })
})

describe('responses: the sandbox answers what the document says, and lists end', () => {
  it('real answers match the response schemas (every page of every list, and single objects)', async () => {
    for (const [operation, path] of [
      ['studies.list', '/v1/viewer/studies?limit=7'],
      ['users.list', '/v1/viewer/users?limit=2'],
      ['users.invitations.list', '/v1/viewer/users/invitations?limit=3']
    ] as const) {
      let cursor = ''
      let pages = 0
      for (;;) {
        const page = (await sb.api('GET', cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path)).json
        expect(bodies.validate(responseSchema(operation), page), `${operation} page ${pages}: ${JSON.stringify(bodies.errors)}`).toBe(true)
        pages++
        if (!page.hasMore) break
        cursor = page.cursor
      }
      expect(pages).toBeGreaterThan(1)
    }
    const study = (await sb.api('GET', '/v1/viewer/studies?limit=1')).json.studies[0]
    expect(bodies.validate(responseSchema('studies.retrieve'), (await sb.api('GET', `/v1/viewer/studies/${study.studyId}`)).json)).toBe(true)
    const created = await sb.api('POST', '/v1/viewer/users', { canManageStudies: true, clinicRole: 'Radiologist', email: 'schema.check@example.org', firstName: 'S', lastName: 'C', hasDashboardAccess: true, level: 'admin' })
    expect(bodies.validate(responseSchema('users.invite'), created.json), JSON.stringify(bodies.errors)).toBe(true)
    const reroute = await sb.api('POST', '/v1/viewer/studies/reroute-url', { studyId: study.studyId })
    expect(bodies.validate(responseSchema('studies.rerouteURL'), reroute.json)).toBe(true)
  })

  it.each([
    ['an empty page that claims more', { studies: [], hasMore: true, cursor: 'x' }, false],
    ['more without a cursor', { studies: ['STUDY'], hasMore: true }, false],
    ['more with an empty cursor', { studies: ['STUDY'], hasMore: true, cursor: '' }, false],
    ['no hasMore at all', { studies: ['STUDY'] }, false],
    ['a last page that still has a cursor', { studies: ['STUDY'], hasMore: false, cursor: 'x' }, false],
    ['more than 100 items', { studies: Array(101).fill('STUDY'), hasMore: false }, false],
    ['a last page', { studies: ['STUDY'], hasMore: false }, true],
    ['an empty last page', { studies: [], hasMore: false }, true],
    ['a middle page', { studies: ['STUDY'], hasMore: true, cursor: 'eyJvZmZzZXQiOjIwfQ==' }, true]
  ])('a list page: %s', async (_name, page, valid) => {
    const study = (await sb.api('GET', '/v1/viewer/studies?limit=1')).json.studies[0]
    const filled = { ...page, studies: page.studies.map(() => study) }
    expect(bodies.validate(responseSchema('studies.list'), filled)).toBe(valid)
  })
})
