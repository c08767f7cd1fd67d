/**
 * The Avara Viewer API wire contract: one source for the sandbox (request validation, response
 * shapes, OpenAPI document) and the client (types, response checks).
 *
 * Request schemas are strict: they describe what the service accepts. Response schemas are open:
 * required fields are checked, but unknown fields and enum values the contract does not know yet
 * pass through, because the real service adds them over time.
 *
 * Relative imports and `zod` only: this module runs in Node, in Electron's main process and in a
 * browser.
 */
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------
// Enumerations (wire values)

export const SEVERITIES = ['normal', 'high', 'stat'] as const
export const STUDY_VIEWER_STATUSES = ['incomplete', 'complete'] as const
export const USER_LEVELS = ['owner', 'admin', 'member'] as const
export const ASSIGNABLE_USER_LEVELS = ['admin', 'member'] as const
export const INVITED_SOURCES = ['dashboard', 'api'] as const
export const INVITATION_STATUSES = ['sent', 'accepted', 'rejected', 'revoked'] as const
export const INVITATION_EXPIRED_FILTERS = ['all', 'expired', 'not-expired'] as const

/** The 61 roles of the current SDK plus the seed's `PACS Administrator` (62 in all). */
export const CLINIC_ROLES = [
  'Doctor', 'Physician', 'Surgeon', 'Radiologist', 'Cardiologist', 'Neurologist', 'Urologist',
  'Gynecologist', 'Endocrinologist', 'Oncologist', 'Radiation Oncologist', 'Hematologist',
  'Gastroenterologist', 'Pulmonologist', 'Nephrologist', 'Rheumatologist', 'Dermatologist',
  'Ophthalmologist', 'Otolaryngologist', 'Pediatrician', 'Obstetrician', 'Psychiatrist',
  'Anesthesiologist', 'Emergency Medicine Physician', 'Family Medicine Physician',
  'Internal Medicine Physician', 'Pathologist', 'Nuclear Medicine Physician',
  'Pain Management Specialist', 'Infectious Disease Specialist', 'Immunologist',
  'Physician Assistant', 'Nurse Practitioner', 'Certified Registered Nurse Anesthetist',
  'Psychologist', 'Medical Assistant', 'Scribe', 'Registered Nurse', 'Nurse Manager',
  'Patient Care Coordinator', 'Imaging Technologist', 'Laboratory Technician',
  'Medical Laboratory Scientist', "Pathologists' Assistant", 'Phlebotomist', 'Pharmacist',
  'Pharmacy Technician', 'Physical Therapist', 'Occupational Therapist',
  'Speech-Language Pathologist', 'Respiratory Therapist', 'Nutritionist', 'Front Desk Operator',
  'Revenue Cycle Manager', 'Administrative Director', 'Administrative Assistant',
  'Legal Administrator', 'IT Administrator', 'IT Support', 'Software Engineer', 'Other',
  'PACS Administrator'
] as const

export type Severity = (typeof SEVERITIES)[number]
export type StudyViewerStatus = (typeof STUDY_VIEWER_STATUSES)[number]
export type UserLevel = (typeof USER_LEVELS)[number]
export type AssignableUserLevel = (typeof ASSIGNABLE_USER_LEVELS)[number]
export type InvitedSource = (typeof INVITED_SOURCES)[number]
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]
export type InvitationExpiredFilter = (typeof INVITATION_EXPIRED_FILTERS)[number]
export type ClinicRole = (typeof CLINIC_ROLES)[number]

// ---------------------------------------------------------------------------------------------
// Formats

export const ID_PREFIXES = { study: 'stu_', user: 'usr_', invitation: 'inv_', expressCustomer: 'cus_' } as const
export type IdKind = keyof typeof ID_PREFIXES

/** The one spelling of an Avara ID's shape: prefix + 32 lowercase hex. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}[0-9a-f]{32}$`)
}

export function isId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && idPattern(kind).test(value)
}

/** DICOM UID (PS3.5 §9.1): digit components joined by dots, at most 64 characters. */
export const DICOM_UID_MAX_LENGTH = 64
/** Digit components joined by dots; no empty component; no leading zero unless the component is `0`. */
export const DICOM_UID_PATTERN = '^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*$'
const DICOM_UID_RE = new RegExp(DICOM_UID_PATTERN)

