import type { ClinicRole, UserLevel } from '@shared/avara/contract'

export interface SeedPerson {
  firstName: string
  lastName: string
  email: string
  clinicRole: ClinicRole
  level: UserLevel
  suffix1?: string
  canManageStudies: boolean
  hasDashboardAccess: boolean
}

/** The clinic owner (created "from the dashboard"); present in every seed. */
export const OWNER: SeedPerson = {
  firstName: 'Jordan',
  lastName: 'Ellis',
  email: 'jordan.ellis@example.org',
  clinicRole: 'Administrative Director',
  level: 'owner',
  canManageStudies: true,
  hasDashboardAccess: true
}

/** The obvious demo identity: the radiologist whose queue the desktop app shows in demos. */
export const DEMO_RADIOLOGIST_EMAIL = 'maya.chen@example.org'

export const RADIOLOGISTS: readonly SeedPerson[] = [
  { firstName: 'Maya', lastName: 'Chen', email: DEMO_RADIOLOGIST_EMAIL, clinicRole: 'Radiologist', level: 'member', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: true },
  { firstName: 'Daniel', lastName: 'Okafor', email: 'daniel.okafor@example.org', clinicRole: 'Radiologist', level: 'admin', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: true },
  { firstName: 'Sofia', lastName: 'Alvarez', email: 'sofia.alvarez@example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'MD', canManageStudies: true, hasDashboardAccess: false },
  { firstName: 'James', lastName: 'Whitaker', email: 'james.whitaker@example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'DO', canManageStudies: true, hasDashboardAccess: false },
  { firstName: 'Hannah', lastName: 'Kim', email: 'hannah.kim@example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'MD', canManageStudies: false, hasDashboardAccess: false }
]

export const COORDINATOR: SeedPerson = {
  firstName: 'Luis', lastName: 'Ortega', email: 'luis.ortega@example.org', clinicRole: 'Patient Care Coordinator', level: 'member',
  canManageStudies: true, hasDashboardAccess: true
}

/** Invited through the API and not yet accepted: a pending invitation in the demo. */
export const PENDING_INVITEE: SeedPerson = {
  firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@example.org', clinicRole: 'Radiologist', level: 'member', suffix1: 'MD',
  canManageStudies: true, hasDashboardAccess: false
}

export const EXPRESS_CUSTOMERS = ['Northside Urgent Care', 'Lakeview Orthopedics', 'Harbor Imaging Partners'] as const
