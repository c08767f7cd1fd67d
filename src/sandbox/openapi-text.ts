/**
 * The words of the OpenAPI document: tags, operation descriptions and field descriptions, taken
 * from the wire contract (docs/avara-viewer-api.md) and the sandbox's documented behaviour
 * (docs/sandbox.md). The schemas themselves come from src/shared/avara/contract.ts.
 */
import { LIST_LIMITS, METADATA_LIMITS, type OperationName } from '@shared/avara/contract'

export const TAGS = [
  { name: 'studies', description: 'Studies in the viewer: create, list (newest first), update, cancel, and time-limited viewer links.' },
  { name: 'users', description: 'Clinic users: invite, list, update, revoke access and reactivate.' },
  { name: 'users.invitations', description: 'Invitations sent to users who have not accepted yet.' }
] as const

const LOCATOR = 'The study is named by `studyId` or `studyInstanceUid` (at least one; both must then name the same study).'
const LIST =
  `Cursor pagination: pass the previous page's \`cursor\` with the same filters and \`limit\` (${LIST_LIMITS.min}–${LIST_LIMITS.max}, default ${LIST_LIMITS.default}). ` +
  'A page with `hasMore: true` always has items and a cursor; the last page has `hasMore: false` and no cursor.'

export const OPERATION_DESCRIPTIONS: Record<OperationName, string> = {
  'studies.create': `Creates a study (\`incomplete\`, not cancelled). The DICOM Study Instance UID must be unique (409 otherwise). Metadata: at most ${METADATA_LIMITS.maxPairs} pairs, keys up to ${METADATA_LIMITS.maxKeyLength} characters, values up to ${METADATA_LIMITS.maxValueLength}.`,
  'studies.list': `Lists studies, newest first. ${LIST}`,
  'studies.cancel': `Flags a study as cancelled (\`isCancelled\`, \`cancelledAt\`). ${LOCATOR} Cancelling a cancelled study is a 409.`,
  'studies.uncancel': `Clears the cancellation of a study. ${LOCATOR} Uncancelling a study that is not cancelled is a 409.`,
  'studies.rerouteURL': `A tokenised, time-limited link into the viewer for one study. ${LOCATOR} The link is a credential: do not log it.`,
  'studies.retrieveByUid': 'Retrieves a study by its DICOM Study Instance UID (percent-encoded in the path; dots are kept).',
  'studies.retrieve': 'Retrieves a study by its ID.',
  'studies.update': 'Changes only the fields sent. `assignedTo: null` unassigns; `metadata: null` clears the map, a map replaces it.',
  'users.invite': 'Creates a user (`invitedSource: api`) and a `sent` invitation with the same `userId`. The email must be new (409 otherwise); `level: admin` requires `hasDashboardAccess: true`.',
  'users.list': `Lists users, newest first. ${LIST}`,
  'users.revokeAccess': "Deactivates a user and keeps their data. Revoking a revoked user is a 409; the clinic owner cannot be revoked (403).",
  'users.reactivate': 'Restores a revoked user with the same permissions. Reactivating an active user is a 409.',
  'users.invitations.list': `Lists invitations, newest first. ${LIST}`,
  'users.invitations.revoke': 'Revokes a pending invitation, named by `invitationId`, by `userId` (that user\'s pending invitation) or both (they must belong together).',
  'users.invitations.retrieve': 'Retrieves an invitation.',
  'users.invitations.update': 'Updates a pending (sent and unexpired) invitation and the pending user; otherwise 409.',
  'users.retrieve': 'Retrieves a user (revoked users too).',
  'users.update': 'Changes only the fields sent; `null` clears `middleName`, `phoneNumber`, `suffix1`, `suffix2`, and resets `clinicRole` to `Other`. The email cannot be changed; the owner cannot be changed (403).'
}

/** Descriptions of fields by name, wherever they appear (bodies, queries, responses). */
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  studyId: 'Study ID: `stu_` and 32 lowercase hex characters.',
  userId: 'User ID: `usr_` and 32 lowercase hex characters.',
  invitationId: 'Invitation ID: `inv_` and 32 lowercase hex characters.',
  expressCustomerId: 'Express customer ID: `cus_` and 32 lowercase hex characters.',
  studyInstanceUid:
    'DICOM Study Instance UID: digit components joined by dots, at most 64 characters, no empty component, no leading zero unless the component is `0`.',
  studyDescription: 'Free-text description, such as the scan name (1–500 characters, not only spaces).',
  severity: 'How urgent the study is: `normal`, `high` or `stat`.',
  studyViewerStatus: 'Reading status: `incomplete` or `complete`.',
  isCancelled: 'Whether the study is cancelled.',
  metadata: `String-to-string map: at most ${METADATA_LIMITS.maxPairs} pairs, keys 1–${METADATA_LIMITS.maxKeyLength} characters, values up to ${METADATA_LIMITS.maxValueLength} characters.`,
  assignedTo: 'The radiologist the study is assigned to.',
  cursor: 'Opaque cursor of the next page, taken from the previous page.',
  limit: `Items per page, ${LIST_LIMITS.min}–${LIST_LIMITS.max} (default ${LIST_LIMITS.default}).`,
  hasMore: 'True when another page follows (then the page has items and a cursor).',
  email: 'Email address; unique per clinic (compared without regard to case).',
  phoneNumber: 'Phone number: 10 to 15 digits, nothing else.',
  clinicRole: 'One of the clinic roles (exact spelling).',
  level: 'Permission level. `owner` is set only in the dashboard; the API assigns `admin` or `member`.',
  hasDashboardAccess: 'Whether the user may sign in to the dashboard; required for admins.',
  canManageStudies: 'Whether the user may create and change studies.',
  startDate: 'First day (UTC, inclusive) of `createdAt`, written YYYY-MM-DD (a real date).',
  endDate: 'Last day (UTC, inclusive) of `createdAt`, written YYYY-MM-DD (a real date); not before `startDate`.',
  expired: '`expired`: expiry set and past; `not-expired`: no expiry or in the future; `all`: no filter.',
  status: 'Invitation statuses to include, comma-separated (`sent,revoked`).',
  createdAt: 'ISO 8601 timestamp with milliseconds, in UTC.',
  updatedAt: 'ISO 8601 timestamp with milliseconds, in UTC; advances on every change.',
  cancelledAt: 'When the study was cancelled, or null.',
  lastLoginAt: 'Last dashboard sign-in, or null when the user never signed in.',
  expiry: 'When the invitation expires, or null for no expiry.',
  url: 'Time-limited viewer link; a credential.',
  success: 'Whether the action was carried out.'
}

/** Query parameters that also take "no value": how null travels in a query string. */
export const NULL_QUERY_DESCRIPTIONS: Record<string, string> = {
  assignedTo: 'A user ID, or null for unassigned studies: send the key with an empty value (`assignedTo=`, as the SDK does) or the literal `null`.',
  expressCustomerId: 'An Express customer ID, or null for studies without a customer: `expressCustomerId=` or the literal `null`.',
  isCancelled: '`true` or `false`; `isCancelled=` or the literal `null` means no filter.'
}
