import {
  LIST_LIMITS, UserIdParamsSchema, UserInviteParamsSchema, UserListParamsSchema, UserUpdateParamsSchema
} from '@shared/avara/contract'
import type { OperationHandler, SandboxContext } from '../context'
import { decodeCursor, encodeCursor } from '../cursor'
import type { UserRow } from '../db/users'
import { conflict, forbidden, notFound } from '../http/errors'
import { newId } from '../ids'
import { userToWire } from '../serialize'
import { parseInput } from './parse'
import { assertAdminHasDashboard, personChanges } from './person'

/** How long an API invitation stays acceptable. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

export function requireUser(ctx: SandboxContext, userId: string): UserRow {
  const row = ctx.store.users.get(userId)
  if (!row) throw notFound(`No user with userId ${userId}`, 'user_not_found')
  return row
}

function refuseOwner(user: UserRow, action: string): void {
  if (user.level === 'owner') throw forbidden(`The clinic owner cannot be ${action} through the API`, 'owner_protected')
}

export const inviteUser: OperationHandler = (ctx, input) => {
  const params = parseInput(UserInviteParamsSchema, input.body, 'body')
  assertAdminHasDashboard(params.level, params.hasDashboardAccess)
  if (ctx.store.users.getByEmail(params.email)) {
    throw conflict(`A user with email ${params.email} already exists`, 'duplicate_email')
  }
  const now = ctx.stamps.next()
  const userId = newId('user')
  const person = {
    first_name: params.firstName,
    last_name: params.lastName,
    middle_name: params.middleName ?? null,
    phone_number: params.phoneNumber ?? null,
    suffix1: params.suffix1 ?? null,
    suffix2: params.suffix2 ?? null,
    can_manage_studies: params.canManageStudies ? 1 : 0,
    clinic_role: params.clinicRole,
    has_dashboard_access: params.hasDashboardAccess ? 1 : 0,
    level: params.level
  }
  ctx.store.transaction(() => {
    ctx.store.users.insert({
      id: userId, email: params.email, ...person, invited_source: 'api', created_at: now, updated_at: now, last_login_at: null, active: 1
    })
    ctx.store.invitations.insert({
      id: newId('invitation'),
      user_id: userId,
      clinic_id: ctx.clinicId,
      email: params.email,
      ...person,
      status: 'sent',
      invited_source: 'api',
      created_at: now,
      updated_at: now,
      expiry: new Date(Date.parse(now) + INVITATION_LIFETIME_MS).toISOString(),
      inviter_id: null,
      invited_by_api_key_id: input.apiKey.id
    })
  })
  return { status: 201, body: userToWire(requireUser(ctx, userId)) }
}

export const listUsers: OperationHandler = (ctx, input) => {
  const { cursor, limit, ...filters } = parseInput(UserListParamsSchema, input.query, 'query')
  const after = decodeCursor(ctx.cursorSecret, 'users', cursor)
  const page = ctx.store.users.list(filters, { after, limit: limit ?? LIST_LIMITS.default })
  const last = page.rows[page.rows.length - 1]
  return {
    status: 200,
    body: {
      users: page.rows.map(userToWire),
      hasMore: page.hasMore,
      ...(page.hasMore && last ? { cursor: encodeCursor(ctx.cursorSecret, 'users', { createdAt: last.created_at, id: last.id }) } : {})
    }
  }
}

export const retrieveUser: OperationHandler = (ctx, input) => ({
  status: 200,
  body: userToWire(requireUser(ctx, input.params.userId ?? ''))
})

export const updateUser: OperationHandler = (ctx, input) => {
  const user = requireUser(ctx, input.params.userId ?? '')
  const params = parseInput(UserUpdateParamsSchema, input.body, 'body')
  refuseOwner(user, 'changed')
  const changes = personChanges(params)
  assertAdminHasDashboard(changes.level ?? user.level, (changes.has_dashboard_access ?? user.has_dashboard_access) === 1)
  if (Object.keys(changes).length === 0) return { status: 200, body: userToWire(user) }
  ctx.store.transaction(() => {
    const now = ctx.stamps.next(user.updated_at)
    ctx.store.users.update(user.id, { ...changes, updated_at: now })
    // Keep a pending invitation in step with the user it will become.
    const pending = ctx.store.invitations.pendingFor(user.id)
    if (pending) ctx.store.invitations.update(pending.id, { ...changes, updated_at: ctx.stamps.next(pending.updated_at) })
  })
  return { status: 200, body: userToWire(requireUser(ctx, user.id)) }
}

export const revokeUserAccess: OperationHandler = (ctx, input) => {
  const { userId } = parseInput(UserIdParamsSchema, input.body, 'body')
  const user = requireUser(ctx, userId)
  refuseOwner(user, 'revoked')
  if (user.active !== 1) throw conflict(`User ${userId} has no access to revoke (already revoked)`, 'user_already_revoked')
  ctx.store.users.update(userId, { active: 0, updated_at: ctx.stamps.next(user.updated_at) })
  return { status: 200, body: { success: true, message: `Access revoked for user ${userId}` } }
}

export const reactivateUser: OperationHandler = (ctx, input) => {
  const { userId } = parseInput(UserIdParamsSchema, input.body, 'body')
  const user = requireUser(ctx, userId)
  if (user.active === 1) throw conflict(`User ${userId} is already active`, 'user_already_active')
  ctx.store.users.update(userId, { active: 1, updated_at: ctx.stamps.next(user.updated_at) })
  return { status: 200, body: { success: true, message: `User ${userId} reactivated` } }
}
