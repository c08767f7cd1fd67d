import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectAll, freshUid, startTestSandbox, type TestSandbox } from './helpers'

interface StudyItem {
  studyId: string
  createdAt: string
  severity: string
  studyDescription: string
  assignedTo: { userId: string } | null
  isCancelled: boolean
  expressCustomer: unknown
}

let sb: TestSandbox
beforeAll(async () => {
  sb = await startTestSandbox({ seed: 'empty' })
  const severities = ['normal', 'high', 'stat']
  for (let i = 0; i < 250; i++) {
    const res = await sb.api('POST', '/v1/viewer/studies', {
      severity: severities[i % 3], studyDescription: i % 5 === 0 ? `MRI Brain 100%_done #${i}` : `CT Chest #${i}`, studyInstanceUid: freshUid(),
      ...(i % 4 === 0 ? { assignedTo: sb.owner.userId } : {})
    })
    expect(res.status).toBe(201)
  }
})
afterAll(() => sb.close())

function assertEnvelope(page: { items: unknown[]; hasMore: boolean; cursor?: unknown }, limit: number) {
  expect(page.items.length).toBeLessThanOrEqual(limit)
  if (page.hasMore) {
    expect(page.items.length).toBe(limit)
    expect(typeof page.cursor).toBe('string')
    expect((page.cursor as string).length).toBeGreaterThan(0)
  } else {
    expect(page).not.toHaveProperty('cursor')
  }
}

function assertNewestFirst(items: StudyItem[]) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!
    const b = items[i]!
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.studyId > b.studyId)).toBe(true)
  }
}

