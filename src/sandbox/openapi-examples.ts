/**
 * Examples for the OpenAPI document, shaped as the sandbox answers (docs/sandbox.md) and using the
 * contract's sample values (docs/avara-viewer-api.md). A test checks each against its schema.
 * Lists end (`hasMore: false`), so a mock server answering with these examples ends its lists too.
 */
import type { OperationName } from '@shared/avara/contract'

const STUDY_ID = 'stu_3f2a9c4e1b7d4e0f9a8b6c5d4e3f2a1b'
const USER_ID = 'usr_8b1e5d2c9f0a4b3c8d7e6f5a4b3c2d1e'
const OWNER_ID = 'usr_1a2b3c4d5e6f40718293a4b5c6d7e8f9'
const INVITATION_ID = 'inv_5c4d3e2f1a0b4c9d8e7f6a5b4c3d2e1f'
const API_KEY_ID = '0b9e7d3c-5a41-4f6e-9c2d-7e8f1a2b3c4d'
const CLINIC_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'
const UID = '1.2.840.10008.5.1.4.1.1.2'

const study = {
  studyId: STUDY_ID,
  studyInstanceUid: UID,
  studyDescription: 'CT Head without contrast',
  severity: 'stat',
  studyViewerStatus: 'incomplete',
  isCancelled: false,
  cancelledAt: null,
  createdAt: '2025-01-30T12:34:56.789Z',
  updatedAt: '2025-01-30T12:34:56.789Z',
  assignedTo: { email: 'maya.chen@example.org', userId: USER_ID, firstName: 'Maya', lastName: 'Chen' },
  createdByApiKey: { apiKeyId: API_KEY_ID, description: 'Reading Room Companion sandbox key', isViewerEnabled: true },
  createdByUser: null,
  expressCustomer: null,
  metadata: { accessionNumber: 'ACC-104233', modality: 'CT', department: 'Emergency' }
}

const user = {
  userId: USER_ID,
  email: 'maya.chen@example.org',
  firstName: 'Maya',
  lastName: 'Chen',
  suffix1: 'MD',
  canManageStudies: true,
  clinicRole: 'Radiologist',
  hasDashboardAccess: true,
  invitedSource: 'api',
  level: 'member',
  createdAt: '2025-01-30T12:34:56.789Z',
  lastLoginAt: null,
  phoneNumber: '5551234567'
}

const invitation = {
  invitationId: INVITATION_ID,
  userId: USER_ID,
  clinicId: CLINIC_ID,
  email: 'maya.chen@example.org',
  firstName: 'Maya',
  lastName: 'Chen',
  canManageStudies: true,
  hasDashboardAccess: true,
  clinicRole: 'Radiologist',
  level: 'member',
  status: 'sent',
  invitedSource: 'api',
  createdAt: '2025-01-30T12:34:56.789Z',
  updatedAt: '2025-01-30T12:34:56.789Z',
  expiry: '2025-02-06T12:34:56.789Z',
  inviterId: null,
  invitedByApiKeyId: API_KEY_ID,
  suffix1: 'MD',
  phoneNumber: '5551234567'
}

const success = { success: true }
const locator = { studyId: STUDY_ID }

export const REQUEST_EXAMPLES: Partial<Record<OperationName, unknown>> = {
  'studies.create': {
    severity: 'stat',
    studyDescription: 'CT Head without contrast',
    studyInstanceUid: UID,
    assignedTo: USER_ID,
    metadata: { accessionNumber: 'ACC-104233', modality: 'CT' }
  },
  'studies.update': { assignedTo: null, severity: 'high' },
  'studies.cancel': locator,
  'studies.uncancel': { studyInstanceUid: UID },
  'studies.rerouteURL': locator,
  'users.invite': {
    canManageStudies: true,
    clinicRole: 'Radiologist',
    email: 'maya.chen@example.org',
    firstName: 'Maya',
    lastName: 'Chen',
    hasDashboardAccess: true,
    level: 'member',
    phoneNumber: '5551234567'
  },
  'users.update': { clinicRole: 'Radiologist', middleName: null },
  'users.revokeAccess': { userId: USER_ID },
  'users.reactivate': { userId: USER_ID },
  'users.invitations.update': { level: 'admin', hasDashboardAccess: true },
  'users.invitations.revoke': { invitationId: INVITATION_ID }
}

export const RESPONSE_EXAMPLES: Record<OperationName, unknown> = {
  'studies.create': study,
  'studies.list': { studies: [study], hasMore: false },
  'studies.cancel': success,
  'studies.uncancel': success,
  'studies.rerouteURL': { url: `https://viewer.example.org/viewer/studies/${STUDY_ID}?token=eyJzdHVkeUlkIjoi...` },
  'studies.retrieveByUid': study,
  'studies.retrieve': study,
  'studies.update': { ...study, severity: 'high', assignedTo: null },
  'users.invite': user,
  'users.list': { users: [user, { ...user, userId: OWNER_ID, email: 'jordan.ellis@example.org', firstName: 'Jordan', lastName: 'Ellis', level: 'owner', invitedSource: 'dashboard', clinicRole: 'Administrative Director' }], hasMore: false },
  'users.revokeAccess': success,
  'users.reactivate': success,
  'users.invitations.list': { invitations: [invitation], hasMore: false },
  'users.invitations.revoke': success,
  'users.invitations.retrieve': invitation,
  'users.invitations.update': { ...invitation, level: 'admin' },
  'users.retrieve': user,
  'users.update': user
}

/** Examples of query parameters and path parameters, by name. */
export const PARAMETER_EXAMPLES: Record<string, unknown> = {
  studyId: STUDY_ID,
  userId: USER_ID,
  invitationId: INVITATION_ID,
  studyInstanceUid: UID,
  assignedTo: USER_ID,
  cursor: 'eyJvZmZzZXQiOjIwfQ==',
  limit: 50,
  startDate: '2025-01-01',
  endDate: '2025-01-31',
  studyDescription: 'CT Head',
  email: 'maya.chen@example.org'
}

export const ERROR_EXAMPLE = { message: 'studyInstanceUid: must be a DICOM UID: digits and dots, at most 64 characters, no empty component, no leading zeros', code: 'validation_error' }
