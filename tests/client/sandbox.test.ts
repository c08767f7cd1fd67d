/** Every client method against the real sandbox over loopback: happy paths and main errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Avara, {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  type Study
} from '@shared/avara'
import { startTestSandbox, type TestSandbox } from './helpers/sandbox'

let sandbox: TestSandbox
let client: Avara
beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
})
afterAll(() => sandbox.close())

const MISSING_STUDY = `stu_${'0'.repeat(32)}`
const MISSING_USER = `usr_${'0'.repeat(32)}`
const MISSING_INVITATION = `inv_${'0'.repeat(32)}`
let uidCounter = 0
const freshUid = () => `1.2.826.0.1.99.${Date.now()}.${++uidCounter}`

describe('studies', () => {
  let created: Study

  it('create returns the new study', async () => {
    const uid = freshUid()
    created = await client.viewer.studies.create({ severity: 'stat', studyDescription: 'CT Head & Neck', studyInstanceUid: uid, metadata: { accession: 'A1' } })
    expect(created).toMatchObject({ studyInstanceUid: uid, severity: 'stat', studyDescription: 'CT Head & Neck', isCancelled: false, cancelledAt: null, studyViewerStatus: 'incomplete', metadata: { accession: 'A1' } })
    expect(created.studyId).toMatch(/^stu_[0-9a-f]{32}$/)
  })

  it('create of a duplicate UID is a ConflictError, not retried', async () => {
    await sandbox.clearRequests()
    await expect(client.viewer.studies.create({ severity: 'normal', studyDescription: 'dup', studyInstanceUid: created.studyInstanceUid })).rejects.toBeInstanceOf(ConflictError)
    expect(await sandbox.requests()).toHaveLength(1)
  })

  it('create with an invalid UID is a BadRequestError naming the field', async () => {
    await expect(client.viewer.studies.create({ severity: 'normal', studyDescription: 'x', studyInstanceUid: 'not-a-uid' })).rejects.toThrow(/^400 .*studyInstanceUid/)
  })

  it('retrieve and retrieveByUid find it; unknown ones are NotFoundError', async () => {
    await expect(client.viewer.studies.retrieve(created.studyId)).resolves.toEqual(created)
    await expect(client.viewer.studies.retrieveByUid(created.studyInstanceUid)).resolves.toEqual(created)
    await expect(client.viewer.studies.retrieve(MISSING_STUDY)).rejects.toBeInstanceOf(NotFoundError)
    await expect(client.viewer.studies.retrieveByUid('1.2.3.999999')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('update changes only the given fields; unknown study is NotFoundError', async () => {
    const updated = await client.viewer.studies.update(created.studyId, { severity: 'high', studyViewerStatus: 'complete' })
    expect(updated).toMatchObject({ studyId: created.studyId, severity: 'high', studyViewerStatus: 'complete', studyDescription: created.studyDescription })
    const unchanged = await client.viewer.studies.update(created.studyId)
    expect(unchanged.severity).toBe('high')
    await expect(client.viewer.studies.update(MISSING_STUDY, { severity: 'normal' })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('cancel and uncancel; repeating either is a ConflictError', async () => {
    await expect(client.viewer.studies.cancel({ studyId: created.studyId })).resolves.toMatchObject({ success: true })
    expect((await client.viewer.studies.retrieve(created.studyId)).isCancelled).toBe(true)
    await expect(client.viewer.studies.cancel({ studyInstanceUid: created.studyInstanceUid })).rejects.toBeInstanceOf(ConflictError)
    await expect(client.viewer.studies.uncancel({ studyId: created.studyId })).resolves.toMatchObject({ success: true })
    const restored = await client.viewer.studies.retrieve(created.studyId)
    expect([restored.isCancelled, restored.cancelledAt]).toEqual([false, null])
    await expect(client.viewer.studies.uncancel({ studyId: created.studyId })).rejects.toBeInstanceOf(ConflictError)
  })

  it('rerouteURL returns a URL; without a locator it is a BadRequestError', async () => {
    const { url } = await client.viewer.studies.rerouteURL({ studyId: created.studyId })
    expect(() => new URL(url)).not.toThrow()
    await expect(client.viewer.studies.rerouteURL()).rejects.toBeInstanceOf(BadRequestError)
  })

  it('list filters by description (with spaces and &) and by null assignee', async () => {
    const page = await client.viewer.studies.list({ studyDescription: 'Head & Neck', limit: 100 })
    expect(page.studies.map((s) => s.studyId)).toContain(created.studyId)
    for await (const s of client.viewer.studies.list({ assignedTo: null, limit: 100 })) expect(s.assignedTo ?? null).toBeNull()
  })
})

describe('users and invitations', () => {
  const email = `new.radiologist.${Date.now()}@example.org`
  let userId: string

  it('invite creates a user; a bad email is a BadRequestError; a duplicate is a ConflictError', async () => {
    const invited = await client.viewer.users.invite({ canManageStudies: true, clinicRole: 'Radiologist', email, firstName: 'Sam', lastName: 'Rivera', hasDashboardAccess: false, level: 'member' })
    expect(invited).toMatchObject({ email, firstName: 'Sam', lastName: 'Rivera', level: 'member', invitedSource: 'api', lastLoginAt: null })
    userId = invited.userId
    await expect(client.viewer.users.invite({ canManageStudies: true, clinicRole: 'Radiologist', email: 'not-an-email', firstName: 'A', lastName: 'B', hasDashboardAccess: false, level: 'member' })).rejects.toBeInstanceOf(BadRequestError)
    await expect(client.viewer.users.invite({ canManageStudies: true, clinicRole: 'Radiologist', email, firstName: 'A', lastName: 'B', hasDashboardAccess: false, level: 'member' })).rejects.toBeInstanceOf(ConflictError)
  })

  it('retrieve, update; the owner is protected; unknown is NotFoundError', async () => {
    await expect(client.viewer.users.retrieve(userId)).resolves.toMatchObject({ userId, email })
    await expect(client.viewer.users.update(userId, { middleName: 'J', level: 'member' })).resolves.toMatchObject({ middleName: 'J' })
    await expect(client.viewer.users.update(sandbox.owner.userId, { firstName: 'X' })).rejects.toBeInstanceOf(PermissionDeniedError)
    await expect(client.viewer.users.retrieve(MISSING_USER)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('list finds the user by exact email', async () => {
    const page = await client.viewer.users.list({ email })
    expect(page.users.map((u) => u.userId)).toEqual([userId])
  })

  it('invitations: list by user, retrieve, update, revoke; errors for missing and non-pending', async () => {
    const page = await client.viewer.users.invitations.list({ userId, status: ['sent'] })
    expect(page.invitations).toHaveLength(1)
    const invitation = page.invitations[0]!
    expect(invitation).toMatchObject({ userId, status: 'sent', invitedSource: 'api' })
    await expect(client.viewer.users.invitations.retrieve(invitation.invitationId)).resolves.toMatchObject({ invitationId: invitation.invitationId })
    await expect(client.viewer.users.invitations.update(invitation.invitationId, { suffix1: 'MD' })).resolves.toMatchObject({ suffix1: 'MD' })
    await expect(client.viewer.users.invitations.retrieve(MISSING_INVITATION)).rejects.toBeInstanceOf(NotFoundError)
    await expect(client.viewer.users.invitations.revoke()).rejects.toBeInstanceOf(BadRequestError)
    await expect(client.viewer.users.invitations.revoke({ invitationId: invitation.invitationId })).resolves.toMatchObject({ success: true })
    await expect(client.viewer.users.invitations.update(invitation.invitationId, { suffix1: 'DO' })).rejects.toBeInstanceOf(ConflictError)
    const revoked = await client.viewer.users.invitations.list({ userId, status: ['revoked', 'sent'] })
    expect(revoked.invitations.map((i) => i.status)).toEqual(['revoked'])
  })

  it('revokeAccess and reactivate; repeating either is a ConflictError; unknown is NotFoundError', async () => {
    await expect(client.viewer.users.revokeAccess({ userId })).resolves.toMatchObject({ success: true })
    await expect(client.viewer.users.revokeAccess({ userId })).rejects.toBeInstanceOf(ConflictError)
    await expect(client.viewer.users.reactivate({ userId })).resolves.toMatchObject({ success: true })
    await expect(client.viewer.users.reactivate({ userId })).rejects.toBeInstanceOf(ConflictError)
    await expect(client.viewer.users.revokeAccess({ userId: MISSING_USER })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('authentication', () => {
  it('a wrong key is an AuthenticationError with the server message', async () => {
    const stranger = new Avara({ apiKey: 'sk_live_ffffffffffffffffffffffffffffffff', baseURL: sandbox.baseURL })
    const error = await stranger.viewer.studies.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).message).toBe('401 Invalid API key')
  })
})
