import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLINIC_ROLES, InvitationSchema, UserSchema } from '@shared/avara/contract'
import { collectAll, INVITATION_ID_RE, ISO_MS_RE, startTestSandbox, USER_ID_RE, type TestSandbox } from './helpers'

let sb: TestSandbox
beforeAll(async () => {
  sb = await startTestSandbox()
})
afterAll(() => sb.close())

let emailCounter = 0
function invitee(extra: Record<string, unknown> = {}) {
  emailCounter += 1
  return {
    canManageStudies: true, clinicRole: 'Radiologist', email: `new.rad${emailCounter}@example.org`, firstName: 'Ada', lastName: 'Lovelace',
    hasDashboardAccess: false, level: 'member', ...extra
  }
}

async function invite(extra: Record<string, unknown> = {}) {
  const res = await sb.api('POST', '/v1/viewer/users', invitee(extra))
  expect(res.status, res.text).toBe(201)
  return res.json
}

describe('users.invite', () => {
  it('creates an api-invited user and a sent invitation for the same userId', async () => {
    const user = await invite({ middleName: 'B', phoneNumber: '5551234567', suffix1: 'MD' })
    expect(UserSchema.safeParse(user).success).toBe(true)
    expect(user.userId).toMatch(USER_ID_RE)
    expect(user).toMatchObject({ invitedSource: 'api', lastLoginAt: null, level: 'member', middleName: 'B', phoneNumber: '5551234567', suffix1: 'MD' })
    expect(user).not.toHaveProperty('suffix2')
    expect(user.createdAt).toMatch(ISO_MS_RE)

    const invitations = await sb.api('GET', `/v1/viewer/users/invitations?userId=${user.userId}`)
    expect(invitations.json.invitations).toHaveLength(1)
    const invitation = invitations.json.invitations[0]
    expect(InvitationSchema.safeParse(invitation).success).toBe(true)
    expect(invitation.invitationId).toMatch(INVITATION_ID_RE)
    expect(invitation).toMatchObject({
      userId: user.userId, clinicId: sb.clinicId, status: 'sent', invitedSource: 'api', inviterId: null, invitedByApiKeyId: sb.apiKeyId,
      email: user.email, level: 'member'
    })
    expect(Date.parse(invitation.expiry) - Date.parse(invitation.createdAt)).toBe(7 * 24 * 3600 * 1000)
  })

  it('rejects duplicates (case-insensitive) with 409 no-retry', async () => {
    const user = await invite()
    const res = await sb.api('POST', '/v1/viewer/users', invitee({ email: user.email.toUpperCase() }))
    expect(res.status).toBe(409)
    expect(res.headers.get('x-should-retry')).toBe('false')
    expect((await sb.api('POST', '/v1/viewer/users', invitee({ email: sb.owner.email }))).status).toBe(409)
  })

  it.each([
    [{ level: 'owner' }, 'level'],
    [{ level: 'admin', hasDashboardAccess: false }, 'hasDashboardAccess'],
    [{ email: 'not-an-email' }, 'email'],
    [{ phoneNumber: '555-123-4567' }, 'phoneNumber'],
    [{ phoneNumber: '123456789' }, 'phoneNumber'],
    [{ phoneNumber: '1234567890123456' }, 'phoneNumber'],
    [{ clinicRole: 'radiologist' }, 'clinicRole'],
    [{ firstName: '' }, 'firstName'],
    [{ canManageStudies: 'yes' }, 'canManageStudies'],
    [{ isOwner: true }, 'isOwner']
  ])('rejects %j (400 naming %s)', async (extra, field) => {
    const res = await sb.api('POST', '/v1/viewer/users', invitee(extra))
    expect(res.status).toBe(400)
    expect(res.json.message).toContain(field)
  })

  it('accepts every clinic role, admin with dashboard access and 15-digit phones', async () => {
    await invite({ level: 'admin', hasDashboardAccess: true, phoneNumber: '123456789012345' })
    for (const clinicRole of [CLINIC_ROLES[0], "Pathologists' Assistant", 'PACS Administrator']) {
      const user = await invite({ clinicRole })
      expect(user.clinicRole).toBe(clinicRole)
    }
  })
})

