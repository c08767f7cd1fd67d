/**
 * The bridge calls, one handler each, as a thin translation into the engine's units (sessions,
 * Queue, AlertDesk, state). The `Handlers` type makes a call without a handler a compile error.
 */
import { NotFoundError } from '@shared/avara/errors'
import {
  CALLS,
  SettingsSchema,
  type CallName,
  type CallResponse,
  type CommandDone,
  type OpenStudyResult,
  type SaveKeyResult,
  studyKey
} from '@shared/ipc/contract'
import { accountHandlers } from './account-handlers'
import type { z } from 'zod'
import type { AccountSession } from './account-session'
import { clinicAccountOf, createClinicHandlers } from './clinic'
import type { AvaraClient } from './avara-client'
import { CallError, describeUpstream, describeZodIssue, errorName } from './call-errors'
import type { Engine } from './engine'
import { displayName, findIdentityCandidates } from './identity'
import { checkViewerUrl } from './open-url'
import { keychainAccountFor } from './ports'
import { WHITESPACE_NOTE, checkSignInKey, storeKey } from './sign-in'
import { personDisplayName } from '@shared/avara/person'
import { mergeSettings, validSettings } from './settings-merge'
import { SERVER_CHOICE, effectiveSettings, lockedSettingsIn, lockedSettingsMessage, withChoices } from './managed/managed-config'

export type Handlers = { [K in CallName]: (request: z.output<(typeof CALLS)[K]['request']>) => Promise<CallResponse<K>> }

export { cleanPastedKey } from './sign-in'

type HandlerGroup<K extends CallName> = Pick<Handlers, K>

/** A ledger change by the user: saved, and shown at once as a `queue.delta` (the page's only copy of it). */
function ledgerChanged(engine: Engine, session: AccountSession): void {
  engine.saveAccount(session)
  engine.emitQueue()
}

const DONE: CommandDone = { ok: true }

const severityOf = (engine: Engine, session: AccountSession, studyId: string) => engine.queue.find(session.id, studyId)?.severity ?? 'normal'

/** Every bridge call: the engine's groups (queue and studies, sign-in, alerts, settings and view) and the clinic's. */
export function createHandlers(engine: Engine): Handlers {
  const { ports, log } = engine
  return {
    ...queueHandlers(engine),
    ...authHandlers(engine),
    ...alertHandlers(engine),
    ...settingsHandlers(engine),
    ...accountHandlers(engine),
    // The clinic workspace (docs/clinic.md): each call acts on the account it names.
    ...createClinicHandlers({
      account: (accountId) => clinicAccountOf(engine.sessions, accountId),
      opener: ports.opener,
      logger: log,
      clock: engine.clock,
      activityLog: ports.activityLog,
      onKeyRejected: (accountId) => engine.sessions.find((s) => s.id === accountId)?.rejectKey()
    })
  }
}