export function isDicomUid(value: string): boolean {
  return value.length <= DICOM_UID_MAX_LENGTH && DICOM_UID_RE.test(value)
}

/** A real calendar date written `YYYY-MM-DD`. */
export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const ISO_DATE_RE = new RegExp(ISO_DATE_PATTERN)

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE_RE.test(value)) return false
  const parsed = new Date(`${value}T00:00:00.000Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value)
}

export const METADATA_LIMITS = { maxPairs: 50, maxKeyLength: 100, maxValueLength: 1000 } as const
export const LIST_LIMITS = { min: 1, max: 100, default: 20 } as const

// ---------------------------------------------------------------------------------------------
// Schema helpers

/** What a malformed ID is told (request validation here, the sandbox router, the bridge). */
export function idRequirement(kind: IdKind): string {
  return `must be ${ID_NAMES[kind]} (${ID_PREFIXES[kind]} followed by 32 lowercase hex characters)`
}

const ID_NAMES: Record<IdKind, string> = {
  study: 'a study ID',
  user: 'a user ID',
  invitation: 'an invitation ID',
  expressCustomer: 'an Express customer ID'
}

/** A string schema for an ID of `kind`: every layer validates IDs with this one. */
export function idSchema(kind: IdKind) {
  return z.string().regex(idPattern(kind), idRequirement(kind))
}
const idOf = idSchema

// `.meta()` states each refinement in JSON Schema terms, since z.toJSONSchema drops refinements
// (the sandbox's /openapi.json is generated from these schemas).
const dicomUid = z
  .string()
  .refine(isDicomUid, 'must be a DICOM UID: digits and dots, at most 64 characters, no empty component, no leading zeros')
  .meta({ pattern: DICOM_UID_PATTERN, maxLength: DICOM_UID_MAX_LENGTH })

const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').meta({ format: 'date', pattern: ISO_DATE_PATTERN })

const metadata = z
  .record(
    z.string().min(1, 'metadata keys must not be empty').max(METADATA_LIMITS.maxKeyLength, 'metadata keys are at most 100 characters'),
    z.string().max(METADATA_LIMITS.maxValueLength, 'metadata values are at most 1000 characters')
  )
  .refine((m) => Object.keys(m).length <= METADATA_LIMITS.maxPairs, 'metadata has at most 50 pairs')
  .meta({ maxProperties: METADATA_LIMITS.maxPairs })

/** Something other than white space: what `trim().min(1)` means. */
export const NON_BLANK_PATTERN = '\\S'
const nonEmptyText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).meta({ pattern: NON_BLANK_PATTERN })
const email = z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')
const phoneNumber = z.string().regex(/^[0-9]{10,15}$/, 'must be 10 to 15 digits')
const listLimit = z.number().int('must be a whole number').min(LIST_LIMITS.min).max(LIST_LIMITS.max)

/**
 * An enumeration in a response: typed as the known values, checked only as a string, so a value
 * the service adds later passes through instead of failing the whole response.
 */
function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().meta({ enum: [...values] }) as unknown as z.ZodType<T[number]>
}

const timestamp = z.string().nullable()

// ---------------------------------------------------------------------------------------------
// Response objects (open)

export const UserReferenceSchema = z.looseObject({
  email: z.string(),
  userId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  middleName: z.string().optional(),
  suffix1: z.string().optional(),
  suffix2: z.string().optional()
})

export const APIKeyReferenceSchema = z.looseObject({
  apiKeyId: z.string(),
  description: z.string(),
  isViewerEnabled: z.boolean().optional(),
  isClinicalContextEnrichmentEnabled: z.boolean().optional()
})

export const ExpressCustomerReferenceSchema = z.looseObject({
  expressCustomerId: z.string(),
  expressCustomerName: z.string()
})

export const StudySchema = z.looseObject({
  studyId: z.string(),
  studyInstanceUid: z.string(),
  studyDescription: z.string(),
  severity: openEnum(SEVERITIES),
  studyViewerStatus: openEnum(STUDY_VIEWER_STATUSES),
  isCancelled: z.boolean(),
  cancelledAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  assignedTo: UserReferenceSchema.nullable().optional(),
  createdByApiKey: APIKeyReferenceSchema.nullable().optional(),
  createdByUser: UserReferenceSchema.nullable().optional(),
  expressCustomer: ExpressCustomerReferenceSchema.nullable().optional(),
  metadata: z.record(z.string(), z.string()).optional()
})

export const UserSchema = z.looseObject({
  userId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  canManageStudies: z.boolean(),
  clinicRole: openEnum(CLINIC_ROLES),
  hasDashboardAccess: z.boolean(),
  invitedSource: openEnum(INVITED_SOURCES),
  level: openEnum(USER_LEVELS),
  createdAt: timestamp,
  lastLoginAt: timestamp,
  middleName: z.string().optional(),
  phoneNumber: z.string().optional(),
  suffix1: z.string().optional(),
  suffix2: z.string().optional()
})

export const InvitationSchema = z.looseObject({
  invitationId: z.string(),
  userId: z.string(),
  clinicId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  canManageStudies: z.boolean(),
  hasDashboardAccess: z.boolean(),
  clinicRole: openEnum(CLINIC_ROLES),
  level: openEnum(USER_LEVELS),
  status: openEnum(INVITATION_STATUSES),
  invitedSource: openEnum(INVITED_SOURCES),
  createdAt: timestamp,
  updatedAt: timestamp,
  expiry: timestamp,
  // Typed as a string by the SDK but documented as null for API invitations; both are accepted.
  inviterId: z.string().nullable(),
  // Typed optional by the SDK but documented as null for dashboard invitations; accept both.
  invitedByApiKeyId: z.string().nullable().optional(),
  middleName: z.string().nullable().optional(),
  phoneNumber: z.string().nullable().optional(),
  suffix1: z.string().nullable().optional(),
  suffix2: z.string().nullable().optional()
})

export const SuccessSchema = z.looseObject({ success: z.boolean(), message: z.string().optional() })
export const RerouteURLSchema = z.looseObject({ url: z.string() })

const cursorPage = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.looseObject({
    [key]: z.array(item),
    cursor: z.string().nullable().optional(),
    hasMore: z.boolean().optional()
  } as { [P in K]: z.ZodArray<T> } & {
    cursor: z.ZodOptional<z.ZodNullable<z.ZodString>>
    hasMore: z.ZodOptional<z.ZodBoolean>
  })

export const CursorStudiesSchema = cursorPage('studies', StudySchema)
export const CursorUsersSchema = cursorPage('users', UserSchema)
export const CursorInvitationsSchema = cursorPage('invitations', InvitationSchema)

export const ErrorBodySchema = z.object({ message: z.string(), code: z.string() })

// ---------------------------------------------------------------------------------------------
// Request parameters (strict)

export const StudyCreateParamsSchema = z.strictObject({
  severity: z.enum(SEVERITIES),
  studyDescription: nonEmptyText(500),
  studyInstanceUid: dicomUid,
  assignedTo: idOf('user').optional(),
  expressCustomerId: idOf('expressCustomer').optional(),
  metadata: metadata.optional()
})

export const StudyListParamsSchema = z.strictObject({
  assignedTo: idOf('user').nullable().optional(),
  expressCustomerId: idOf('expressCustomer').nullable().optional(),
  isCancelled: z.boolean().nullable().optional(),
  severity: z.enum(SEVERITIES).optional(),
  studyDescription: z.string().max(500).optional(),
  studyViewerStatus: z.enum(STUDY_VIEWER_STATUSES).optional(),
  cursor: z.string().optional(),
  limit: listLimit.optional()
})

export const StudyUpdateParamsSchema = z.strictObject({
  assignedTo: idOf('user').nullable().optional(),
  metadata: metadata.nullable().optional(),
  severity: z.enum(SEVERITIES).optional(),
  studyDescription: nonEmptyText(500).optional(),
  studyViewerStatus: z.enum(STUDY_VIEWER_STATUSES).optional()
})

/** Body of cancel, uncancel and reroute-url: the study by ID or by DICOM UID. */
export const StudyLocatorParamsSchema = z
  .strictObject({
    studyId: idOf('study').optional(),
    studyInstanceUid: dicomUid.optional()
  })
  // One of the two is required (both must then name the same study); the handlers check it.
  .meta({ anyOf: [{ required: ['studyId'] }, { required: ['studyInstanceUid'] }] })

const personFields = {
  firstName: nonEmptyText(100),
  lastName: nonEmptyText(100),
  middleName: z.string().max(100),
  phoneNumber,
  suffix1: z.string().max(20),
  suffix2: z.string().max(20)
}

export const UserInviteParamsSchema = z.strictObject({
  canManageStudies: z.boolean(),
  clinicRole: z.enum(CLINIC_ROLES),
  email,
  firstName: personFields.firstName,
  lastName: personFields.lastName,
  hasDashboardAccess: z.boolean(),
  level: z.enum(ASSIGNABLE_USER_LEVELS),
  middleName: personFields.middleName.optional(),
  phoneNumber: personFields.phoneNumber.optional(),
  suffix1: personFields.suffix1.optional(),
  suffix2: personFields.suffix2.optional()
})
  // Admins need the dashboard (the handler checks it; for updates on the resulting state, which no schema sees).
  .meta({ if: { properties: { level: { const: 'admin' } }, required: ['level'] }, then: { properties: { hasDashboardAccess: { const: true } } } })

export const UserListParamsSchema = z.strictObject({
  email: z.string().max(254).optional(),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  level: z.enum(USER_LEVELS).optional(),
  invitedSource: z.enum(INVITED_SOURCES).optional(),
  cursor: z.string().optional(),
  limit: listLimit.optional()
})

/** Body of user update and invitation update (the same fields). */
export const UserUpdateParamsSchema = z.strictObject({
  canManageStudies: z.boolean().optional(),
  clinicRole: z.enum(CLINIC_ROLES).nullable().optional(),
  firstName: personFields.firstName.optional(),
  lastName: personFields.lastName.optional(),
  hasDashboardAccess: z.boolean().optional(),
  level: z.enum(ASSIGNABLE_USER_LEVELS).optional(),
  middleName: personFields.middleName.nullable().optional(),
  phoneNumber: personFields.phoneNumber.nullable().optional(),
  suffix1: personFields.suffix1.nullable().optional(),
  suffix2: personFields.suffix2.nullable().optional()
})
export const InvitationUpdateParamsSchema = UserUpdateParamsSchema

export const UserIdParamsSchema = z.strictObject({ userId: idOf('user') })

export const InvitationListParamsSchema = z.strictObject({
  status: z.array(z.enum(INVITATION_STATUSES)).optional(),
  expired: z.enum(INVITATION_EXPIRED_FILTERS).optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  userId: idOf('user').optional(),
  cursor: z.string().optional(),
  limit: listLimit.optional()
})

export const InvitationRevokeParamsSchema = z
  .strictObject({
    invitationId: idOf('invitation').optional(),
    userId: idOf('user').optional()
  })
  .meta({ anyOf: [{ required: ['invitationId'] }, { required: ['userId'] }] })

// ---------------------------------------------------------------------------------------------
// Types

export type UserReference = z.infer<typeof UserReferenceSchema>
export type APIKeyReference = z.infer<typeof APIKeyReferenceSchema>
export type ExpressCustomerReference = z.infer<typeof ExpressCustomerReferenceSchema>
export type Study = z.infer<typeof StudySchema>
export type User = z.infer<typeof UserSchema>
export type Invitation = z.infer<typeof InvitationSchema>
export type SuccessResponse = z.infer<typeof SuccessSchema>
export type RerouteURLResponse = z.infer<typeof RerouteURLSchema>
export type CursorStudies = z.infer<typeof CursorStudiesSchema>
export type CursorUsers = z.infer<typeof CursorUsersSchema>
export type CursorInvitations = z.infer<typeof CursorInvitationsSchema>
export type ErrorBody = z.infer<typeof ErrorBodySchema>

export type StudyCreateParams = z.input<typeof StudyCreateParamsSchema>
export type StudyListParams = z.input<typeof StudyListParamsSchema>
export type StudyUpdateParams = z.input<typeof StudyUpdateParamsSchema>
export type StudyLocatorParams = z.input<typeof StudyLocatorParamsSchema>
export type StudyCancelParams = StudyLocatorParams
export type StudyUncancelParams = StudyLocatorParams
export type StudyRerouteURLParams = StudyLocatorParams
export type UserInviteParams = z.input<typeof UserInviteParamsSchema>
export type UserListParams = z.input<typeof UserListParamsSchema>
export type UserUpdateParams = z.input<typeof UserUpdateParamsSchema>
export type UserRevokeAccessParams = z.input<typeof UserIdParamsSchema>
export type UserReactivateParams = z.input<typeof UserIdParamsSchema>
export type InvitationListParams = z.input<typeof InvitationListParamsSchema>
export type InvitationUpdateParams = z.input<typeof InvitationUpdateParamsSchema>
export type InvitationRevokeParams = z.input<typeof InvitationRevokeParamsSchema>

// SDK-compatible response aliases.
export type StudyCreateResponse = Study
export type StudyListResponse = Study
export type StudyRetrieveResponse = Study
export type StudyUpdateResponse = Study
export type StudyRetrieveByUidResponse = Study
export type StudyCancelResponse = SuccessResponse
export type StudyUncancelResponse = SuccessResponse
export type StudyRerouteURLResponse = RerouteURLResponse
export type UserInviteResponse = User
export type UserListResponse = User
export type UserRetrieveResponse = User
export type UserUpdateResponse = User
export type UserRevokeAccessResponse = SuccessResponse
export type UserReactivateResponse = SuccessResponse
export type InvitationListResponse = Invitation
export type InvitationRetrieveResponse = Invitation
export type InvitationUpdateResponse = Invitation
export type InvitationRevokeResponse = SuccessResponse

// ---------------------------------------------------------------------------------------------
// Endpoints: the 18 operations of the viewer surface

export type HttpMethod = 'GET' | 'POST' | 'PATCH'

export interface EndpointSpec {
  /** SDK method path, e.g. `studies.create` for `client.viewer.studies.create`. */
  readonly operation: string
  readonly method: HttpMethod
  /** Path template; `{name}` marks a percent-encoded path parameter. */
  readonly path: string
  readonly pathParam?: { name: string; kind?: IdKind }
  readonly query?: z.ZodType
  readonly body?: z.ZodType
  readonly response: z.ZodType
  readonly successStatus: 200 | 201
  readonly summary: string
}

const endpoint = <const E extends EndpointSpec>(spec: E): E => spec

export const ENDPOINTS = {
  'studies.create': endpoint({ operation: 'studies.create', method: 'POST', path: '/v1/viewer/studies', body: StudyCreateParamsSchema, response: StudySchema, successStatus: 201, summary: 'Create a study' }),
  'studies.list': endpoint({ operation: 'studies.list', method: 'GET', path: '/v1/viewer/studies', query: StudyListParamsSchema, response: CursorStudiesSchema, successStatus: 200, summary: 'List studies, newest first' }),
  'studies.cancel': endpoint({ operation: 'studies.cancel', method: 'POST', path: '/v1/viewer/studies/cancel', body: StudyLocatorParamsSchema, response: SuccessSchema, successStatus: 200, summary: 'Cancel a study' }),
  'studies.uncancel': endpoint({ operation: 'studies.uncancel', method: 'POST', path: '/v1/viewer/studies/uncancel', body: StudyLocatorParamsSchema, response: SuccessSchema, successStatus: 200, summary: 'Uncancel a study' }),
  'studies.rerouteURL': endpoint({ operation: 'studies.rerouteURL', method: 'POST', path: '/v1/viewer/studies/reroute-url', body: StudyLocatorParamsSchema, response: RerouteURLSchema, successStatus: 200, summary: 'A time-limited viewer URL for a study' }),
  'studies.retrieveByUid': endpoint({ operation: 'studies.retrieveByUid', method: 'GET', path: '/v1/viewer/studies/by-uid/{studyInstanceUid}', pathParam: { name: 'studyInstanceUid' }, response: StudySchema, successStatus: 200, summary: 'Retrieve a study by DICOM Study Instance UID' }),
  'studies.retrieve': endpoint({ operation: 'studies.retrieve', method: 'GET', path: '/v1/viewer/studies/{studyId}', pathParam: { name: 'studyId', kind: 'study' }, response: StudySchema, successStatus: 200, summary: 'Retrieve a study' }),
  'studies.update': endpoint({ operation: 'studies.update', method: 'PATCH', path: '/v1/viewer/studies/{studyId}', pathParam: { name: 'studyId', kind: 'study' }, body: StudyUpdateParamsSchema, response: StudySchema, successStatus: 200, summary: 'Update a study' }),
  'users.invite': endpoint({ operation: 'users.invite', method: 'POST', path: '/v1/viewer/users', body: UserInviteParamsSchema, response: UserSchema, successStatus: 201, summary: 'Invite a user' }),
  'users.list': endpoint({ operation: 'users.list', method: 'GET', path: '/v1/viewer/users', query: UserListParamsSchema, response: CursorUsersSchema, successStatus: 200, summary: 'List users, newest first' }),
  'users.revokeAccess': endpoint({ operation: 'users.revokeAccess', method: 'POST', path: '/v1/viewer/users/revoke-access', body: UserIdParamsSchema, response: SuccessSchema, successStatus: 200, summary: "Revoke a user's access" }),
  'users.reactivate': endpoint({ operation: 'users.reactivate', method: 'POST', path: '/v1/viewer/users/reactivate', body: UserIdParamsSchema, response: SuccessSchema, successStatus: 200, summary: 'Reactivate a user' }),
  'users.invitations.list': endpoint({ operation: 'users.invitations.list', method: 'GET', path: '/v1/viewer/users/invitations', query: InvitationListParamsSchema, response: CursorInvitationsSchema, successStatus: 200, summary: 'List invitations, newest first' }),
  'users.invitations.revoke': endpoint({ operation: 'users.invitations.revoke', method: 'POST', path: '/v1/viewer/users/invitations/revoke', body: InvitationRevokeParamsSchema, response: SuccessSchema, successStatus: 200, summary: 'Revoke a pending invitation' }),
  'users.invitations.retrieve': endpoint({ operation: 'users.invitations.retrieve', method: 'GET', path: '/v1/viewer/users/invitations/{invitationId}', pathParam: { name: 'invitationId', kind: 'invitation' }, response: InvitationSchema, successStatus: 200, summary: 'Retrieve an invitation' }),
  'users.invitations.update': endpoint({ operation: 'users.invitations.update', method: 'PATCH', path: '/v1/viewer/users/invitations/{invitationId}', pathParam: { name: 'invitationId', kind: 'invitation' }, body: InvitationUpdateParamsSchema, response: InvitationSchema, successStatus: 200, summary: 'Update a pending invitation' }),
  'users.retrieve': endpoint({ operation: 'users.retrieve', method: 'GET', path: '/v1/viewer/users/{userId}', pathParam: { name: 'userId', kind: 'user' }, response: UserSchema, successStatus: 200, summary: 'Retrieve a user' }),
  'users.update': endpoint({ operation: 'users.update', method: 'PATCH', path: '/v1/viewer/users/{userId}', pathParam: { name: 'userId', kind: 'user' }, body: UserUpdateParamsSchema, response: UserSchema, successStatus: 200, summary: 'Update a user' })
} as const

export type OperationName = keyof typeof ENDPOINTS

/** Fixed sub-routes come before `{id}` routes in this list, so a router may match in order. */
export const ENDPOINT_LIST: readonly EndpointSpec[] = Object.values(ENDPOINTS)
