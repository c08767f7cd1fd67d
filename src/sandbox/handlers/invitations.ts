import {
  InvitationListParamsSchema, InvitationRevokeParamsSchema, InvitationUpdateParamsSchema, LIST_LIMITS
} from '@shared/avara/contract'
import type { OperationHandler, SandboxContext } from '../context'
import { decodeCursor, encodeCursor } from '../cursor'
import type { InvitationRow } from '../db/invitations'
import { badRequest, conflict, notFound } from '../http/errors'
import { invitationToWire } from '../serialize'
import { parseInput } from './parse'
import { assertAdminHasDashboard, personChanges } from './person'

const DAY_MS = 24 * 60 * 60 * 1000

function requireInvitation(ctx: SandboxContext, invitationId: string): InvitationRow {
  const row = ctx.store.invitations.get(invitationId)
  if (!row) throw notFound(`No invitation with invitationId ${invitationId}`, 'invitation_not_found')
  return row
}

function isExpired(ctx: SandboxContext, invitation: InvitationRow): boolean {
  return invitation.expiry !== null && Date.parse(invitation.expiry) <= ctx.clock()
}

export const listInvitations: OperationHandler = (ctx, input) => {
  const { cursor, limit, status, expired, startDate, endDate, userId } = parseInput(InvitationListParamsSchema, input.query, 'query')
  if (startDate && endDate && startDate > endDate) throw badRequest('startDate: must not be after endDate', 'validation_error')
  const after = decodeCursor(ctx.cursorSecret, 'invitations', cursor)
  const page = ctx.store.invitations.list(
    {
      status,
      expired: expired && expired !== 'all' ? { mode: expired, now: new Date(ctx.clock()).toISOString() } : undefined,
      // Inclusive UTC dates: [startDate 00:00, endDate + 1 day 00:00).
      createdFrom: startDate ? `${startDate}T00:00:00.000Z` : undefined,
      createdBefore: endDate ? new Date(Date.parse(`${endDate}T00:00:00.000Z`) + DAY_MS).toISOString() : undefined,
      userId
    },
    { after, limit: limit ?? LIST_LIMITS.default }
  )
  const last = page.rows[page.rows.length - 1]
  return {
    status: 200,
    body: {
      invitations: page.rows.map(invitationToWire),
      hasMore: page.hasMore,
      ...(page.hasMore && last ? { cursor: encodeCursor(ctx.cursorSecret, 'invitations', { createdAt: last.created_at, id: last.id }) } : {})
    }
  }
}

export const retrieveInvitation: OperationHandler = (ctx, input) => ({
  status: 200,
  body: invitationToWire(requireInvitation(ctx, input.params.invitationId ?? ''))
})

export const updateInvitation: OperationHandler = (ctx, input) => {
  const invitation = requireInvitation(ctx, input.params.invitationId ?? '')
  const params = parseInput(InvitationUpdateParamsSchema, input.body, 'body')
  if (invitation.status !== 'sent') {
    throw conflict(`Invitation ${invitation.id} is ${invitation.status}; only pending invitations can be updated`, 'invitation_not_pending')
  }
  if (isExpired(ctx, invitation)) throw conflict(`Invitation ${invitation.id} has expired`, 'invitation_expired')
  const changes = personChanges(params)
  assertAdminHasDashboard(changes.level ?? invitation.level, (changes.has_dashboard_access ?? invitation.has_dashboard_access) === 1)
  // An update with no fields changes nothing, so updatedAt stays put.
  if (Object.keys(changes).length === 0) return { status: 200, body: invitationToWire(invitation) }
  ctx.store.transaction(() => {
    ctx.store.invitations.update(invitation.id, { ...changes, updated_at: ctx.stamps.next(invitation.updated_at) })
    // The pending user mirrors the invitation it came from (never an owner: owners are not invited).
    const user = ctx.store.users.get(invitation.user_id)
    if (user && user.level !== 'owner') {
      ctx.store.users.update(user.id, { ...changes, updated_at: ctx.stamps.next(user.updated_at) })
    }
  })
  return { status: 200, body: invitationToWire(requireInvitation(ctx, invitation.id)) }
}

export const revokeInvitation: OperationHandler = (ctx, input) => {
  const { invitationId, userId } = parseInput(InvitationRevokeParamsSchema, input.body, 'body')
  if (!invitationId && !userId) throw badRequest('Give invitationId or userId', 'missing_invitation_locator')
  let target: InvitationRow | undefined
  if (invitationId) {
    target = requireInvitation(ctx, invitationId)
    if (userId && target.user_id !== userId) {
      throw badRequest(`Invitation ${invitationId} does not belong to user ${userId}`, 'invitation_locator_mismatch')
    }
  } else if (userId) {
    if (!ctx.store.users.get(userId) && !ctx.store.invitations.list({ userId }, { limit: 1 }).rows.length) {
      throw notFound(`No user with userId ${userId}`, 'user_not_found')
    }
    target = ctx.store.invitations.pendingFor(userId)
    if (!target) throw conflict(`User ${userId} has no pending invitation`, 'no_pending_invitation')
  }
  if (!target) throw badRequest('Give invitationId or userId', 'missing_invitation_locator')
  if (target.status !== 'sent') {
    throw conflict(`Invitation ${target.id} is ${target.status}; only pending invitations can be revoked`, 'invitation_not_pending')
  }
  ctx.store.invitations.update(target.id, { status: 'revoked', updated_at: ctx.stamps.next(target.updated_at) })
  return { status: 200, body: { success: true, message: `Invitation ${target.id} revoked` } }
}