/** The queue and its studies: the state, refresh, look-up, open (with claim on open), claim, viewer status. */
function queueHandlers(engine: Engine): HandlerGroup<'app.getState' | 'queue.refresh' | 'queue.snapshot' | 'study.get' | 'study.open' | 'study.claim' | 'study.setViewerStatus'> {
  const { ports, log, desk } = engine

  async function withStudy<T>(accountId: string | undefined, studyId: string, action: (api: AvaraClient, session: AccountSession) => Promise<T>): Promise<T> {
    const session = engine.sessionFor(accountId)
    const api = session.requireClient()
    try {
      return await action(api, session)
    } catch (error) {
      if (error instanceof NotFoundError) throw new CallError('upstream', 'The study was not found on the server.')
      throw error
    } finally {
      log.debug('study call', { studyId })
    }
  }

  /**
   * Claim on open (settings.claimOnOpen): an unassigned stat study is claimed before it opens, so
   * two radiologists never read the same one. Re-read first: if someone claimed it a moment ago,
   * say who and do not open it.
   */
  async function claimBeforeOpen(session: AccountSession, studyId: string): Promise<{ ok: true; claimed: boolean } | { ok: false; result: OpenStudyResult }> {
    const known = engine.queue.find(session.id, studyId)
    if (!engine.settings.claimOnOpen || !known || known.assignedTo || known.severity !== 'stat') return { ok: true, claimed: false }
    const identity = session.requireIdentity()
    const api = session.requireClient()
    try {
      const current = await api.viewer.studies.retrieve(studyId)
      const owner = current.assignedTo ?? null
      if (owner?.userId === identity.userId) return { ok: true, claimed: false }
      if (owner !== null) {
        const who = personDisplayName(owner)
        log.info('claim on open lost the race', { studyId })
        void session.refresh()
        return { ok: false, result: { ok: false, message: `Not opened: ${who} claimed this study a moment ago.`, claimedBy: who } }
      }
      await api.viewer.studies.update(studyId, { assignedTo: identity.userId })
      log.info('study claimed on open', { studyId })
      void session.refresh()
      return { ok: true, claimed: true }
    } catch (error) {
      log.warn('claim on open failed', { studyId, error: errorName(error) })
      return { ok: false, result: { ok: false, message: `Not opened: the study could not be claimed first: ${describeUpstream(error)}` } }
    }
  }

  async function openStudy(accountId: string | undefined, studyId: string): Promise<OpenStudyResult> {
    const session = engine.sessionFor(accountId)
    const api = session.requireClient()
    const claim = await claimBeforeOpen(session, studyId)
    if (!claim.ok) return claim.result
    const claimed = claim.claimed ? { claimed: true } : {}
    let raw: string
    try {
      // At click time, never earlier: the link is time-limited.
      raw = (await api.viewer.studies.rerouteURL({ studyId })).url
    } catch (error) {
      log.warn('viewer link request failed', { studyId, error: errorName(error) })
      return { ok: false, message: error instanceof NotFoundError ? 'The study was not found on the server.' : `Could not get a viewer link: ${describeUpstream(error)}` }
    }
    const checked = checkViewerUrl(raw)
    if (!checked.ok) {
      log.warn('viewer link refused', { studyId })
      return { ok: false, message: checked.error }
    }
    try {
      await ports.opener.open(checked.url)
    } catch (error) {
      log.error('opening the viewer failed', { studyId, error: errorName(error) })
      return { ok: false, message: 'The viewer could not be opened on this computer.' }
    }
    log.info('study opened', { studyId })
    engine.opened.note(studyKey({ accountId: session.id, studyId }), engine.clock.now())
    desk.mark(session.id, { studyId, severity: severityOf(engine, session, studyId) }, 'opened')
    ledgerChanged(engine, session)
    return ports.opener.openedBy === 'page' ? { ok: true, openedBy: 'page', url: checked.url.href, ...claimed } : { ok: true, openedBy: 'shell', ...claimed }
  }

  return {
    'app.getState': async () => engine.appState(),
    'queue.snapshot': async () => engine.emitQueue(),

    // The polls' outcome reaches the page as `connection.changed` and `queue.delta`; the answer is only "done".
    'queue.refresh': async () => {
      await Promise.all(engine.sessions.map((s) => s.refresh()))
      return DONE
    },

    'study.get': async ({ accountId, studyId }) => withStudy(accountId, studyId, (api) => api.viewer.studies.retrieve(studyId)),

    'study.open': async ({ accountId, studyId }) => openStudy(accountId, studyId),

    'study.claim': async ({ accountId, studyId }) =>
      withStudy(accountId, studyId, async (api, session) => {
        const identity = session.requireIdentity()
        // Re-read first: someone may have claimed it since the last poll.
        const current = await api.viewer.studies.retrieve(studyId)
        const owner = current.assignedTo ?? null
        if (owner?.userId === identity.userId) return current
        if (owner !== null) {
          const who = personDisplayName(owner)
          throw new CallError('upstream', `Already claimed by ${who}.`)
        }
        const updated = await api.viewer.studies.update(studyId, { assignedTo: identity.userId })
        log.info('study claimed', { studyId })
        void session.refresh()
        return updated
      }),

    'study.setViewerStatus': async ({ accountId, studyId, status }) =>
      withStudy(accountId, studyId, async (api, session) => {
        const updated = await api.viewer.studies.update(studyId, { studyViewerStatus: status })
        log.info('viewer status set', { studyId, status })
        if (status === 'complete') engine.completedHere.note(studyKey({ accountId: session.id, studyId }), engine.clock.now())
        void session.refresh()
        return updated
      })
  }
}

