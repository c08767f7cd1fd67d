/**
 * The clinic handlers against the sandbox over real HTTP: each of the operations the workspace
 * needs, the problems a refusal turns into (status, kind, field, the object named), and the
 * activity entry every change leaves (never the key).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLINIC_CALLS, type ClinicOutcome } from '@shared/ipc/clinic-contract'
import { createAvaraClient } from '@main/engine/avara-client'
import { createClinicHandlers, createMemoryActivityLog, type ClinicHandlers } from '@main/engine/clinic'
import { CallError } from '@main/engine/call-errors'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { RecordingLogger, RecordingOpener } from './harness'

let sandbox: RunningSandbox
let handlers: ClinicHandlers
let activity: ReturnType<typeof createMemoryActivityLog>
let opener: RecordingOpener
let rejectedKeys: string[]
let signedIn = true

const value = <T>(outcome: ClinicOutcome<T>): T => {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problem)}`)
  return outcome.value
}
const problem = <T>(outcome: ClinicOutcome<T>) => {
  if (outcome.ok) throw new Error('expected a refusal, got success')
  return outcome.problem
}
/** Parses the request as the bridge does before a handler runs. */
const parsed = <K extends keyof typeof CLINIC_CALLS>(name: K, request: unknown) => CLINIC_CALLS[name].request.parse(request) as never

let uid = 0
const freshUid = () => `1.2.826.0.1.${process.pid}.${Date.now() % 1_000_000}.${++uid}`

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'demo', quiet: true })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  activity = createMemoryActivityLog()
  opener = new RecordingOpener('page')
  rejectedKeys = []
  signedIn = true
  const client = createAvaraClient({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
  handlers = createClinicHandlers({
    account: (id) => {
      if (!signedIn) throw new CallError('not-signed-in', 'Sign in with an API key first.')
      return { id: id ?? 'primary', label: 'Sandbox clinic', client, followed: { userId: sandbox.owner.userId, email: sandbox.owner.email, displayName: 'Jordan Ellis' } }
    },
    opener,
    logger: new RecordingLogger(),
    clock: { now: () => Date.parse('2026-11-27T12:00:00.000Z') },
    activityLog: activity,
    onKeyRejected: (id) => rejectedKeys.push(id)
  })
})

async function findUser(email: string) {
  const page = value(await handlers['clinic.users.list'](parsed('clinic.users.list', { filters: { email } })))
  const user = page.items[0]
  if (!user) throw new Error(`no ${email}`)
  return user
}

describe('access', () => {
  it('the owner sees the team and study management, named by account', async () => {
    const access = value(await handlers['clinic.access']({}))
    expect(access).toMatchObject({ accountId: 'primary', accountLabel: 'Sandbox clinic', level: 'owner', showsTeam: true })
    expect(access.followed?.email).toBe(sandbox.owner.email)
  })
})

