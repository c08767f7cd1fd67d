import type { UserUpdateParams } from '@shared/avara/contract'
import type { PersonColumns } from '../db/users'
import { badRequest } from '../http/errors'

/** The role a `clinicRole: null` update resets to: the field is required on the wire, so it cannot be empty. */
export const CLEARED_CLINIC_ROLE = 'Other'

/** Column changes for the fields a user/invitation update sent (undefined = untouched, null = cleared). */
export function personChanges(params: UserUpdateParams): Partial<PersonColumns> {
  const changes: Partial<PersonColumns> = {}
  if (params.firstName !== undefined) changes.first_name = params.firstName
  if (params.lastName !== undefined) changes.last_name = params.lastName
  if (params.middleName !== undefined) changes.middle_name = params.middleName
  if (params.phoneNumber !== undefined) changes.phone_number = params.phoneNumber
  if (params.suffix1 !== undefined) changes.suffix1 = params.suffix1
  if (params.suffix2 !== undefined) changes.suffix2 = params.suffix2
  if (params.canManageStudies !== undefined) changes.can_manage_studies = params.canManageStudies ? 1 : 0
  if (params.hasDashboardAccess !== undefined) changes.has_dashboard_access = params.hasDashboardAccess ? 1 : 0
  if (params.clinicRole !== undefined) changes.clinic_role = params.clinicRole ?? CLEARED_CLINIC_ROLE
  if (params.level !== undefined) changes.level = params.level
  return changes
}

/** Admins must have dashboard access (judged on the state after the change). */
export function assertAdminHasDashboard(level: string, hasDashboardAccess: boolean): void {
  if (level === 'admin' && !hasDashboardAccess) {
    throw badRequest('hasDashboardAccess: must be true when level is admin', 'admin_requires_dashboard_access')
  }
}