describe('users.list / retrieve', () => {
  it('filters by email (exact, case-insensitive), names (contains), level and source', async () => {
    const byEmail = await sb.api('GET', `/v1/viewer/users?email=${encodeURIComponent('MAYA.CHEN@example.org')}`)
    expect(byEmail.json.users.map((u: { email: string }) => u.email)).toEqual(['maya.chen@example.org'])
    expect((await sb.api('GET', '/v1/viewer/users?email=maya')).json.users).toEqual([])
    const byFirst = await sb.api('GET', '/v1/viewer/users?firstName=AY')
    expect(byFirst.json.users.some((u: { firstName: string }) => u.firstName === 'Maya')).toBe(true)
    expect(byFirst.json.users.every((u: { firstName: string }) => /ay/i.test(u.firstName))).toBe(true)
    const byLast = await collectAll<{ lastName: string }>(sb, '/v1/viewer/users?lastName=hE', 'users')
    expect(byLast.map((u) => u.lastName)).toContain('Chen')
    expect(byLast.every((u) => /he/i.test(u.lastName))).toBe(true)
    const owners = await sb.api('GET', '/v1/viewer/users?level=owner')
    expect(owners.json.users).toHaveLength(1)
    expect(owners.json.users[0].userId).toBe(sb.owner.userId)
    const dashboard = await collectAll<{ invitedSource: string }>(sb, '/v1/viewer/users?invitedSource=dashboard', 'users')
    expect(dashboard.length).toBeGreaterThan(5)
    expect(dashboard.every((u) => u.invitedSource === 'dashboard')).toBe(true)
    expect((await sb.api('GET', '/v1/viewer/users?lastName=%25')).json.users).toEqual([])
    expect((await sb.api('GET', '/v1/viewer/users?lastName=_')).json.users).toEqual([])
    expect((await sb.api('GET', '/v1/viewer/users?level=boss')).status).toBe(400)
    expect((await sb.api('GET', '/v1/viewer/users?role=x')).status).toBe(400)
  })

  it('retrieves a user; 400 for malformed, 404 for unknown', async () => {
    const user = await invite()
    expect((await sb.api('GET', `/v1/viewer/users/${user.userId}`)).json).toEqual(user)
    expect((await sb.api('GET', '/v1/viewer/users/usr_1')).status).toBe(400)
    expect((await sb.api('GET', `/v1/viewer/users/usr_${'0'.repeat(32)}`)).status).toBe(404)
  })
})

describe('users.update', () => {
  it('updates fields, clears optional ones with null and mirrors a pending invitation', async () => {
    const user = await invite({ middleName: 'Q', suffix2: 'PhD' })
    const res = await sb.api('PATCH', `/v1/viewer/users/${user.userId}`, { firstName: 'Grace', middleName: null, suffix2: null, phoneNumber: '5550001111', level: 'admin', hasDashboardAccess: true })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ firstName: 'Grace', phoneNumber: '5550001111', level: 'admin', hasDashboardAccess: true, email: user.email })
    expect(res.json).not.toHaveProperty('middleName')
    expect(res.json).not.toHaveProperty('suffix2')
    const invitation = (await sb.api('GET', `/v1/viewer/users/invitations?userId=${user.userId}`)).json.invitations[0]
    expect(invitation).toMatchObject({ firstName: 'Grace', level: 'admin', phoneNumber: '5550001111' })
  })

  it('refuses the owner, level owner, admin without dashboard and email changes', async () => {
    expect((await sb.api('PATCH', `/v1/viewer/users/${sb.owner.userId}`, { firstName: 'X' })).status).toBe(403)
    const user = await invite()
    const path = `/v1/viewer/users/${user.userId}`
    expect((await sb.api('PATCH', path, { level: 'owner' })).status).toBe(400)
    const adminNoDash = await sb.api('PATCH', path, { level: 'admin' })
    expect(adminNoDash.status).toBe(400)
    expect(adminNoDash.json.message).toContain('hasDashboardAccess')
    expect((await sb.api('PATCH', path, { email: 'x@example.org' })).status).toBe(400)
    expect((await sb.api('PATCH', path, { phoneNumber: 'abc' })).status).toBe(400)
    expect((await sb.api('PATCH', `/v1/viewer/users/usr_${'0'.repeat(32)}`, {})).status).toBe(404)
  })

  it('resets clinicRole null to Other (the field is required on the wire)', async () => {
    const user = await invite()
    const res = await sb.api('PATCH', `/v1/viewer/users/${user.userId}`, { clinicRole: null })
    expect(res.json.clinicRole).toBe('Other')
  })
})

describe('revoke-access / reactivate', () => {
  it('deactivates and restores a user who stays listed', async () => {
    const user = await invite()
    const revoke = await sb.api('POST', '/v1/viewer/users/revoke-access', { userId: user.userId })
    expect(revoke.status).toBe(200)
    expect(revoke.json.success).toBe(true)
    expect((await sb.api('GET', `/v1/viewer/users/${user.userId}`)).status).toBe(200)
    const listed = await sb.api('GET', `/v1/viewer/users?email=${encodeURIComponent(user.email)}`)
    expect(listed.json.users).toHaveLength(1)
    const twice = await sb.api('POST', '/v1/viewer/users/revoke-access', { userId: user.userId })
    expect(twice.status).toBe(409)
    expect(twice.headers.get('x-should-retry')).toBe('false')
    expect((await sb.api('POST', '/v1/viewer/users/reactivate', { userId: user.userId })).status).toBe(200)
    const again = await sb.api('POST', '/v1/viewer/users/reactivate', { userId: user.userId })
    expect(again.status).toBe(409)
    expect(again.headers.get('x-should-retry')).toBe('false')
  })

  it('protects the owner and validates the body', async () => {
    expect((await sb.api('POST', '/v1/viewer/users/revoke-access', { userId: sb.owner.userId })).status).toBe(403)
    for (const path of ['/v1/viewer/users/revoke-access', '/v1/viewer/users/reactivate']) {
      expect((await sb.api('POST', path, {})).status).toBe(400)
      expect((await sb.api('POST', path, 'null')).status).toBe(400)
      expect((await sb.api('POST', path, { userId: 'usr_x' })).status).toBe(400)
      expect((await sb.api('POST', path, { userId: `usr_${'0'.repeat(32)}` })).status).toBe(404)
    }
  })
})