describe('users', () => {
  it('lists every page of a filtered list in one slice, with a null cursor at the end', async () => {
    const all = value(await handlers['clinic.users.list'](parsed('clinic.users.list', { filters: {} })))
    expect(all.cursor).toBeNull()
    expect(all.items.length).toBeGreaterThanOrEqual(7)
    const chen = value(await handlers['clinic.users.list'](parsed('clinic.users.list', { filters: { lastName: 'che', email: '' } })))
    expect(chen.items.map((u) => u.email)).toContain('maya.chen@example.org')
    const admins = value(await handlers['clinic.users.list'](parsed('clinic.users.list', { filters: { level: 'admin' } })))
    expect(admins.items.every((u) => u.level === 'admin')).toBe(true)
    const api = value(await handlers['clinic.users.list'](parsed('clinic.users.list', { filters: { invitedSource: 'api' } })))
    expect(api.items.every((u) => u.invitedSource === 'api')).toBe(true)
  })

  it('invites, retrieves, updates (null clears), revokes access and reactivates, each logged', async () => {
    const invited = value(await handlers['clinic.users.invite'](parsed('clinic.users.invite', {
      user: { email: 'new.rad@example.org', firstName: 'Noor', lastName: 'Haddad', middleName: 'A', phoneNumber: '5551234567', suffix1: 'MD', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true }
    })))
    expect(invited).toMatchObject({ email: 'new.rad@example.org', invitedSource: 'api', lastLoginAt: null, middleName: 'A' })
    expect(value(await handlers['clinic.users.retrieve']({ userId: invited.userId })).email).toBe('new.rad@example.org')
    const updated = value(await handlers['clinic.users.update'](parsed('clinic.users.update', { userId: invited.userId, patch: { middleName: null, canManageStudies: true } })))
    expect(updated.middleName).toBeUndefined()
    expect(updated.canManageStudies).toBe(true)
    expect(value(await handlers['clinic.users.revokeAccess']({ userId: invited.userId })).message).toBeTruthy()
    const again = problem(await handlers['clinic.users.revokeAccess']({ userId: invited.userId }))
    expect(again).toMatchObject({ kind: 'conflict', status: 409 })
    expect(again.message).toContain(invited.userId)
    value(await handlers['clinic.users.reactivate']({ userId: invited.userId }))

    const actions = activity.entries.map((e) => `${e.action}:${e.outcome}`)
    expect(actions).toEqual(['users.invite:ok', 'users.update:ok', 'users.revokeAccess:ok', 'users.revokeAccess:refused', 'users.reactivate:ok'])
    expect(activity.entries[0]).toMatchObject({ at: '2026-11-27T12:00:00.000Z', accountId: 'primary', followed: { email: sandbox.owner.email }, object: { kind: 'user', id: invited.userId } })
    expect(activity.entries[0]!.object.label).toContain('Noor Haddad')
    expect(JSON.stringify(activity.entries)).not.toContain(sandbox.apiKey)
  })

  it('a duplicate email is a 409 naming the email; the owner is protected (403); an unknown user is a 404 naming it', async () => {
    const dup = problem(await handlers['clinic.users.invite'](parsed('clinic.users.invite', {
      user: { email: 'maya.chen@example.org', firstName: 'M', lastName: 'C', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true }
    })))
    expect(dup).toMatchObject({ kind: 'conflict', status: 409, field: 'email' })
    expect(dup.message).toContain('maya.chen@example.org')
    const owner = problem(await handlers['clinic.users.update'](parsed('clinic.users.update', { userId: sandbox.owner.userId, patch: { firstName: 'X' } })))
    expect(owner).toMatchObject({ kind: 'forbidden', status: 403 })
    const ghost = 'usr_' + '0'.repeat(32)
    const missing = problem(await handlers['clinic.users.retrieve']({ userId: ghost }))
    expect(missing).toMatchObject({ kind: 'not-found', status: 404 })
    expect(missing.message).toContain(ghost)
  })

  it('a server validation refusal names the field (admin without dashboard access)', async () => {
    const refused = problem(await handlers['clinic.users.invite'](parsed('clinic.users.invite', {
      user: { email: 'adm@example.org', firstName: 'A', lastName: 'D', clinicRole: 'Other', level: 'admin', canManageStudies: false, hasDashboardAccess: false }
    })))
    expect(refused).toMatchObject({ kind: 'invalid', status: 400, field: 'hasDashboardAccess' })
  })

  it('the bridge schema refuses what the API would refuse for a checkable reason', () => {
    const bad = (request: unknown) => CLINIC_CALLS['clinic.users.invite'].request.safeParse(request).success
    const base = { email: 'x@example.org', firstName: 'A', lastName: 'B', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true }
    expect(bad({ user: base })).toBe(true)
    expect(bad({ user: { ...base, phoneNumber: '555-123-4567' } })).toBe(false)
    expect(bad({ user: { ...base, email: 'not an email' } })).toBe(false)
    expect(bad({ user: { ...base, clinicRole: 'radiologist' } })).toBe(false)
    expect(bad({ user: { ...base, level: 'owner' } })).toBe(false)
    expect(bad({ user: { ...base, firstName: '   ' } })).toBe(false)
  })

  it('a signed-out account throws a CallError (the bridge answers not-signed-in)', async () => {
    signedIn = false
    await expect(handlers['clinic.users.retrieve']({ userId: sandbox.owner.userId })).rejects.toBeInstanceOf(CallError)
  })
})

