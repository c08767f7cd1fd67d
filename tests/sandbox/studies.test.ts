import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StudySchema } from '@shared/avara/contract'
import { collectAll, freshUid, ISO_MS_RE, startTestSandbox, STUDY_ID_RE, type TestSandbox } from './helpers'

let sb: TestSandbox
let mayaId: string

beforeAll(async () => {
  sb = await startTestSandbox()
  const users = await sb.api('GET', `/v1/viewer/users?email=${encodeURIComponent(sb.demoRadiologistEmail ?? '')}`)
  mayaId = users.json.users[0].userId
})
afterAll(() => sb.close())

async function createStudy(extra: Record<string, unknown> = {}) {
  const res = await sb.api('POST', '/v1/viewer/studies', { severity: 'normal', studyDescription: 'CT Head without contrast', studyInstanceUid: freshUid(), ...extra })
  expect(res.status, res.text).toBe(201)
  return res.json
}

describe('studies.create', () => {
  it('creates a study with the documented shape', async () => {
    const uid = freshUid()
    const res = await sb.api('POST', '/v1/viewer/studies', {
      severity: 'stat', studyDescription: 'CTA Chest PE protocol', studyInstanceUid: uid, assignedTo: mayaId, metadata: { accessionNumber: 'A1' }
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const study = res.json
    expect(StudySchema.safeParse(study).success).toBe(true)
    expect(study.studyId).toMatch(STUDY_ID_RE)
    expect(study).toMatchObject({
      studyInstanceUid: uid, severity: 'stat', studyViewerStatus: 'incomplete', isCancelled: false, cancelledAt: null,
      metadata: { accessionNumber: 'A1' }, createdByUser: null, expressCustomer: null
    })
    expect(study.assignedTo).toMatchObject({ userId: mayaId, email: 'maya.chen@example.org', firstName: 'Maya', lastName: 'Chen', suffix1: 'MD' })
    expect(study.assignedTo).not.toHaveProperty('middleName')
    expect(study.createdByApiKey).toEqual({ apiKeyId: sb.apiKeyId, description: expect.any(String), isViewerEnabled: true })
    expect(study.createdAt).toMatch(ISO_MS_RE)
    expect(study.updatedAt).toBe(study.createdAt)
    expect(study).not.toHaveProperty('expressCustomerId')
  })

  it('gives {} metadata when none is sent and links an Express customer', async () => {
    const all = await sb.api('GET', '/v1/viewer/studies?limit=100')
    const customer = all.json.studies.find((s: { expressCustomer: unknown }) => s.expressCustomer)?.expressCustomer
    expect(customer).toBeTruthy()
    const study = await createStudy({ expressCustomerId: customer.expressCustomerId })
    expect(study.metadata).toEqual({})
    expect(study.expressCustomer).toEqual(customer)
  })

  it.each([
    ['1.2.3.', 'studyInstanceUid'],
    ['1..2', 'studyInstanceUid'],
    ['1.02.3', 'studyInstanceUid'],
    ['1.2.a', 'studyInstanceUid'],
    ['1.' + '2'.repeat(63), 'studyInstanceUid'],
    ['', 'studyInstanceUid']
  ])('rejects the DICOM UID %j with a 400 naming the field', async (uid, field) => {
    const res = await sb.api('POST', '/v1/viewer/studies', { severity: 'normal', studyDescription: 'x', studyInstanceUid: uid })
    expect(res.status).toBe(400)
    expect(res.json.message).toContain(`${field}:`)
    expect(res.json.code).toBe('validation_error')
  })

  it('accepts 0 components and a 64-character UID', async () => {
    const uid = '1.0.' + '9'.repeat(60)
    expect(uid.length).toBe(64)
    await createStudy({ studyInstanceUid: uid })
  })

  it('rejects a duplicate studyInstanceUid with 409 and x-should-retry false', async () => {
    const study = await createStudy()
    const res = await sb.api('POST', '/v1/viewer/studies', { severity: 'high', studyDescription: 'again', studyInstanceUid: study.studyInstanceUid })
    expect(res.status).toBe(409)
    expect(res.headers.get('x-should-retry')).toBe('false')
    expect(res.json.message).toMatch(/already exists/)
  })

  it('enforces the metadata limits', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    expect((await sb.api('POST', '/v1/viewer/studies', { severity: 'normal', studyDescription: 'x', studyInstanceUid: freshUid(), metadata: tooMany })).status).toBe(400)
    await createStudy({ metadata: fifty })
    for (const metadata of [{ ['k'.repeat(101)]: 'v' }, { '': 'v' }, { k: 'v'.repeat(1001) }, { k: 1 }]) {
      const res = await sb.api('POST', '/v1/viewer/studies', { severity: 'normal', studyDescription: 'x', studyInstanceUid: freshUid(), metadata })
      expect(res.status, JSON.stringify(metadata).slice(0, 40)).toBe(400)
      expect(res.json.message).toContain('metadata')
    }
    await createStudy({ metadata: { ['k'.repeat(100)]: 'v'.repeat(1000) } })
  })

  it('rejects unknown assignees and customers (404) and malformed IDs or unknown fields (400)', async () => {
    const base = { severity: 'normal', studyDescription: 'x', studyInstanceUid: freshUid() }
    expect((await sb.api('POST', '/v1/viewer/studies', { ...base, assignedTo: 'usr_' + '0'.repeat(32) })).status).toBe(404)
    expect((await sb.api('POST', '/v1/viewer/studies', { ...base, expressCustomerId: 'cus_' + '0'.repeat(32) })).status).toBe(404)
    const malformed = await sb.api('POST', '/v1/viewer/studies', { ...base, assignedTo: 'usr_XYZ' })
    expect(malformed.status).toBe(400)
    expect(malformed.json.message).toContain('assignedTo')
    const extra = await sb.api('POST', '/v1/viewer/studies', { ...base, studyViewerStatus: 'complete' })
    expect(extra.status).toBe(400)
    expect(extra.json.message).toContain('studyViewerStatus')
    expect((await sb.api('POST', '/v1/viewer/studies', { ...base, severity: 'urgent' })).status).toBe(400)
    expect((await sb.api('POST', '/v1/viewer/studies', { studyInstanceUid: freshUid() })).status).toBe(400)
  })
})

describe('studies.list', () => {
  it('expressCustomerId= (empty, the SDK\'s null) lists only studies without a customer; an ID lists only that customer\'s', async () => {
    type Listed = { studyId: string; expressCustomer: { expressCustomerId: string } | null }
    const all = await collectAll<Listed>(sb, '/v1/viewer/studies?limit=100', 'studies')
    const withCustomer = all.filter((s) => s.expressCustomer)
    expect(withCustomer.length).toBeGreaterThan(0)
    expect(withCustomer.length).toBeLessThan(all.length)
    const without = await collectAll<Listed>(sb, '/v1/viewer/studies?expressCustomerId=&limit=100', 'studies')
    expect(without.map((s) => s.studyId).sort()).toEqual(all.filter((s) => !s.expressCustomer).map((s) => s.studyId).sort())
    const customerId = withCustomer[0]!.expressCustomer!.expressCustomerId
    const theirs = await collectAll<Listed>(sb, `/v1/viewer/studies?expressCustomerId=${customerId}&limit=100`, 'studies')
    expect(theirs.map((s) => s.studyId).sort()).toEqual(all.filter((s) => s.expressCustomer?.expressCustomerId === customerId).map((s) => s.studyId).sort())
    expect((await sb.api('GET', '/v1/viewer/studies?expressCustomerId=cus_bad')).status).toBe(400)
  })
})

describe('studies.retrieve / retrieveByUid', () => {
  it('retrieves by ID and by UID, 400 for malformed and 404 for unknown', async () => {
    const study = await createStudy()
    expect((await sb.api('GET', `/v1/viewer/studies/${study.studyId}`)).json).toEqual(study)
    expect((await sb.api('GET', `/v1/viewer/studies/by-uid/${encodeURIComponent(study.studyInstanceUid)}`)).json).toEqual(study)
    expect((await sb.api('GET', '/v1/viewer/studies/stu_123')).status).toBe(400)
    expect((await sb.api('GET', `/v1/viewer/studies/stu_${'A'.repeat(32)}`)).status).toBe(400)
    const unknown = await sb.api('GET', `/v1/viewer/studies/stu_${'0'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(unknown.json.code).toBe('study_not_found')
    expect((await sb.api('GET', '/v1/viewer/studies/by-uid/9.9.9.9.9')).status).toBe(404)
    expect((await sb.api('GET', '/v1/viewer/studies/by-uid/1.02')).status).toBe(400)
    expect((await sb.api('GET', '/v1/viewer/studies/by-uid/abc%2F1')).status).toBe(400)
  })
})

describe('studies.update', () => {
  it('changes only the fields sent and advances updatedAt', async () => {
    const study = await createStudy({ metadata: { a: '1' } })
    const res = await sb.api('PATCH', `/v1/viewer/studies/${study.studyId}`, { severity: 'high', assignedTo: mayaId })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ severity: 'high', studyDescription: study.studyDescription, metadata: { a: '1' } })
    expect(res.json.assignedTo.userId).toBe(mayaId)
    expect(res.json.updatedAt > study.updatedAt).toBe(true)
    expect(res.json.createdAt).toBe(study.createdAt)

    const unassigned = await sb.api('PATCH', `/v1/viewer/studies/${study.studyId}`, { assignedTo: null, metadata: null, studyViewerStatus: 'complete', studyDescription: 'MRI Brain w/wo contrast' })
    expect(unassigned.json).toMatchObject({ assignedTo: null, metadata: {}, studyViewerStatus: 'complete', studyDescription: 'MRI Brain w/wo contrast' })
    expect(unassigned.json.updatedAt > res.json.updatedAt).toBe(true)
  })

  it('advances updatedAt strictly even for back-to-back changes', async () => {
    const study = await createStudy()
    let last = study.updatedAt
    for (let i = 0; i < 10; i++) {
      const res = await sb.api('PATCH', `/v1/viewer/studies/${study.studyId}`, { severity: i % 2 ? 'high' : 'stat' })
      expect(res.json.updatedAt > last).toBe(true)
      last = res.json.updatedAt
    }
  })

  it('accepts an empty body, {} and null without changing anything', async () => {
    const study = await createStudy()
    for (const body of [undefined, '{}', 'null']) {
      const res = await sb.api('PATCH', `/v1/viewer/studies/${study.studyId}`, body)
      expect(res.status).toBe(200)
      expect(res.json).toEqual(study)
    }
  })

  it('rejects bad updates', async () => {
    const study = await createStudy()
    const path = `/v1/viewer/studies/${study.studyId}`
    expect((await sb.api('PATCH', path, { assignedTo: 'usr_' + 'f'.repeat(32) })).status).toBe(404)
    expect((await sb.api('PATCH', path, { studyInstanceUid: freshUid() })).status).toBe(400)
    expect((await sb.api('PATCH', path, { expressCustomerId: null })).status).toBe(400)
    expect((await sb.api('PATCH', path, { severity: null })).status).toBe(400)
    expect((await sb.api('PATCH', path, { studyDescription: '   ' })).status).toBe(400)
    expect((await sb.api('PATCH', `/v1/viewer/studies/stu_${'1'.repeat(32)}`, { severity: 'high' })).status).toBe(404)
  })
})

describe('cancel / uncancel', () => {
  it('cancels and uncancels by studyId or studyInstanceUid', async () => {
    const study = await createStudy()
    const cancel = await sb.api('POST', '/v1/viewer/studies/cancel', { studyId: study.studyId })
    expect(cancel.status).toBe(200)
    expect(cancel.json.success).toBe(true)
    const cancelled = (await sb.api('GET', `/v1/viewer/studies/${study.studyId}`)).json
    expect(cancelled.isCancelled).toBe(true)
    expect(cancelled.cancelledAt).toMatch(ISO_MS_RE)
    expect(cancelled.updatedAt > study.updatedAt).toBe(true)

    const again = await sb.api('POST', '/v1/viewer/studies/cancel', { studyInstanceUid: study.studyInstanceUid })
    expect(again.status).toBe(409)
    expect(again.headers.get('x-should-retry')).toBe('false')

    const uncancel = await sb.api('POST', '/v1/viewer/studies/uncancel', { studyInstanceUid: study.studyInstanceUid, studyId: study.studyId })
    expect(uncancel.status).toBe(200)
    const restored = (await sb.api('GET', `/v1/viewer/studies/${study.studyId}`)).json
    expect(restored).toMatchObject({ isCancelled: false, cancelledAt: null })
    expect(restored.updatedAt > cancelled.updatedAt).toBe(true)

    const notCancelled = await sb.api('POST', '/v1/viewer/studies/uncancel', { studyId: study.studyId })
    expect(notCancelled.status).toBe(409)
    expect(notCancelled.headers.get('x-should-retry')).toBe('false')
  })

  it('validates the locator', async () => {
    const a = await createStudy()
    const b = await createStudy()
    for (const path of ['/v1/viewer/studies/cancel', '/v1/viewer/studies/uncancel', '/v1/viewer/studies/reroute-url']) {
      for (const body of [undefined, '{}', 'null']) {
        const res = await sb.api('POST', path, body)
        expect(res.status, `${path} ${body}`).toBe(400)
        expect(res.json.message).toMatch(/studyId or studyInstanceUid/)
      }
      expect((await sb.api('POST', path, { studyId: a.studyId, studyInstanceUid: b.studyInstanceUid })).status).toBe(400)
      expect((await sb.api('POST', path, { studyId: `stu_${'0'.repeat(32)}` })).status).toBe(404)
      expect((await sb.api('POST', path, { studyInstanceUid: '7.7.7.7.7.7' })).status).toBe(404)
      expect((await sb.api('POST', path, { studyId: 'nope' })).status).toBe(400)
      expect((await sb.api('POST', path, '[1]')).status).toBe(400)
    }
  })
})

describe('reroute-url', () => {
  it('returns an absolute URL on the sandbox itself', async () => {
    const study = await createStudy()
    const res = await sb.api('POST', '/v1/viewer/studies/reroute-url', { studyInstanceUid: study.studyInstanceUid })
    expect(res.status).toBe(200)
    const url = new URL(res.json.url)
    expect(url.origin).toBe(sb.baseURL)
    expect(url.pathname).toBe(`/viewer/studies/${study.studyId}`)
    expect(url.searchParams.get('token')).toBeTruthy()
  })
})

describe('validation messages', () => {
  it('names every missing required field', async () => {
    const res = await sb.api('POST', '/v1/viewer/studies', {})
    expect(res.status).toBe(400)
    expect(res.json.message).toContain('severity: is required')
    expect(res.json.message).toContain('studyInstanceUid: is required')
  })
})
