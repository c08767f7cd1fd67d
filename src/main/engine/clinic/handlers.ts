/**
 * The clinic workspace's call handlers: each translates one bridge call into one Avara operation
 * on the chosen account's client, turns a refusal into a `ClinicProblem` naming the object (and
 * field), and writes every change to the activity log. No state of their own: the account (its
 * client and followed identity) comes from the engine through `ClinicDeps.account`.
 */
import type { Invitation, Study, User } from '@shared/avara/contract'
import { AuthenticationError } from '@shared/avara/errors'
import { personDisplayName } from '@shared/avara/person'
import type { CursorPage } from '@shared/avara/pagination'
import {
  CLINIC_PAGES_PER_CALL,
  CLINIC_PAGE_LIMIT,
  PRIMARY_ACCOUNT_ID,
  type ActivityEntry,
  type ClinicCallName,
  type ClinicCallRequest,
  type ClinicCallResponse,
  type ClinicOutcome,
  type ClinicPage,
  type InvitationFilters,
  type StudyFilters,
  type UserFilters
} from '@shared/ipc/clinic-contract'
import type { Identity } from '@shared/ipc/contract'
import type { AvaraClient } from '../avara-client'
import { errorName } from '../call-errors'
import { checkViewerUrl } from '../open-url'
import type { ExternalOpener, Logger } from '../ports'
import { knownLevel, showsStudyManagement, showsTeam } from './access'
import type { ActivityLog } from './activity'
import { describeClinicProblem, type ClinicObject } from './problems'

/** One Avara account as the clinic workspace sees it. */
export interface ClinicAccount {
  id: string
  /** Named on every clinic screen, e.g. "Avara at 127.0.0.1:4010". */
  label: string
  client: AvaraClient
  followed: Identity | null
}

export interface ClinicDeps {
  /** The account a call acts on (undefined: the primary one); throws a CallError when signed out. */
  account(accountId: string | undefined): ClinicAccount
  opener: ExternalOpener
  logger: Logger
  clock: { now(): number }
  activityLog?: ActivityLog
  /** The server rejected the account's key (401): the engine stops polling and asks for a new key. */
  onKeyRejected?(accountId: string): void
}

export type ClinicHandlers = { [K in ClinicCallName]: (request: ClinicCallRequest<K>) => Promise<ClinicCallResponse<K>> }

const ok = <T>(value: T): ClinicOutcome<T> => ({ ok: true, value })

const fullName = personDisplayName
const userObject = (id: string, user?: User): ClinicObject => ({ kind: 'user', id, label: user ? `${fullName(user)} <${user.email}>` : id })
const invitationObject = (id: string | null, inv?: Invitation, userId?: string): ClinicObject => ({
  kind: 'invitation',
  id,
  label: inv ? `${id} for ${inv.email}` : id ?? `pending invitation of user ${userId}`
})
const studyObject = (id: string | null, study?: Pick<Study, 'studyDescription' | 'studyId'>): ClinicObject => ({
  kind: 'study',
  id: study?.studyId ?? id,
  label: study ? `${study.studyId} (${study.studyDescription})` : id ?? 'new study'
})

/** Drops empty text filters (an empty box means "no filter", not "matches the empty string"). */
function compact<T extends Record<string, unknown>>(filters: T): Partial<T> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>
}

/** Up to CLINIC_PAGES_PER_CALL API pages from `cursor` on; the cursor to continue, or null at the end. */
async function slice<T>(first: Promise<CursorPage<T>>): Promise<ClinicPage<T>> {
  let page = await first
  const items = [...page.getPaginatedItems()]
  for (let n = 1; n < CLINIC_PAGES_PER_CALL && page.hasNextPage(); n++) {
    page = await page.getNextPage()
    items.push(...page.getPaginatedItems())
  }
  return { items, cursor: page.hasNextPage() ? page.cursor : null }
}

type HandlerGroup<K extends ClinicCallName> = Pick<ClinicHandlers, K>

/** What every clinic handler is built from: the deps, and reads, changes and refusals done one way. */
interface ClinicTools {
  deps: ClinicDeps
  log: Logger
  /** A refusal as a `ClinicProblem` naming the object; a 401 tells the engine the key was rejected. */
  problemOf<T>(account: ClinicAccount, error: unknown, object: ClinicObject, action: string): ClinicOutcome<T>
  /** A read: no activity entry. */
  read<T>(accountId: string | undefined, action: string, object: ClinicObject, run: (api: AvaraClient) => Promise<T>): Promise<ClinicOutcome<T>>
  /** A change: the server's answer (success or refusal) goes to the activity log. */
  mutate<T>(
    accountId: string | undefined,
    operation: string,
    verb: string,
    object: ClinicObject,
    run: (api: AvaraClient) => Promise<T>,
    describe: (value: T) => { object: ClinicObject; answer: string }
  ): Promise<ClinicOutcome<T>>
}

