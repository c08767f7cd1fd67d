import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshUid, startTestSandbox } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'avara-sandbox-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('persistence', () => {
  it('keeps studies, users, invitations and the key across a restart of the same file', async () => {
    const dbFile = join(dir, 'nested', 'sandbox.db')
    const first = await startTestSandbox({ dbFile, seed: 'empty' })
    const study = (await first.api('POST', '/v1/viewer/studies', { severity: 'high', studyDescription: 'CT Chest without contrast', studyInstanceUid: freshUid() })).json
    const user = (await first.api('POST', '/v1/viewer/users', {
      canManageStudies: true, clinicRole: 'Radiologist', email: 'kept@example.org', firstName: 'Kept', lastName: 'User', hasDashboardAccess: false, level: 'member'
    })).json
    await first.api('POST', '/v1/viewer/studies/cancel', { studyId: study.studyId })
    const cancelled = (await first.api('GET', `/v1/viewer/studies/${study.studyId}`)).json
    const invitations = (await first.api('GET', '/v1/viewer/users/invitations')).json.invitations
    const firstPage = (await first.api('GET', '/v1/viewer/users?limit=1')).json
    await first.close()
    expect(existsSync(dbFile)).toBe(true)

    const second = await startTestSandbox({ dbFile, seed: 'demo' })
    try {
      expect(second.apiKey).toBe(first.apiKey)
      expect(second.apiKeyId).toBe(first.apiKeyId)
      expect(second.clinicId).toBe(first.clinicId)
      expect(second.owner).toEqual(first.owner)
      // The stored seed wins: an existing database is never re-seeded.
      expect(second.demoRadiologistEmail).toBeNull()
      expect((await second.api('GET', `/v1/viewer/studies/${study.studyId}`)).json).toEqual(cancelled)
      expect((await second.api('GET', `/v1/viewer/users/${user.userId}`)).json).toEqual(user)
      expect((await second.api('GET', '/v1/viewer/users/invitations')).json.invitations).toEqual(invitations)
      expect((await second.api('GET', '/v1/viewer/studies')).json.studies).toHaveLength(1)
      // Cursors stay valid across restarts (the signing secret is stored).
      expect((await second.api('GET', `/v1/viewer/users?limit=1&cursor=${encodeURIComponent(firstPage.cursor)}`)).status).toBe(200)
      const integrity = new Database(dbFile, { readonly: true })
      expect(integrity.pragma('journal_mode', { simple: true })).toBe('wal')
      integrity.close()
    } finally {
      await second.close()
    }

    const third = await startTestSandbox({ dbFile, apiKey: 'replacement-key' })
    try {
      expect(third.apiKey).toBe('replacement-key')
      expect((await third.api('GET', `/v1/viewer/studies/${study.studyId}`)).status).toBe(200)
      expect((await third.raw('GET', '/v1/viewer/studies', { headers: { authorization: `Bearer ${first.apiKey}` } })).status).toBe(401)
    } finally {
      await third.close()
    }
  })

  it('keeps nothing in memory mode', async () => {
    const a = await startTestSandbox({ seed: 'empty' })
    await a.api('POST', '/v1/viewer/studies', { severity: 'high', studyDescription: 'gone', studyInstanceUid: freshUid() })
    await a.close()
    const b = await startTestSandbox({ seed: 'empty' })
    try {
      expect((await b.api('GET', '/v1/viewer/studies')).json.studies).toEqual([])
      expect(b.apiKey).not.toBe(a.apiKey)
    } finally {
      await b.close()
    }
  })
})

