import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectAll, startTestSandbox, type TestSandbox } from './helpers'

let sb: TestSandbox
let now = Date.parse('2026-03-10T12:00:00.000Z')

beforeAll(async () => {
  sb = await startTestSandbox({ clock: () => now })
})
afterAll(() => sb.close())

let counter = 0
async function invite(extra: Record<string, unknown> = {}) {
  counter += 1
  const res = await sb.api('POST', '/v1/viewer/users', {
    canManageStudies: false, clinicRole: 'Registered Nurse', email: `nurse${counter}@example.org`, firstName: 'Flo', lastName: 'Night',
    hasDashboardAccess: false, level: 'member', ...extra
  })
  expect(res.status, res.text).toBe(201)
  const invitation = (await sb.api('GET', `/v1/viewer/users/invitations?userId=${res.json.userId}`)).json.invitations[0]
  return { user: res.json, invitation }
}

describe('invitations', () => {
  it('retrieves; 400 malformed, 404 unknown', async () => {
    const { invitation } = await invite()
    expect((await sb.api('GET', `/v1/viewer/users/invitations/${invitation.invitationId}`)).json).toEqual(invitation)
    expect((await sb.api('GET', '/v1/viewer/users/invitations/inv_zz')).status).toBe(400)
    expect((await sb.api('GET', `/v1/viewer/users/invitations/inv_${'0'.repeat(32)}`)).status).toBe(404)
  })

  it('lists with comma-separated status, expired and date filters', async () => {
    const all = await collectAll<{ status: string; createdAt: string; expiry: string | null }>(sb, '/v1/viewer/users/invitations?limit=3', 'invitations')
    expect(new Set(all.map((i) => i.status))).toEqual(new Set(['sent', 'accepted']))
    const accepted = await collectAll<{ status: string }>(sb, '/v1/viewer/users/invitations?status=accepted', 'invitations')
    expect(accepted.length).toBeGreaterThan(0)
    expect(accepted.every((i) => i.status === 'accepted')).toBe(true)
    const both = await collectAll(sb, '/v1/viewer/users/invitations?status=sent%2Caccepted', 'invitations')
    expect(both.length).toBe(all.length)
    expect((await sb.api('GET', '/v1/viewer/users/invitations?status=sent,bogus')).status).toBe(400)

    const expired = await collectAll<{ expiry: string | null }>(sb, '/v1/viewer/users/invitations?expired=expired', 'invitations')
    const notExpired = await collectAll<{ expiry: string | null }>(sb, '/v1/viewer/users/invitations?expired=not-expired', 'invitations')
    expect(expired.length + notExpired.length).toBe(all.length)
    expect(expired.every((i) => i.expiry !== null && Date.parse(i.expiry) <= now)).toBe(true)
    expect((await sb.api('GET', '/v1/viewer/users/invitations?expired=soon')).status).toBe(400)

    const today = new Date(now).toISOString().slice(0, 10)
    const createdToday = all.filter((i) => i.createdAt.startsWith(today))
    const ranged = await collectAll(sb, `/v1/viewer/users/invitations?startDate=${today}&endDate=${today}`, 'invitations')
    expect(ranged.length).toBe(createdToday.length)
    expect(ranged.length).toBeGreaterThan(0)
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', 'today']) {
      const res = await sb.api('GET', `/v1/viewer/users/invitations?startDate=${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.json.message).toContain('startDate')
    }
    expect((await sb.api('GET', '/v1/viewer/users/invitations?startDate=2026-03-11&endDate=2026-03-10')).status).toBe(400)
  })

  it('updates a pending invitation and the pending user with it', async () => {
    const { user, invitation } = await invite()
    const res = await sb.api('PATCH', `/v1/viewer/users/invitations/${invitation.invitationId}`, { lastName: 'Nightingale', level: 'admin', hasDashboardAccess: true, suffix1: 'RN' })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ lastName: 'Nightingale', level: 'admin', hasDashboardAccess: true, suffix1: 'RN', status: 'sent' })
    expect(res.json.updatedAt > invitation.updatedAt).toBe(true)
    const after = (await sb.api('GET', `/v1/viewer/users/${user.userId}`)).json
    expect(after).toMatchObject({ lastName: 'Nightingale', level: 'admin', hasDashboardAccess: true, suffix1: 'RN' })
    for (const body of [undefined, '{}', 'null']) {
      const unchanged = await sb.api('PATCH', `/v1/viewer/users/invitations/${invitation.invitationId}`, body)
      expect(unchanged.status).toBe(200)
      expect(unchanged.json).toEqual(res.json)
    }
    expect((await sb.api('PATCH', `/v1/viewer/users/invitations/${invitation.invitationId}`, { level: 'owner' })).status).toBe(400)
    expect((await sb.api('PATCH', `/v1/viewer/users/invitations/${invitation.invitationId}`, { hasDashboardAccess: false })).status).toBe(400)
  })

  it('refuses to update accepted, revoked or expired invitations (409 no-retry)', async () => {
    const accepted = (await sb.api('GET', '/v1/viewer/users/invitations?status=accepted&limit=1')).json.invitations[0]
    const res = await sb.api('PATCH', `/v1/viewer/users/invitations/${accepted.invitationId}`, { firstName: 'X' })
    expect(res.status).toBe(409)
    expect(res.headers.get('x-should-retry')).toBe('false')

    const { invitation } = await invite()
    now += 8 * 24 * 3600 * 1000
    try {
      const expired = await sb.api('PATCH', `/v1/viewer/users/invitations/${invitation.invitationId}`, { firstName: 'X' })
      expect(expired.status).toBe(409)
      expect(expired.json.code).toBe('invitation_expired')
    } finally {
      now -= 8 * 24 * 3600 * 1000
    }
  })

  it('revokes by invitationId, by userId, or both when they agree', async () => {
    const a = await invite()
    const r1 = await sb.api('POST', '/v1/viewer/users/invitations/revoke', { invitationId: a.invitation.invitationId })
    expect(r1.status).toBe(200)
    const revoked = (await sb.api('GET', `/v1/viewer/users/invitations/${a.invitation.invitationId}`)).json
    expect(revoked.status).toBe('revoked')
    expect(revoked.updatedAt > a.invitation.updatedAt).toBe(true)
    const r1again = await sb.api('POST', '/v1/viewer/users/invitations/revoke', { invitationId: a.invitation.invitationId })
    expect(r1again.status).toBe(409)
    expect(r1again.headers.get('x-should-retry')).toBe('false')
    const revokedUpdate = await sb.api('PATCH', `/v1/viewer/users/invitations/${a.invitation.invitationId}`, { firstName: 'Y' })
    expect(revokedUpdate.status).toBe(409)

    const b = await invite()
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { userId: b.user.userId })).status).toBe(200)
    const nothingPending = await sb.api('POST', '/v1/viewer/users/invitations/revoke', { userId: b.user.userId })
    expect(nothingPending.status).toBe(409)
    expect(nothingPending.headers.get('x-should-retry')).toBe('false')

    const c = await invite()
    const d = await invite()
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { invitationId: c.invitation.invitationId, userId: d.user.userId })).status).toBe(400)
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { invitationId: c.invitation.invitationId, userId: c.user.userId })).status).toBe(200)

    for (const body of [undefined, '{}', 'null']) {
      expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', body)).status).toBe(400)
    }
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { invitationId: `inv_${'0'.repeat(32)}` })).status).toBe(404)
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { userId: `usr_${'0'.repeat(32)}` })).status).toBe(404)
    expect((await sb.api('POST', '/v1/viewer/users/invitations/revoke', { userId: sb.owner.userId })).status).toBe(409)
  })
})