/** Every clinic call, in groups: access, team, invitations, studies (the board moves studies through them), activity. */
export function createClinicHandlers(deps: ClinicDeps): ClinicHandlers {
  const tools = clinicTools(deps)
  return {
    ...accessHandlers(tools),
    ...teamHandlers(tools),
    ...invitationHandlers(tools),
    ...studyHandlers(tools),
    ...studyOpenHandlers(tools),
    'clinic.activity.list': async ({ limit }) => (deps.activityLog ? deps.activityLog.read(limit ?? 200) : [])
  }
}

function clinicTools(deps: ClinicDeps): ClinicTools {
  const log = deps.logger

  function problemOf<T>(account: ClinicAccount, error: unknown, object: ClinicObject, action: string): ClinicOutcome<T> {
    const problem = describeClinicProblem(error, object, action)
    if (error instanceof AuthenticationError) deps.onKeyRejected?.(account.id)
    log.warn('clinic call refused', { action, kind: object.kind, id: object.id, status: problem.status, error: errorName(error) })
    return { ok: false, problem }
  }

  async function read<T>(accountId: string | undefined, action: string, object: ClinicObject, run: (api: AvaraClient) => Promise<T>): Promise<ClinicOutcome<T>> {
    const account = deps.account(accountId)
    try {
      return ok(await run(account.client))
    } catch (error) {
      return problemOf(account, error, object, action)
    }
  }

  async function record(account: ClinicAccount, entry: Omit<ActivityEntry, 'at' | 'accountId' | 'followed'>): Promise<void> {
    if (!deps.activityLog) return
    const followed = account.followed ? { userId: account.followed.userId, email: account.followed.email } : null
    try {
      await deps.activityLog.append({ at: new Date(deps.clock.now()).toISOString(), accountId: account.id, followed, ...entry })
    } catch (error) {
      log.error('activity log write failed', { error: errorName(error) })
    }
  }

  async function mutate<T>(
    accountId: string | undefined,
    operation: string,
    verb: string,
    object: ClinicObject,
    run: (api: AvaraClient) => Promise<T>,
    describe: (value: T) => { object: ClinicObject; answer: string }
  ): Promise<ClinicOutcome<T>> {
    const account = deps.account(accountId)
    try {
      const value = await run(account.client)
      const done = describe(value)
      log.info('clinic change', { action: operation, kind: done.object.kind, id: done.object.id })
      await record(account, { action: operation, object: done.object, outcome: 'ok', status: 200, answer: done.answer })
      return ok(value)
    } catch (error) {
      const outcome = problemOf<T>(account, error, object, verb)
      if (!outcome.ok) {
        const refused = outcome.problem.status !== null && outcome.problem.status < 500
        await record(account, { action: operation, object, outcome: refused ? 'refused' : 'failed', status: outcome.problem.status, answer: outcome.problem.message })
      }
      return outcome
    }
  }

  return { deps, log, problemOf, read, mutate }
}

/** What the followed user may see and do in this account (the workspace's tabs). */
function accessHandlers({ deps, problemOf }: ClinicTools): HandlerGroup<'clinic.access'> {
  return {
    'clinic.access': async ({ accountId }) => {
      const account = deps.account(accountId)
      const base = { accountId: account.id ?? PRIMARY_ACCOUNT_ID, accountLabel: account.label }
      const followed = account.followed
      if (!followed) {
        return ok({ ...base, followed: null, level: null, canManageStudies: false, showsTeam: false, showsStudyManagement: false })
      }
      try {
        const user = await account.client.viewer.users.retrieve(followed.userId)
        const facts = { level: knownLevel(user.level), canManageStudies: user.canManageStudies }
        return ok({ ...base, followed: { userId: followed.userId, email: followed.email, displayName: followed.displayName }, ...facts, showsTeam: showsTeam(facts), showsStudyManagement: showsStudyManagement(facts) })
      } catch (error) {
        return problemOf(account, error, userObject(followed.userId), 'read')
      }
    }
  }
}