describe('seeds', () => {
  it('empty: one clinic, one owner, one key, nothing else', async () => {
    const sb = await startTestSandbox({ seed: 'empty' })
    try {
      expect(sb.clinicId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(sb.apiKeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(sb.demoRadiologistEmail).toBeNull()
      const users = (await sb.api('GET', '/v1/viewer/users')).json
      expect(users).toEqual({ users: [expect.objectContaining({ userId: sb.owner.userId, level: 'owner', invitedSource: 'dashboard', email: sb.owner.email })], hasMore: false })
      expect((await sb.api('GET', '/v1/viewer/studies')).json).toEqual({ studies: [], hasMore: false })
      expect((await sb.api('GET', '/v1/viewer/users/invitations')).json).toEqual({ invitations: [], hasMore: false })
    } finally {
      await sb.close()
    }
  })

  it('empty: the database itself holds one key (described, viewer enabled), one user and no other rows', async () => {
    const dbFile = join(dir, 'empty-seed.db')
    const sb = await startTestSandbox({ dbFile, seed: 'empty' })
    await sb.close()
    const db = new Database(dbFile, { readonly: true })
    try {
      const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'meta'").all() as Array<{ name: string }>).map((t) => t.name)
      expect(Object.fromEntries(tables.map((t) => [t, count(t)]))).toEqual({ api_keys: 1, express_customers: 0, users: 1, invitations: 0, studies: 0 })
      expect(db.prepare('SELECT id, description, is_viewer_enabled FROM api_keys').get()).toEqual({
        id: sb.apiKeyId, description: expect.stringMatching(/\S/), is_viewer_enabled: 1
      })
    } finally {
      db.close()
    }
  })

  it('demo: a believable reading room, deterministic for a seed number', async () => {
    const clock = () => Date.parse('2026-06-01T12:00:00.000Z')
    const a = await startTestSandbox({ seed: 'demo', seedNumber: 7, clock })
    const b = await startTestSandbox({ seed: 'demo', seedNumber: 7, clock })
    const c = await startTestSandbox({ seed: 'demo', seedNumber: 8, clock })
    try {
      type S = { studyInstanceUid: string; studyDescription: string; severity: string; studyViewerStatus: string; isCancelled: boolean; assignedTo: { email: string } | null; expressCustomer: { expressCustomerName: string } | null; metadata: Record<string, string>; createdAt: string }
      const shape = async (sb: typeof a) => {
        const studies: S[] = (await sb.api('GET', '/v1/viewer/studies?limit=100')).json.studies
        return studies.map((s) => [s.studyInstanceUid, s.studyDescription, s.severity, s.studyViewerStatus, s.isCancelled, s.assignedTo?.email ?? null, s.expressCustomer?.expressCustomerName ?? null, s.metadata, s.createdAt])
      }
      const [sa, sb2, sc] = await Promise.all([shape(a), shape(b), shape(c)])
      expect(sa).toEqual(sb2)
      expect(sa).not.toEqual(sc)

      const studies: S[] = (await a.api('GET', '/v1/viewer/studies?limit=100')).json.studies
      expect(studies.length).toBeGreaterThanOrEqual(55)
      expect(studies.length).toBeLessThanOrEqual(65)
      expect(new Set(studies.map((s) => s.severity))).toEqual(new Set(['normal', 'high', 'stat']))
      expect(new Set(studies.map((s) => s.metadata.modality)).size).toBeGreaterThanOrEqual(5)
      expect(studies.some((s) => s.assignedTo === null)).toBe(true)
      expect(studies.some((s) => s.studyViewerStatus === 'complete')).toBe(true)
      expect(studies.some((s) => s.isCancelled)).toBe(true)
      expect(studies.some((s) => s.expressCustomer)).toBe(true)
      const now = clock()
      expect(studies.every((s) => now - Date.parse(s.createdAt) < 9 * 3600_000)).toBe(true)

      expect(a.demoRadiologistEmail).toBe('maya.chen@example.org')
      const maya = (await a.api('GET', '/v1/viewer/users?email=maya.chen%40example.org')).json.users[0]
      expect(maya).toMatchObject({ firstName: 'Maya', lastName: 'Chen', clinicRole: 'Radiologist' })
      const queue: S[] = (await a.api('GET', `/v1/viewer/studies?assignedTo=${maya.userId}&isCancelled=false&studyViewerStatus=incomplete&limit=100`)).json.studies
      const severities = new Set(queue.map((s) => s.severity))
      expect(severities).toEqual(new Set(['stat', 'high', 'normal']))
      expect(queue.filter((s) => s.severity === 'stat').length).toBeGreaterThanOrEqual(2)

      const users = (await a.api('GET', '/v1/viewer/users?limit=100')).json.users
      expect(users.filter((u: { clinicRole: string }) => u.clinicRole === 'Radiologist').length).toBeGreaterThanOrEqual(5)
      expect(users.some((u: { clinicRole: string }) => u.clinicRole === 'Patient Care Coordinator')).toBe(true)
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('demo-2: a second demo clinic, visibly different: its name, owner, staff, demo radiologist and studies', async () => {
    const clock = () => Date.parse('2026-06-01T12:00:00.000Z')
    const [first, second, again] = await Promise.all([
      startTestSandbox({ seed: 'demo', clock }),
      startTestSandbox({ seed: 'demo-2', clock }),
      startTestSandbox({ seed: 'demo-2', clock })
    ])
    try {
      expect([first.clinicName, second.clinicName]).toEqual(['Riverside Radiology', "St Mary's Hospital"])
      expect(second.owner).toMatchObject({ firstName: 'Margaret', lastName: 'Osei' })
      expect(second.demoRadiologistEmail).toBe('m.chen@stmarys.example.org')
      type U = { email: string; firstName: string; lastName: string; level: string }
      const emails = async (sb: typeof first) => ((await sb.api('GET', '/v1/viewer/users?limit=100')).json.users as U[]).map((u) => u.email)
      const [firstEmails, secondEmails] = await Promise.all([emails(first), emails(second)])
      expect(secondEmails.length).toBeGreaterThanOrEqual(6)
      expect(secondEmails.filter((email) => firstEmails.includes(email))).toEqual([])
      const secondUsers = (await second.api('GET', '/v1/viewer/users?limit=100')).json.users as U[]
      expect(secondUsers.filter((u) => u.level === 'admin').map((u) => `${u.firstName} ${u.lastName}`)).toEqual(['Tomasz Nowak'])

      type S = { studyDescription: string; severity: string; studyInstanceUid: string }
      const queueOf = async (sb: typeof first) => {
        const user = (await sb.api('GET', `/v1/viewer/users?email=${encodeURIComponent(sb.demoRadiologistEmail!)}`)).json.users[0]
        return ((await sb.api('GET', `/v1/viewer/studies?assignedTo=${user.userId}&isCancelled=false&studyViewerStatus=incomplete&limit=100`)).json.studies as S[])
      }
      const [firstQueue, secondQueue, againQueue] = await Promise.all([queueOf(first), queueOf(second), queueOf(again)])
      expect(secondQueue.some((s) => s.studyDescription === 'CTA Head and Neck stroke protocol' && s.severity === 'stat')).toBe(true)
      expect(secondQueue.map((s) => s.studyDescription)).not.toEqual(firstQueue.map((s) => s.studyDescription))
      // Deterministic like the first clinic: the same seed number gives the same room.
      expect(againQueue.map((s) => [s.studyDescription, s.studyInstanceUid])).toEqual(secondQueue.map((s) => [s.studyDescription, s.studyInstanceUid]))
      const all = async (sb: typeof first) => ((await sb.api('GET', '/v1/viewer/studies?limit=100')).json.studies as S[]).map((s) => s.studyInstanceUid)
      const [firstUids, secondUids] = await Promise.all([all(first), all(second)])
      expect(secondUids.length).toBeGreaterThanOrEqual(55)
      expect(secondUids.filter((uid) => firstUids.includes(uid))).toEqual([])
    } finally {
      await Promise.all([first.close(), second.close(), again.close()])
    }
  })
})
