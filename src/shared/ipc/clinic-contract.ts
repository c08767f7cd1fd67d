/**
 * The clinic workspace's bridge calls: one per Avara operation the administration screens need
 * (docs/clinic.md), spread into the CALLS table of ./contract.ts. Requests are checked here with
 * the Avara contract's own request schemas, so the core refuses what the API would refuse for a
 * reason it can check first; responses are the API's objects, already checked against the
 * contract by the client.
 *
 * Every call names the account it acts on (`accountId`, optional while the app follows one
 * account): the workspace acts on one account at a time. Calls answer `ClinicOutcome`: a refusal
 * by the server is data (status, kind, the field it names), so a form can show it beside the field.
 */
import { z } from 'zod'
import {
  INVITATION_EXPIRED_FILTERS,
  INVITATION_STATUSES,
  INVITED_SOURCES,
  SEVERITIES,
  STUDY_VIEWER_STATUSES,
  USER_LEVELS,
  StudyCreateParamsSchema,
  StudyUpdateParamsSchema,
  UserInviteParamsSchema,
  UserUpdateParamsSchema,
  idSchema,
  isDicomUid,
  isIsoDate,
  type Invitation,
  type Study,
  type User,
  type UserLevel
} from '@shared/avara/contract'

// ---------------------------------------------------------------------------------------------
// Shared shapes

/** The 21 clinic roles of the API reference (the seed), offered by the invite and edit forms. */
export const OFFERED_CLINIC_ROLES = [
  'Doctor', 'Physician', 'Surgeon', 'Radiologist', 'Cardiologist', 'Neurologist', 'Urologist',
  'Gynecologist', 'Endocrinologist', 'Physician Assistant', 'Nurse Practitioner', 'Registered Nurse',
  'Patient Care Coordinator', 'Imaging Technologist', 'Front Desk Operator', 'Revenue Cycle Manager',
  'Administrative Director', 'Administrative Assistant', 'PACS Administrator', 'Software Engineer', 'Other'
] as const

/** The account a call acts on; the single account of today's profiles when left out. */
export { FIRST_ACCOUNT_ID as PRIMARY_ACCOUNT_ID } from './accounts'
const accountId = z.string().trim().min(1).max(64).optional()

// ID shapes and their messages come from the Avara contract (their one owner).
const userId = idSchema('user')
const studyId = idSchema('study')
const invitationId = idSchema('invitation')
const customerId = idSchema('expressCustomer')
/** An opaque API cursor from the previous answer. */
const cursor = z.string().min(1).max(4096).optional()
const contains = z.string().trim().max(200).optional()

/** One slice of a list: up to `CLINIC_PAGES_PER_CALL` API pages of 100; `cursor` null at the end. */
export interface ClinicPage<T> {
  items: T[]
  cursor: string | null
}
export const CLINIC_PAGE_LIMIT = 100
export const CLINIC_PAGES_PER_CALL = 10

export type ClinicProblemKind = 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'rate-limited' | 'unreachable' | 'server-error'

/** Why the server (or the network) refused; `field` is the request field the server named, if any. */
export interface ClinicProblem {
  kind: ClinicProblemKind
  status: number | null
  message: string
  field: string | null
}

export type ClinicOutcome<T> = { ok: true; value: T } | { ok: false; problem: ClinicProblem }

/** What the followed identity may do, as far as the app can tell (the key decides on the server). */
export interface ClinicAccess {
  accountId: string
  /** e.g. "Avara at 127.0.0.1:4010", named on every clinic screen. */
  accountLabel: string
  followed: { userId: string; email: string; displayName: string } | null
  level: UserLevel | null
  canManageStudies: boolean
  /** Team and invitations: owner or admin. */
  showsTeam: boolean
  /** Study management: canManageStudies. */
  showsStudyManagement: boolean
}

export type ActivityOutcome = 'ok' | 'refused' | 'failed'

/** One line of the local activity log (never the key, never a viewer link). */
export interface ActivityEntry {
  at: string
  accountId: string
  /** The identity the workstation followed when the change was made. */
  followed: { userId: string; email: string } | null
  /** The operation, e.g. `users.invite`. */
  action: string
  object: { kind: 'user' | 'invitation' | 'study'; id: string | null; label: string }
  outcome: ActivityOutcome
  status: number | null
  /** The server's answer in a few words. */
  answer: string
}

export type ClinicOpenResult = { ok: true; openedBy: 'shell' } | { ok: true; openedBy: 'page'; url: string }

// ---------------------------------------------------------------------------------------------
// Filters

export const UserFiltersSchema = z.strictObject({
  email: z.string().trim().max(254).optional(),
  firstName: contains,
  lastName: contains,
  level: z.enum(USER_LEVELS).optional(),
  invitedSource: z.enum(INVITED_SOURCES).optional()
})
export type UserFilters = z.input<typeof UserFiltersSchema>