/** The team: users of the clinic, invite, edit, revoke access, reactivate. */
function teamHandlers({ read, mutate }: ClinicTools): HandlerGroup<'clinic.users.list' | 'clinic.users.retrieve' | 'clinic.users.invite' | 'clinic.users.update' | 'clinic.users.revokeAccess' | 'clinic.users.reactivate'> {
  return {
    'clinic.users.list': async ({ accountId, filters, cursor }) =>
      read(accountId, 'list', { kind: 'user', id: null, label: 'list' }, (api) =>
        slice(api.viewer.users.list({ ...compact<UserFilters>(filters), limit: CLINIC_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }))
      ),

    'clinic.users.retrieve': async ({ accountId, userId }) => read(accountId, 'read', userObject(userId), (api) => api.viewer.users.retrieve(userId)),

    'clinic.users.invite': async ({ accountId, user }) =>
      mutate(accountId, 'users.invite', 'invite', { kind: 'user', id: null, label: user.email }, (api) => api.viewer.users.invite(user), (created) => ({
        object: userObject(created.userId, created),
        answer: `Invited as ${created.level}, ${created.clinicRole}.`
      })),

    'clinic.users.update': async ({ accountId, userId, patch }) =>
      mutate(accountId, 'users.update', 'update', userObject(userId), (api) => api.viewer.users.update(userId, patch), (user) => ({
        object: userObject(userId, user),
        answer: `Updated ${Object.keys(patch).join(', ') || 'nothing'}.`
      })),

    'clinic.users.revokeAccess': async ({ accountId, userId }) =>
      mutate(accountId, 'users.revokeAccess', 'revoke the access of', userObject(userId), async (api) => {
        const answer = await api.viewer.users.revokeAccess({ userId })
        return { message: answer.message ?? (answer.success ? 'Access revoked.' : 'The server did not confirm.') }
      }, (value) => ({ object: userObject(userId), answer: value.message })),

    'clinic.users.reactivate': async ({ accountId, userId }) =>
      mutate(accountId, 'users.reactivate', 'reactivate', userObject(userId), async (api) => {
        const answer = await api.viewer.users.reactivate({ userId })
        return { message: answer.message ?? (answer.success ? 'Access restored.' : 'The server did not confirm.') }
      }, (value) => ({ object: userObject(userId), answer: value.message }))
  }
}

/** Invitations: list, read, edit, revoke by invitation or by user. */
function invitationHandlers({ read, mutate }: ClinicTools): HandlerGroup<'clinic.invitations.list' | 'clinic.invitations.retrieve' | 'clinic.invitations.update' | 'clinic.invitations.revoke'> {
  return {
    'clinic.invitations.list': async ({ accountId, filters, cursor }) =>
      read(accountId, 'list', { kind: 'invitation', id: null, label: 'list' }, (api) =>
        slice(api.viewer.users.invitations.list({ ...compact<InvitationFilters>(filters), limit: CLINIC_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }))
      ),

    'clinic.invitations.retrieve': async ({ accountId, invitationId }) =>
      read(accountId, 'read', invitationObject(invitationId), (api) => api.viewer.users.invitations.retrieve(invitationId)),

    'clinic.invitations.update': async ({ accountId, invitationId, patch }) =>
      mutate(accountId, 'users.invitations.update', 'update', invitationObject(invitationId), (api) => api.viewer.users.invitations.update(invitationId, patch), (inv) => ({
        object: invitationObject(invitationId, inv),
        answer: `Updated ${Object.keys(patch).join(', ') || 'nothing'}.`
      })),

    'clinic.invitations.revoke': async (request) => {
      const { invitationId, userId } = request
      const object = invitationObject(invitationId ?? null, undefined, userId)
      return mutate(request.accountId, 'users.invitations.revoke', 'revoke', object, async (api) => {
        const answer = await api.viewer.users.invitations.revoke(invitationId ? { invitationId } : { userId })
        return { message: answer.message ?? (answer.success ? 'Invitation revoked.' : 'The server did not confirm.') }
      }, (value) => ({ object, answer: value.message }))
    }
  }
}

/** Studies: list, look up, create, change (reassign, severity, status, description, metadata), cancel and uncancel. */
function studyHandlers({ read, mutate }: ClinicTools): HandlerGroup<
  'clinic.studies.list' | 'clinic.studies.retrieve' | 'clinic.studies.retrieveByUid' | 'clinic.studies.create' | 'clinic.studies.update' | 'clinic.studies.cancel' | 'clinic.studies.uncancel'