describe('cursor pagination', () => {
  it('visits all 250 studies exactly once with limit 7, newest first', async () => {
    const pages: number[] = []
    const items = await collectAll<StudyItem>(sb, '/v1/viewer/studies?limit=7', 'studies', (page) => {
      assertEnvelope(page, 7)
      pages.push(page.items.length)
    })
    expect(items).toHaveLength(250)
    expect(new Set(items.map((s) => s.studyId)).size).toBe(250)
    expect(pages.length).toBe(Math.ceil(250 / 7))
    assertNewestFirst(items)
  })

  it('keeps the filters across pages', async () => {
    const stat = await collectAll<StudyItem>(sb, '/v1/viewer/studies?severity=stat&limit=7', 'studies', (p) => assertEnvelope(p, 7))
    expect(stat).toHaveLength(83)
    expect(stat.every((s) => s.severity === 'stat')).toBe(true)
    const mine = await collectAll<StudyItem>(sb, `/v1/viewer/studies?assignedTo=${sb.owner.userId}&limit=9`, 'studies')
    expect(mine).toHaveLength(63)
    expect(mine.every((s) => s.assignedTo?.userId === sb.owner.userId)).toBe(true)
    const unassigned = await collectAll<StudyItem>(sb, '/v1/viewer/studies?assignedTo=&limit=100', 'studies')
    expect(unassigned).toHaveLength(187)
    expect(unassigned.every((s) => s.assignedTo === null)).toBe(true)
    expect(await collectAll(sb, '/v1/viewer/studies?assignedTo=null&limit=100', 'studies')).toHaveLength(187)
    expect(await collectAll(sb, '/v1/viewer/studies?expressCustomerId=&limit=100', 'studies')).toHaveLength(250)
    expect(await collectAll(sb, '/v1/viewer/studies?expressCustomerId=null&isCancelled=&limit=100', 'studies')).toHaveLength(250)
    expect(await collectAll(sb, '/v1/viewer/studies?isCancelled=false&studyViewerStatus=incomplete&limit=100', 'studies')).toHaveLength(250)
    expect(await collectAll(sb, '/v1/viewer/studies?isCancelled=true', 'studies')).toHaveLength(0)
  })

  it('matches studyDescription as a case-insensitive contains with literal wildcards', async () => {
    const brain = await collectAll<StudyItem>(sb, `/v1/viewer/studies?studyDescription=${encodeURIComponent('mri brain')}&limit=11`, 'studies')
    expect(brain).toHaveLength(50)
    expect(await collectAll(sb, `/v1/viewer/studies?studyDescription=${encodeURIComponent('100%_d')}&limit=100`, 'studies')).toHaveLength(50)
    expect(await collectAll(sb, `/v1/viewer/studies?studyDescription=${encodeURIComponent('%')}`, 'studies')).toHaveLength(50)
    expect(await collectAll(sb, `/v1/viewer/studies?studyDescription=${encodeURIComponent('C_')}`, 'studies')).toHaveLength(0)
  })

  it('stays correct when new studies arrive between pages', async () => {
    const first = await sb.api('GET', '/v1/viewer/studies?limit=10')
    const seen = new Set<string>(first.json.studies.map((s: StudyItem) => s.studyId))
    for (let i = 0; i < 5; i++) {
      await sb.api('POST', '/v1/viewer/studies', { severity: 'normal', studyDescription: `late ${i}`, studyInstanceUid: freshUid() })
    }
    const rest = await collectAll<StudyItem>(sb, `/v1/viewer/studies?limit=10&cursor=${encodeURIComponent(first.json.cursor)}`, 'studies')
    for (const s of rest) {
      expect(seen.has(s.studyId)).toBe(false)
      seen.add(s.studyId)
    }
    expect(seen.size).toBe(250 + 0 + (rest.length + 10 - 250))
    expect(rest.length + 10).toBe(250)
  })

  it('checks limit: 1-100, default 20, accepts 20.0', async () => {
    expect((await sb.api('GET', '/v1/viewer/studies')).json.studies).toHaveLength(20)
    expect((await sb.api('GET', '/v1/viewer/studies?limit=20.0')).json.studies).toHaveLength(20)
    expect((await sb.api('GET', '/v1/viewer/studies?limit=1')).json.studies).toHaveLength(1)
    expect((await sb.api('GET', '/v1/viewer/studies?limit=100')).json.studies).toHaveLength(100)
    for (const bad of ['0', '101', '2.5', 'abc', '', '-1', 'Infinity']) {
      const res = await sb.api('GET', `/v1/viewer/studies?limit=${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.json.message).toContain('limit')
    }
  })

  it('rejects forged, altered and cross-list cursors', async () => {
    const page = await sb.api('GET', '/v1/viewer/studies?limit=5')
    const cursor: string = page.json.cursor
    const [body, mac] = cursor.split('.')
    const forged = Buffer.from(JSON.stringify({ k: 'studies', c: '2099-01-01T00:00:00.000Z', i: 'stu_x' })).toString('base64url') + '.' + mac
    const offsetCursor = Buffer.from('{"offset":20}').toString('base64')
    for (const bad of [forged, `${body}.${mac}x`, offsetCursor, 'garbage', '...', body!]) {
      const res = await sb.api('GET', `/v1/viewer/studies?cursor=${encodeURIComponent(bad)}`)
      expect(res.status, bad).toBe(400)
      expect(res.json.code).toBe('invalid_cursor')
    }
    expect((await sb.api('GET', `/v1/viewer/users?cursor=${encodeURIComponent(cursor)}`)).status).toBe(400)
  })

  it('pages users and invitations the same way', async () => {
    for (let i = 0; i < 12; i++) {
      const res = await sb.api('POST', '/v1/viewer/users', {
        canManageStudies: false, clinicRole: 'Scribe', email: `scribe${i}@example.org`, firstName: 'S', lastName: `Scribe${i}`, hasDashboardAccess: false, level: 'member'
      })
      expect(res.status).toBe(201)
    }
    const users = await collectAll<{ userId: string }>(sb, '/v1/viewer/users?limit=5', 'users', (p) => assertEnvelope(p, 5))
    expect(users).toHaveLength(13)
    expect(new Set(users.map((u) => u.userId)).size).toBe(13)
    const invitations = await collectAll<{ invitationId: string }>(sb, '/v1/viewer/users/invitations?limit=5&status=sent', 'invitations', (p) => assertEnvelope(p, 5))
    expect(invitations).toHaveLength(12)
    const exact = await sb.api('GET', '/v1/viewer/users?limit=13')
    expect(exact.json.hasMore).toBe(false)
    expect(exact.json).not.toHaveProperty('cursor')
  })
})