export const InvitationFiltersSchema = z
  .strictObject({
    status: z.array(z.enum(INVITATION_STATUSES)).max(INVITATION_STATUSES.length).optional(),
    expired: z.enum(INVITATION_EXPIRED_FILTERS).optional(),
    startDate: z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').optional(),
    endDate: z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').optional(),
    userId: userId.optional()
  })
  .refine((f) => !f.startDate || !f.endDate || f.startDate <= f.endDate, {
    message: 'the start date must not be after the end date',
    path: ['endDate']
  })
export type InvitationFilters = z.input<typeof InvitationFiltersSchema>

export const StudyFiltersSchema = z.strictObject({
  /** null: unassigned only. */
  assignedTo: userId.nullable().optional(),
  /** null: no Express customer. */
  expressCustomerId: customerId.nullable().optional(),
  isCancelled: z.boolean().optional(),
  severity: z.enum(SEVERITIES).optional(),
  studyViewerStatus: z.enum(STUDY_VIEWER_STATUSES).optional(),
  studyDescription: z.string().trim().max(500).optional()
})
export type StudyFilters = z.input<typeof StudyFiltersSchema>

// ---------------------------------------------------------------------------------------------
// Calls

export interface ClinicCallSpec<Req extends z.ZodType, Res> {
  request: Req
  /** Phantom: the response type. */
  response?: Res
}
const clinicCall = <Res>() => <Req extends z.ZodType>(request: Req): ClinicCallSpec<Req, Res> => ({ request })
const outcome = <T>() => clinicCall<ClinicOutcome<T>>()

export const CLINIC_CALLS = {
  'clinic.access': outcome<ClinicAccess>()(z.strictObject({ accountId })),

  'clinic.users.list': outcome<ClinicPage<User>>()(z.strictObject({ accountId, filters: UserFiltersSchema, cursor })),
  'clinic.users.retrieve': outcome<User>()(z.strictObject({ accountId, userId })),
  'clinic.users.invite': outcome<User>()(z.strictObject({ accountId, user: UserInviteParamsSchema })),
  'clinic.users.update': outcome<User>()(z.strictObject({ accountId, userId, patch: UserUpdateParamsSchema })),
  'clinic.users.revokeAccess': outcome<{ message: string }>()(z.strictObject({ accountId, userId })),
  'clinic.users.reactivate': outcome<{ message: string }>()(z.strictObject({ accountId, userId })),

  'clinic.invitations.list': outcome<ClinicPage<Invitation>>()(z.strictObject({ accountId, filters: InvitationFiltersSchema, cursor })),
  'clinic.invitations.retrieve': outcome<Invitation>()(z.strictObject({ accountId, invitationId })),
  'clinic.invitations.update': outcome<Invitation>()(z.strictObject({ accountId, invitationId, patch: UserUpdateParamsSchema })),
  /** By invitation, or by user (that user's pending invitation): exactly one of the two. */
  'clinic.invitations.revoke': outcome<{ message: string }>()(
    z
      .strictObject({ accountId, invitationId: invitationId.optional(), userId: userId.optional() })
      .refine((r) => (r.invitationId === undefined) !== (r.userId === undefined), { message: 'give either invitationId or userId', path: ['invitationId'] })
  ),

  'clinic.studies.list': outcome<ClinicPage<Study>>()(z.strictObject({ accountId, filters: StudyFiltersSchema, cursor })),
  'clinic.studies.retrieve': outcome<Study>()(z.strictObject({ accountId, studyId })),
  'clinic.studies.retrieveByUid': outcome<Study>()(
    z.strictObject({ accountId, studyInstanceUid: z.string().trim().refine(isDicomUid, 'must be a DICOM UID: digits and dots, at most 64 characters') })
  ),
  'clinic.studies.create': outcome<Study>()(z.strictObject({ accountId, study: StudyCreateParamsSchema })),
  'clinic.studies.update': outcome<Study>()(
    z.strictObject({ accountId, studyId, patch: StudyUpdateParamsSchema.refine((p) => Object.keys(p).length > 0, 'nothing to change') })
  ),
  'clinic.studies.cancel': outcome<Study>()(z.strictObject({ accountId, studyId })),
  'clinic.studies.uncancel': outcome<Study>()(z.strictObject({ accountId, studyId })),
  'clinic.studies.open': outcome<ClinicOpenResult>()(z.strictObject({ accountId, studyId })),

  'clinic.activity.list': clinicCall<ActivityEntry[]>()(z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }))
} as const

export type ClinicCallName = keyof typeof CLINIC_CALLS
export type ClinicCallRequest<K extends ClinicCallName> = z.output<(typeof CLINIC_CALLS)[K]['request']>
export type ClinicCallResponse<K extends ClinicCallName> = NonNullable<(typeof CLINIC_CALLS)[K]['response']>