> {
  return {
    'clinic.studies.list': async ({ accountId, filters, cursor }) =>
      read(accountId, 'list', { kind: 'study', id: null, label: 'list' }, (api) =>
        slice(api.viewer.studies.list({ ...compact<StudyFilters>(filters), limit: CLINIC_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }))
      ),

    'clinic.studies.retrieve': async ({ accountId, studyId }) => read(accountId, 'read', studyObject(studyId), (api) => api.viewer.studies.retrieve(studyId)),

    'clinic.studies.retrieveByUid': async ({ accountId, studyInstanceUid }) =>
      read(accountId, 'find', { kind: 'study', id: null, label: `with Study Instance UID ${studyInstanceUid}` }, (api) => api.viewer.studies.retrieveByUid(studyInstanceUid)),

    'clinic.studies.create': async ({ accountId, study }) =>
      mutate(accountId, 'studies.create', 'create', { kind: 'study', id: null, label: `"${study.studyDescription}" (UID ${study.studyInstanceUid})` }, (api) => api.viewer.studies.create(study), (created) => ({
        object: studyObject(created.studyId, created),
        answer: `Created, ${created.severity}, ${created.assignedTo ? `assigned to ${fullName(created.assignedTo)}` : 'unassigned'}.`
      })),

    'clinic.studies.update': async ({ accountId, studyId, patch }) =>
      mutate(accountId, 'studies.update', 'update', studyObject(studyId), (api) => api.viewer.studies.update(studyId, patch), (study) => ({
        object: studyObject(studyId, study),
        answer: describeStudyChange(patch, study)
      })),

    'clinic.studies.cancel': async ({ accountId, studyId }) =>
      mutate(accountId, 'studies.cancel', 'cancel', studyObject(studyId), async (api) => {
        await api.viewer.studies.cancel({ studyId })
        return studyAfter(api, studyId)
      }, (study) => ({ object: studyObject(studyId, study), answer: `Cancelled at ${study.cancelledAt ?? 'an unknown time'}.` })),

    'clinic.studies.uncancel': async ({ accountId, studyId }) =>
      mutate(accountId, 'studies.uncancel', 'uncancel', studyObject(studyId), async (api) => {
        await api.viewer.studies.uncancel({ studyId })
        return studyAfter(api, studyId)
      }, (study) => ({ object: studyObject(studyId, study), answer: study.isCancelled ? 'The server still shows it cancelled.' : 'No longer cancelled.' }))
  }
}

/** A study opened in the viewer: a checked, time-limited link fetched at click time. */
function studyOpenHandlers({ deps, log, problemOf }: ClinicTools): HandlerGroup<'clinic.studies.open'> {
  return {
    'clinic.studies.open': async ({ accountId, studyId }) => {
      const account = deps.account(accountId)
      let raw: string
      try {
        // At click time, never earlier: the link is time-limited and a credential (never logged).
        raw = (await account.client.viewer.studies.rerouteURL({ studyId })).url
      } catch (error) {
        return problemOf(account, error, studyObject(studyId), 'open')
      }
      const checked = checkViewerUrl(raw)
      if (!checked.ok) return { ok: false, problem: { kind: 'invalid', status: null, field: null, message: checked.error } }
      try {
        await deps.opener.open(checked.url)
      } catch (error) {
        log.error('opening the viewer failed', { studyId, error: errorName(error) })
        return { ok: false, problem: { kind: 'server-error', status: null, field: null, message: 'The viewer could not be opened on this computer.' } }
      }
      return ok(deps.opener.openedBy === 'page' ? { ok: true, openedBy: 'page', url: checked.url.href } : { ok: true, openedBy: 'shell' })
    }
  }
}

async function studyAfter(api: AvaraClient, studyId: string): Promise<Study> {
  return api.viewer.studies.retrieve(studyId)
}

function describeStudyChange(patch: ClinicCallRequest<'clinic.studies.update'>['patch'], study: Study): string {
  const parts: string[] = []
  if ('assignedTo' in patch) parts.push(study.assignedTo ? `assigned to ${fullName(study.assignedTo)}` : 'unassigned')
  if (patch.severity) parts.push(`severity ${study.severity}`)
  if (patch.studyViewerStatus) parts.push(`marked ${study.studyViewerStatus}`)
  if (patch.studyDescription !== undefined) parts.push('description changed')
  if ('metadata' in patch) parts.push(`metadata: ${Object.keys(study.metadata ?? {}).length} pairs`)
  return parts.length ? `${parts.join(', ')}.` : 'Updated.'
}
