/** Contract-valid response objects for scripted servers. */
import type { Invitation, Study, User } from '@shared/avara'

export const TEST_KEY = 'sk_live_0123456789abcdef0123456789abcdef'

const hex = (n: number) => n.toString(16).padStart(32, '0')

export function study(n = 1, overrides: Partial<Study> = {}): Study {
  return {
    studyId: `stu_${hex(n)}`,
    studyInstanceUid: `1.2.840.10008.${n}`,
    studyDescription: `Study ${n}`,
    severity: 'normal',
    studyViewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides
  }
}

export function user(n = 1, overrides: Partial<User> = {}): User {
  return {
    userId: `usr_${hex(n)}`,
    email: `user${n}@example.org`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    canManageStudies: true,
    clinicRole: 'Radiologist',
    hasDashboardAccess: false,
    invitedSource: 'api',
    level: 'member',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastLoginAt: null,
    ...overrides
  }
}

export function invitation(n = 1, overrides: Partial<Invitation> = {}): Invitation {
  return {
    invitationId: `inv_${hex(n)}`,
    userId: `usr_${hex(n)}`,
    clinicId: '00000000-0000-4000-8000-000000000000',
    email: `user${n}@example.org`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    canManageStudies: true,
    hasDashboardAccess: false,
    clinicRole: 'Radiologist',
    level: 'member',
    status: 'sent',
    invitedSource: 'api',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiry: null,
    inviterId: null,
    ...overrides
  }
}
