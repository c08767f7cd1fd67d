/**
 * Database rows to wire objects (docs/avara-viewer-api.md §9): optional strings left out when unset, references
 * as objects or null, Study `metadata` `{}` when none, no top-level `expressCustomerId`.
 */
import type { Invitation, Study, User, UserReference } from '@shared/avara/contract'
import type { InvitationRow } from './db/invitations'
import type { StudyRow } from './db/studies'
import type { UserRow } from './db/users'

function withOptional<T extends object>(target: T, fields: Record<string, string | null | undefined>): T {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined && value !== '') (target as Record<string, unknown>)[key] = value
  }
  return target
}

function userReference(
  userId: string | null,
  email: string | null,
  first: string | null,
  last: string | null,
  middle: string | null,
  s1: string | null,
  s2: string | null
): UserReference | null {
  if (!userId || email === null) return null
  return withOptional({ email, userId } as UserReference, { firstName: first, lastName: last, middleName: middle, suffix1: s1, suffix2: s2 })
}

export function studyToWire(row: StudyRow): Study {
  return {
    studyId: row.id,
    studyInstanceUid: row.study_instance_uid,
    studyDescription: row.study_description,
    severity: row.severity as Study['severity'],
    studyViewerStatus: row.viewer_status as Study['studyViewerStatus'],
    isCancelled: row.is_cancelled === 1,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assignedTo: userReference(row.assigned_to, row.a_email, row.a_first, row.a_last, row.a_middle, row.a_s1, row.a_s2),
    createdByApiKey:
      row.created_by_api_key_id && row.k_description !== null
        ? { apiKeyId: row.created_by_api_key_id, description: row.k_description, isViewerEnabled: row.k_viewer === 1 }
        : null,
    createdByUser: userReference(row.created_by_user_id, row.c_email, row.c_first, row.c_last, row.c_middle, row.c_s1, row.c_s2),
    expressCustomer:
      row.express_customer_id && row.x_name !== null
        ? { expressCustomerId: row.express_customer_id, expressCustomerName: row.x_name }
        : null,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : {}
  }
}

export function userToWire(row: UserRow): User {
  return withOptional(
    {
      userId: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      canManageStudies: row.can_manage_studies === 1,
      clinicRole: row.clinic_role as User['clinicRole'],
      hasDashboardAccess: row.has_dashboard_access === 1,
      invitedSource: row.invited_source as User['invitedSource'],
      level: row.level as User['level'],
      createdAt: row.created_at,
      lastLoginAt: row.last_login_at
    } as User,
    { middleName: row.middle_name, phoneNumber: row.phone_number, suffix1: row.suffix1, suffix2: row.suffix2 }
  )
}

export function invitationToWire(row: InvitationRow): Invitation {
  const invitation: Invitation = {
    invitationId: row.id,
    userId: row.user_id,
    clinicId: row.clinic_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    canManageStudies: row.can_manage_studies === 1,
    hasDashboardAccess: row.has_dashboard_access === 1,
    clinicRole: row.clinic_role as Invitation['clinicRole'],
    level: row.level as Invitation['level'],
    status: row.status as Invitation['status'],
    invitedSource: row.invited_source as Invitation['invitedSource'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiry: row.expiry,
    inviterId: row.inviter_id
  }
  // Left out for dashboard invitations (typed optional, not nullable).
  if (row.invited_by_api_key_id) invitation.invitedByApiKeyId = row.invited_by_api_key_id
  return withOptional(invitation, { middleName: row.middle_name, phoneNumber: row.phone_number, suffix1: row.suffix1, suffix2: row.suffix2 })
}