describe('invitations', () => {
  it('lists with several statuses, expiry and a date range; updates and revokes a pending one (by invitation and by user)', async () => {
    const a = value(await handlers['clinic.users.invite'](parsed('clinic.users.invite', { user: { email: 'inv.a@example.org', firstName: 'Ia', lastName: 'A', clinicRole: 'Other', level: 'member', canManageStudies: false, hasDashboardAccess: false } })))
    const b = value(await handlers['clinic.users.invite'](parsed('clinic.users.invite', { user: { email: 'inv.b@example.org', firstName: 'Ib', lastName: 'B', clinicRole: 'Other', level: 'member', canManageStudies: false, hasDashboardAccess: false } })))
    const sent = value(await handlers['clinic.invitations.list'](parsed('clinic.invitations.list', { filters: { status: ['sent', 'revoked'], expired: 'not-expired' } })))
    expect(sent.items.every((i) => i.status === 'sent' || i.status === 'revoked')).toBe(true)
    const mine = value(await handlers['clinic.invitations.list'](parsed('clinic.invitations.list', { filters: { userId: a.userId } })))
    expect(mine.items).toHaveLength(1)
    const invitation = mine.items[0]!
    const today = new Date().toISOString().slice(0, 10)
    const ranged = value(await handlers['clinic.invitations.list'](parsed('clinic.invitations.list', { filters: { startDate: today, endDate: today } })))
    expect(ranged.items.map((i) => i.invitationId)).toContain(invitation.invitationId)
    expect(value(await handlers['clinic.invitations.retrieve']({ invitationId: invitation.invitationId })).email).toBe('inv.a@example.org')
    const edited = value(await handlers['clinic.invitations.update'](parsed('clinic.invitations.update', { invitationId: invitation.invitationId, patch: { firstName: 'Iris' } })))
    expect(edited.firstName).toBe('Iris')
    value(await handlers['clinic.invitations.revoke'](parsed('clinic.invitations.revoke', { invitationId: invitation.invitationId })))
    const refused = problem(await handlers['clinic.invitations.update'](parsed('clinic.invitations.update', { invitationId: invitation.invitationId, patch: { firstName: 'Late' } })))
    expect(refused).toMatchObject({ kind: 'conflict', status: 409 })
    expect(refused.message).toContain(invitation.invitationId)
    value(await handlers['clinic.invitations.revoke'](parsed('clinic.invitations.revoke', { userId: b.userId })))
    const none = problem(await handlers['clinic.invitations.revoke'](parsed('clinic.invitations.revoke', { userId: b.userId })))
    expect(none.kind).toBe('conflict')
  })

  it('an impossible date range never leaves the app', () => {
    const result = CLINIC_CALLS['clinic.invitations.list'].request.safeParse({ filters: { startDate: '2026-05-02', endDate: '2026-05-01' } })
    expect(result.success).toBe(false)
    expect(CLINIC_CALLS['clinic.invitations.list'].request.safeParse({ filters: { startDate: '2026-02-30' } }).success).toBe(false)
  })
})