/** Sign-in: the key, the identity, sign-out. The new sign-in reaches the page as `auth.changed` and `accounts.changed` only. */
function authHandlers(engine: Engine): HandlerGroup<'auth.saveKey' | 'auth.findUsers' | 'auth.setIdentity' | 'auth.signOut'> {
  const { ports, log } = engine

  async function saveKey({ accountId, baseUrl: raw, apiKey: pasted, allowFallbackStorage }: z.output<(typeof CALLS)['auth.saveKey']['request']>): Promise<SaveKeyResult> {
    const session = engine.sessionFor(accountId)
    const checked = await checkSignInKey(engine, raw, pasted)
    if (!checked.ok) return checked
    const { base, key, whitespaceRemoved } = checked
    const stored = await storeKey(engine, keychainAccountFor(base, session.id), key, allowFallbackStorage)
    if (!stored.ok) return stored
    session.stopPolling()
    if (base !== session.baseUrl) {
      // Another server: its users and studies are not this one's.
      engine.resetAccount(session)
      session.baseUrl = base
      session.identity = null
      engine.keeper.save({ baseUrl: base, identity: null, snapshot: null }, session.id)
      engine.emitQueue()
    }
    // The user's own server from now on: a policy's preset no longer moves this profile.
    if (!engine.managed.state.serverUrlLocked && session === engine.primary) engine.keeper.save({ baseUrl: base, setByUser: withChoices(engine.choices(), SERVER_CHOICE) }, session.id)
    session.useKey(key, checked.client)
    log.info('API key saved', { storage: engine.keyStorage.kind, whitespaceRemoved })
    engine.emitAuth()
    session.start()
    engine.emitConnection()
    // The sign-in itself went out as auth.changed (and accounts.changed); the answer says only what the page does next.
    return { ok: true, needsIdentity: session.identity === null, ...(whitespaceRemoved ? { note: WHITESPACE_NOTE } : {}) }
  }

  return {
    'auth.saveKey': saveKey,

    'auth.findUsers': async ({ accountId, query }) => findIdentityCandidates(engine.sessionFor(accountId).requireClient(), query),

    'auth.setIdentity': async ({ accountId, userId }) => {
      const session = engine.sessionFor(accountId)
      const api = session.requireClient()
      let user
      try {
        user = await api.viewer.users.retrieve(userId)
      } catch (error) {
        if (error instanceof NotFoundError) throw new CallError('upstream', 'No user with this ID on the server.')
        throw error
      }
      const identity = { userId: user.userId, email: user.email, displayName: displayName(user) }
      const changed = session.identity?.userId !== identity.userId
      session.stopPolling()
      session.identity = identity
      if (changed) {
        engine.resetAccount(session)
        engine.keeper.save({ identity, snapshot: null }, session.id)
        engine.emitQueue()
      } else {
        engine.keeper.save({ identity }, session.id)
      }
      log.info('identity set', { userId: identity.userId })
      engine.emitAuth()
      session.start()
      return DONE
    },

    'auth.signOut': async ({ accountId }) => {
      const session = engine.sessionFor(accountId)
      try {
        await ports.secrets.delete(engine.keychainNameOf(session))
      } catch (error) {
        log.warn('deleting the key failed', { error: errorName(error) })
      }
      session.clearKey()
      engine.resetAccount(session)
      // Keep settings, server and identity; drop the cached queue (study descriptions).
      engine.keeper.save({ snapshot: null }, session.id)
      await engine.describeStorage()
      log.info('signed out')
      engine.emitAuth()
      engine.emitQueue()
      engine.emitConnection()
      return DONE
    }
  }
}

/** Alerts: acknowledge, snooze, pause. Each answers DONE; the change travels as an event (`queue.delta`, `alerts.pauseChanged`). */
function alertHandlers(engine: Engine): HandlerGroup<'alerts.acknowledge' | 'alerts.snoozeStudy' | 'alerts.pause'> {
  const { log, desk } = engine
  return {
    'alerts.acknowledge': async ({ accountId, studyId }) => {
      const session = engine.sessionFor(accountId)
      log.info('alert acknowledged', { studyId })
      desk.mark(session.id, { studyId, severity: severityOf(engine, session, studyId) }, 'acknowledged')
      ledgerChanged(engine, session)
      return DONE
    },

    'alerts.snoozeStudy': async ({ accountId, studyId, minutes }) => {
      const session = engine.sessionFor(accountId)
      log.info('alert snoozed', { studyId, minutes })
      desk.snooze(session.id, { studyId, severity: severityOf(engine, session, studyId) }, minutes)
      ledgerChanged(engine, session)
      return DONE
    },

    'alerts.pause': async ({ minutes }) => {
      // The desk emits alerts.pauseChanged: the page's one way to learn the pause (and its end).
      desk.setPause(minutes === 0 ? null : minutes, () => engine.releaseHeld())
      return DONE
    }
  }
}

/**
 * Settings (the policy's locks laid over the user's choices) and the remembered view. New settings
 * reach the page as `settings.changed` only (a policy changes them too); the view has no event, so
 * `view.update` answers with it.
 */
function settingsHandlers(engine: Engine): HandlerGroup<'settings.update' | 'view.update'> {
  const { desk } = engine
  return {
    'settings.update': async (patch) => {
      const locked = lockedSettingsIn(patch, engine.managed)
      if (locked.length > 0) throw new CallError('forbidden', lockedSettingsMessage(locked, engine.managed))
      // What is stored is the user's own layer (and which settings they chose); the policy is laid
      // over it again, so a lifted lock gives the user's value back (docs/managed-configuration.md).
      const mine = mergeSettings(validSettings(engine.keeper.state.settings), patch)
      const choices = withChoices(engine.choices(), patch)
      const parsed = SettingsSchema.safeParse(effectiveSettings(mine, choices, engine.managed))
      if (!parsed.success) throw new CallError('invalid-request', describeZodIssue(parsed.error.issues[0]))
      // Each account holds by its own do-not-disturb: those that held and no longer do release what they held.
      const wereHolding = engine.accountIds.filter((id) => desk.isHolding(id))
      engine.settings = parsed.data
      engine.keeper.save({ settings: mine, setByUser: choices })
      engine.events.emit('settings.changed', engine.settings)
      // Every account without its own value for a setting follows the new global one.
      for (const session of engine.sessions) if (session.polling) session.reschedule()
      if (wereHolding.length > 0) engine.releaseHeld(wereHolding)
      engine.emitConnection()
      return DONE
    },

    'view.update': async (patch) => {
      const view = { ...engine.viewPrefs(), ...patch }
      engine.keeper.save({ view })
      return view
    }
  }
}