describe('studies', () => {
  it('lists with every server filter, including unassigned and no customer', async () => {
    const unassigned = value(await handlers['clinic.studies.list'](parsed('clinic.studies.list', { filters: { assignedTo: null } })))
    expect(unassigned.items.length).toBeGreaterThan(0)
    expect(unassigned.items.every((s) => !s.assignedTo)).toBe(true)
    const noCustomer = value(await handlers['clinic.studies.list'](parsed('clinic.studies.list', { filters: { expressCustomerId: null, severity: 'stat', studyViewerStatus: 'incomplete', isCancelled: false } })))
    expect(noCustomer.items.every((s) => !s.expressCustomer && s.severity === 'stat' && s.studyViewerStatus === 'incomplete' && !s.isCancelled)).toBe(true)
    const ct = value(await handlers['clinic.studies.list'](parsed('clinic.studies.list', { filters: { studyDescription: '  head\t' } })))
    // Pasted whitespace is trimmed: the server gets "head".
    expect(ct.items.length).toBeGreaterThan(0)
    expect(ct.items.every((s) => s.studyDescription.toLowerCase().includes('head'))).toBe(true)
  })

  it('creates, finds by UID, updates, cancels, uncancels and opens a study; the server result comes back', async () => {
    const maya = await findUser('maya.chen@example.org')
    const uidText = freshUid()
    const created = value(await handlers['clinic.studies.create'](parsed('clinic.studies.create', {
      study: { severity: 'high', studyDescription: 'MR Knee (downtime)', studyInstanceUid: uidText, assignedTo: maya.userId, metadata: { accessionNumber: 'A1' } }
    })))
    expect(created).toMatchObject({ studyViewerStatus: 'incomplete', isCancelled: false, metadata: { accessionNumber: 'A1' } })
    expect(value(await handlers['clinic.studies.retrieveByUid']({ studyInstanceUid: uidText })).studyId).toBe(created.studyId)
    expect(value(await handlers['clinic.studies.retrieve']({ studyId: created.studyId })).studyInstanceUid).toBe(uidText)
    const moved = value(await handlers['clinic.studies.update'](parsed('clinic.studies.update', { studyId: created.studyId, patch: { assignedTo: null, severity: 'stat', metadata: null, studyViewerStatus: 'complete' } })))
    expect(moved).toMatchObject({ assignedTo: null, severity: 'stat', metadata: {}, studyViewerStatus: 'complete' })
    const cancelled = value(await handlers['clinic.studies.cancel']({ studyId: created.studyId }))
    expect(cancelled.isCancelled).toBe(true)
    expect(cancelled.cancelledAt).not.toBeNull()
    expect(problem(await handlers['clinic.studies.cancel']({ studyId: created.studyId })).kind).toBe('conflict')
    expect(value(await handlers['clinic.studies.uncancel']({ studyId: created.studyId })).isCancelled).toBe(false)
    const opened = value(await handlers['clinic.studies.open']({ studyId: created.studyId }))
    expect(opened).toMatchObject({ ok: true, openedBy: 'page' })
    expect(opener.opened[0]?.pathname).toContain(created.studyId)
    // The viewer link is a credential: it reaches no log entry.
    expect(JSON.stringify(activity.entries)).not.toContain('token=')
    expect(activity.entries.map((e) => e.action)).toEqual(['studies.create', 'studies.update', 'studies.cancel', 'studies.cancel', 'studies.uncancel'])
    expect(activity.entries[1]!.answer).toContain('unassigned')
  })

  it('a duplicate UID is a 409 naming it; an unknown assignee is a 404 naming the field; an unknown UID is a 404', async () => {
    const uidText = freshUid()
    value(await handlers['clinic.studies.create'](parsed('clinic.studies.create', { study: { severity: 'normal', studyDescription: 'DX Hand', studyInstanceUid: uidText } })))
    const dup = problem(await handlers['clinic.studies.create'](parsed('clinic.studies.create', { study: { severity: 'normal', studyDescription: 'DX Hand', studyInstanceUid: uidText } })))
    expect(dup).toMatchObject({ kind: 'conflict', status: 409, field: 'studyInstanceUid' })
    expect(dup.message).toContain(uidText)
    const nobody = problem(await handlers['clinic.studies.create'](parsed('clinic.studies.create', { study: { severity: 'normal', studyDescription: 'DX Hand', studyInstanceUid: freshUid(), assignedTo: 'usr_' + 'a'.repeat(32) } })))
    expect(nobody).toMatchObject({ kind: 'not-found', field: 'assignedTo' })
    expect(problem(await handlers['clinic.studies.retrieveByUid']({ studyInstanceUid: '1.2.3.999999' })).kind).toBe('not-found')
  })

  it('a 401 is reported as such and tells the engine the key was rejected', async () => {
    const badClient = createAvaraClient({ apiKey: 'sk_test_wrong_key_000000', baseURL: sandbox.baseURL })
    const h = createClinicHandlers({
      account: () => ({ id: 'primary', label: 'x', client: badClient, followed: null }),
      opener,
      logger: new RecordingLogger(),
      clock: { now: () => 0 },
      onKeyRejected: (id) => rejectedKeys.push(id)
    })
    const refused = problem(await h['clinic.studies.list'](parsed('clinic.studies.list', { filters: {} })))
    expect(refused).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(rejectedKeys).toEqual(['primary'])
  })

  it('metadata past the API limits and a bad UID are refused before sending', () => {
    const create = CLINIC_CALLS['clinic.studies.create'].request
    const base = { severity: 'normal', studyDescription: 'CT', studyInstanceUid: '1.2.3' }
    expect(create.safeParse({ study: base }).success).toBe(true)
    expect(create.safeParse({ study: { ...base, studyInstanceUid: '1.02.3' } }).success).toBe(false)
    expect(create.safeParse({ study: { ...base, metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) } }).success).toBe(false)
    expect(create.safeParse({ study: { ...base, metadata: { ['k'.repeat(101)]: 'v' } } }).success).toBe(false)
    expect(create.safeParse({ study: { ...base, metadata: { k: 'v'.repeat(1001) } } }).success).toBe(false)
  })
})
