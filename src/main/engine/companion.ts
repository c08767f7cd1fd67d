/**
 * The companion engine: sign-in, the two poll lanes, the queue, the alert policy and the bridge
 * calls, behind the `Companion` interface both shells use. Shell-agnostic: everything outside
 * (keychain, settings file, notifications, browser, clock) arrives through `CorePorts`.
 *
 * The API key lives only in this closure (and the keychain). It is never emitted, returned,
 * persisted or logged; error texts are written here, never copied from a request.
 */
import { AuthenticationError, AvaraError, NotFoundError } from '@shared/avara/errors'
import type { Study } from '@shared/avara/contract'
import {
  CALLS,
  DEFAULT_BASE_URL,
  SettingsSchema,
  ViewPrefsSchema,
  isCallName,
  type AppState,
  type AuthState,
  type BridgeResult,
  type CallName,
  type CallResponse,
  type ClosedStudy,
  type ConnectionState,
  type ConnectionStatus,
  type EventName,
  type EventPayloads,
  type KeyStorageInfo,
  type OpenStudyResult,
  type QueueSnapshot,
  type SaveKeyResult,
  type Settings,
  type ViewPrefs
} from '@shared/ipc/contract'
import type { z } from 'zod'
import { createAvaraClient, type AvaraClient } from './avara-client'
import { CallError, describeUpstream, describeZodIssue, errorName } from './call-errors'
import type { Companion, TraySummary } from './companion-api'
import { BridgeEvents } from './emitter'
import type { Failure } from './failures'
import { displayName, findIdentityCandidates } from './identity'
import { checkApiKey } from './key-check'
import { registerSecret } from './logging'
import { pollLane, type LaneSnapshot } from './lanes'
import { mergeSettings, validSettings } from './settings-merge'
import { summarizeForTray } from './tray-summary'
import { baseUrlText, checkBaseUrl, checkViewerUrl } from './open-url'
import { alertStates, decideAlerts, isHoldActive, markStudy, snoozeStudy } from './policy'
import { Poller, type Lane, type PollOutcome } from './poller'
import { systemClock, keychainAccount, type AlertLedger, type CorePorts, type PersistedState } from './ports'
import { diffSnapshots, orderStudies, type QueueEvent } from './queue'

const MAX_CLOSED = 100
const UNKNOWN_STORAGE: KeyStorageInfo = { kind: 'none', label: 'Unknown', problem: null, fallbackNeedsConsent: false }

type Handlers = { [K in CallName]: (request: z.output<(typeof CALLS)[K]['request']>) => Promise<CallResponse<K>> }

export function createCompanion(ports: CorePorts): Companion {
  const clock = ports.clock ?? systemClock
  const random = ports.random ?? Math.random
  const log = ports.logger
  const events = new BridgeEvents((event, error) => log.error('event listener failed', { event, error: errorName(error) }))

  // ---- state -------------------------------------------------------------------------------
  let persisted: PersistedState = ports.state.read()
  let settings: Settings = validSettings(persisted.settings)
  let apiKey: string | null = null
  let client: AvaraClient | null = null
  let keyStorage: KeyStorageInfo = UNKNOWN_STORAGE
  let keyRejected = false
  let mine: Study[] = []
  let statPool: Study[] = []
  let closed: ClosedStudy[] = []
  let fetchedAt: number | null = null
  let fromCache = false
  let firstPollDone = false
  let sessionStartedAt = clock.now()
  let pendingHigh: string[] = []
  let pausedUntil: number | null = null
  let pauseTimer: unknown = null
  /** Fires when the data turns stale without any poll ending (e.g. a long backoff). */
  let staleTimer: unknown = null
  let lastSuccessAt: number | null = null
  let lastFailure: Failure | null = null
  let polling = false
  /** The next poll as planned when the last one ended (the timer is armed just after). */
  let plannedNextPollAt: number | null = null
  let lastConnectionJson = ''
  let generation = 0 // bumps on sign-out / identity change so late poll results are dropped

  const poller = new Poller({
    clock,
    random,
    intervals: () => ({
      queueMs: settings.queueIntervalSec * 1000,
      statMs: settings.statLaneEnabled ? settings.statIntervalSec * 1000 : null
    }),
    run: (lane) => runPoll(lane),
    onOutcome: (outcome) => onPollOutcome(outcome)
  })

  // ---- helpers -----------------------------------------------------------------------------
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

  function baseUrl(): string {
    return persisted.baseUrl || DEFAULT_BASE_URL
  }

  function authState(): AuthState {
    return { baseUrl: baseUrl(), hasKey: apiKey !== null, identity: persisted.identity, keyStorage }
  }

  function connectionStatus(): { status: ConnectionStatus; reason: string | null } {
    if (apiKey === null) return { status: 'signed-out', reason: null }
    if (keyRejected) return { status: 'key-rejected', reason: 'The server rejected this API key. Enter a new key.' }
    if (persisted.identity === null) return { status: 'needs-identity', reason: 'Choose whose queue this workstation follows.' }
    if (poller.suspended) return { status: 'paused', reason: 'Paused while the computer sleeps or is locked.' }
    if (lastFailure) {
      const status: ConnectionStatus = lastFailure.kind === 'request-error' ? 'server-error' : lastFailure.kind
      return { status, reason: lastFailure.reason }
    }
    if (lastSuccessAt === null) return { status: 'connecting', reason: null }
    return { status: 'online', reason: null }
  }

  function connectionState(): ConnectionState {
    const { status, reason } = connectionStatus()
    const queueMs = settings.queueIntervalSec * 1000
    return {
      status,
      reason,
      lastSuccessAt: iso(lastSuccessAt),
      nextPollAt: polling ? iso(poller.nextPollAt ?? plannedNextPollAt) : null,
      stale: fetchedAt !== null && clock.now() - fetchedAt > 2 * queueMs
    }
  }

  function emitConnection(): void {
    const state = connectionState()
    // nextPollAt moves every poll; while online only tell the renderer when something else changed.
    const json = JSON.stringify(state.status === 'online' ? { ...state, nextPollAt: null } : state)
    if (json === lastConnectionJson) return
    lastConnectionJson = json
    events.emit('connection.changed', state)
  }

  function queueSnapshot(): QueueSnapshot {
    const ids = [...mine, ...statPool].map((s) => s.studyId)
    return {
      mine: orderStudies(mine),
      statPool: orderStudies(statPool),
      closed,
      alerts: alertStates(persisted.ledger, ids, clock.now()),
      fetchedAt: iso(fetchedAt),
      fromCache
    }
  }

  function emitQueue(): void {
    events.emit('queue.updated', queueSnapshot())
  }

  function save(next: Partial<PersistedState>): void {
    persisted = { ...persisted, ...next }
    try {
      ports.state.write(persisted)
    } catch (error) {
      log.error('could not persist state', { error: errorName(error) })
    }
  }

  function saveSnapshot(): void {
    save({ ledger: persisted.ledger, snapshot: fetchedAt === null ? null : { mine, statPool, fetchedAt: new Date(fetchedAt).toISOString() } })
  }

  function findStudy(studyId: string): Study | undefined {
    return mine.find((s) => s.studyId === studyId) ?? statPool.find((s) => s.studyId === studyId)
  }

  function requireClient(): AvaraClient {
    if (!client || apiKey === null) throw new CallError('not-signed-in', 'Sign in with an API key first.')
    return client
  }

  function requireIdentity(): NonNullable<PersistedState['identity']> {
    requireClient()
    if (!persisted.identity) throw new CallError('not-signed-in', 'Choose whose queue this workstation follows first.')
    return persisted.identity
  }

  // ---- polling -----------------------------------------------------------------------------
  async function runPoll(lane: Lane): Promise<void> {
    const identity = persisted.identity
    const api = client
    if (!api || !identity) return
    const started = generation
    const t0 = clock.now()
    const previous: LaneSnapshot = { mine, statPool }
    const result = await pollLane(api, lane, identity.userId, settings, previous)
    if (started !== generation) return // signed out or switched identity meanwhile
    const now = clock.now()
    const knownCancelled = new Set(closed.filter((c) => c.reason === 'cancelled').map((c) => c.study.studyId))
    const mineEvents = diffSnapshots(previous.mine, result.mine, { resolved: result.resolved, knownCancelled, userId: identity.userId })
    const poolEvents = diffSnapshots(previous.statPool, result.statPool).filter((e) => e.kind === 'arrived' || e.kind === 'escalated')
    mine = result.mine
    statPool = result.statPool
    fetchedAt = now
    fromCache = false
    recordClosed(mineEvents, now)
    const ledgerBefore = persisted.ledger
    applyPolicy([...mineEvents, ...poolEvents], result.fullView, !firstPollDone)
    firstPollDone = true
    const changed = mineEvents.length > 0 || poolEvents.length > 0 || persisted.ledger !== ledgerBefore
    if (changed || lane === 'queue') saveSnapshot()
    log.debug('poll done', { lane, studies: mine.length, pool: statPool.length, requests: result.requests, ms: now - t0, events: mineEvents.length + poolEvents.length })
    emitQueue()
  }

  function recordClosed(queueEvents: readonly QueueEvent[], now: number): void {
    const at = new Date(now).toISOString()
    const added: ClosedStudy[] = []
    for (const e of queueEvents) {
      if (e.kind === 'completed') added.push({ study: e.study, reason: 'completed', at })
      else if (e.kind === 'cancelled') added.push({ study: e.study, reason: 'cancelled', at })
      else if (e.kind === 'reassignedAway') added.push({ study: e.study, reason: 'reassigned', at })
      if (e.kind === 'completed' || e.kind === 'cancelled' || e.kind === 'reassignedAway' || e.kind === 'departed') {
        log.info('study left the queue', { studyId: e.study.studyId, kind: e.kind })
      }
    }
    const reappeared = new Set(queueEvents.filter((e) => e.kind === 'arrived' || e.kind === 'uncancelled').map((e) => e.study.studyId))
    closed = [...added.reverse(), ...closed.filter((c) => !reappeared.has(c.study.studyId))].slice(0, MAX_CLOSED)
  }

  /** Runs the policy on the current view and raises what it decides. */
  function applyPolicy(queueEvents: readonly QueueEvent[], fullView: boolean, firstPoll: boolean): void {
    const now = clock.now()
    const out = decideAlerts({
      now,
      ledger: persisted.ledger,
      settings,
      pausedUntil,
      events: queueEvents,
      present: [...mine, ...statPool],
      firstPoll,
      sessionStartedAt,
      pendingHigh,
      fullView
    })
    pendingHigh = out.pendingHigh
    // Keep the old object when nothing changed, so callers can tell by identity.
    if (out.ledgerChanged) {
      persisted = { ...persisted, ledger: out.ledger }
    }
    for (const notice of out.notices) {
      log.info('alert raised', { level: notice.level, reAlert: notice.reAlert, studyIds: notice.studyIds.join(',') })
      try {
        ports.notifier.show(notice)
      } catch (error) {
        log.error('notifier failed', { error: errorName(error) })
      }
      events.emit('alert.shown', notice)
    }
  }

  function armStaleTimer(): void {
    if (staleTimer !== null) clock.clearTimeout(staleTimer)
    staleTimer = null
    if (fetchedAt === null || !polling) return
    const staleAt = fetchedAt + 2 * settings.queueIntervalSec * 1000 + 1
    staleTimer = clock.setTimeout(() => {
      staleTimer = null
      emitConnection()
    }, Math.max(0, staleAt - clock.now()))
  }

  function onPollOutcome(outcome: PollOutcome): void {
    plannedNextPollAt = outcome.nextPollAt
    if (outcome.ok) {
      lastSuccessAt = outcome.at
      lastFailure = null
      armStaleTimer()
    } else {
      lastFailure = outcome.failure
      log.warn('poll failed', { lane: outcome.lane, kind: outcome.failure.kind, failures: outcome.consecutiveFailures })
      if (outcome.failure.fatal) {
        keyRejected = true
        polling = false
        events.emit('auth.changed', authState())
      }
    }
    emitConnection()
  }

  function startPolling(): void {
    if (!client || !persisted.identity) return
    keyRejected = false
    lastFailure = null
    polling = true
    void poller.start()
    emitConnection()
  }

  function stopPolling(): void {
    polling = false
    poller.stop()
    if (staleTimer !== null) clock.clearTimeout(staleTimer)
    staleTimer = null
  }

  function resetQueue(): void {
    generation++
    mine = []
    statPool = []
    closed = []
    fetchedAt = null
    fromCache = false
    firstPollDone = false
    sessionStartedAt = clock.now()
    pendingHigh = []
    lastSuccessAt = null
    lastFailure = null
  }

  // ---- pause (do-not-disturb for a while) --------------------------------------------------
  function setPause(until: number | null): void {
    if (pauseTimer !== null) clock.clearTimeout(pauseTimer)
    pauseTimer = null
    pausedUntil = until
    if (until !== null) {
      pauseTimer = clock.setTimeout(() => {
        pauseTimer = null
        setPause(null)
      }, Math.max(0, until - clock.now()))
    } else {
      releaseHeld()
    }
    events.emit('alerts.pauseChanged', { pausedUntil: iso(pausedUntil) })
  }

  /** A hold ended: raise what was held and is still relevant (once, summarised by the policy). */
  function releaseHeld(): void {
    if (!firstPollDone || isHoldActive(settings, pausedUntil, clock.now())) return
    const before = persisted.ledger
    applyPolicy([], false, false)
    if (persisted.ledger !== before) {
      saveSnapshot()
      emitQueue()
    }
  }

  // ---- calls -------------------------------------------------------------------------------
  async function describeStorage(): Promise<KeyStorageInfo> {
    try {
      keyStorage = await ports.secrets.describe()
    } catch (error) {
      log.warn('secret store could not describe itself', { error: errorName(error) })
    }
    return keyStorage
  }

  async function withStudy<T>(studyId: string, action: (api: AvaraClient) => Promise<T>): Promise<T> {
    const api = requireClient()
    try {
      return await action(api)
    } catch (error) {
      if (error instanceof NotFoundError) throw new CallError('upstream', 'The study was not found on the server.')
      throw error
    } finally {
      log.debug('study call', { studyId })
    }
  }

  function updateLedger(next: AlertLedger): QueueSnapshot {
    persisted = { ...persisted, ledger: next }
    saveSnapshot()
    const snapshot = queueSnapshot()
    events.emit('queue.updated', snapshot)
    return snapshot
  }

  async function openStudy(studyId: string): Promise<OpenStudyResult> {
    const api = requireClient()
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
    const study = findStudy(studyId)
    updateLedger(markStudy(persisted.ledger, { studyId, severity: study?.severity ?? 'normal' }, 'opened', clock.now()))
    return ports.opener.openedBy === 'page' ? { ok: true, openedBy: 'page', url: checked.url.href } : { ok: true, openedBy: 'shell' }
  }

  const handlers: Handlers = {
    'app.getState': async () => appState(),

    'auth.saveKey': async ({ baseUrl: raw, apiKey: key, allowFallbackStorage }): Promise<SaveKeyResult> => {
      registerSecret(key)
      const checked = checkBaseUrl(raw)
      if (!checked.ok) return { ok: false, problem: 'invalid-url', message: checked.error }
      const base = baseUrlText(checked.url)
      const candidate = createAvaraClient({ apiKey: key, baseURL: base, fetch: ports.fetch })
      const verdict = await checkApiKey(candidate, checked.url)
      if (!verdict.ok) return verdict
      const storage = await describeStorage()
      if (storage.kind === 'none' || (storage.fallbackNeedsConsent && !allowFallbackStorage)) {
        const problem = storage.problem ? `${storage.problem.reason} ${storage.problem.fix}` : 'No secure place to keep the key is available.'
        return { ok: false, problem: 'storage-unavailable', message: storage.fallbackNeedsConsent ? `${problem} Allow the fallback storage to keep the key anyway.` : problem }
      }
      try {
        if (allowFallbackStorage && storage.fallbackNeedsConsent && hasConsent(ports.secrets)) await ports.secrets.consentToFallback()
        await ports.secrets.set(keychainAccount(base), key)
      } catch (error) {
        log.error('saving the key failed', { error: errorName(error) })
        const info = await describeStorage()
        const detail = info.problem ? `${info.problem.reason} ${info.problem.fix}` : 'The key could not be stored.'
        return { ok: false, problem: 'storage-unavailable', message: detail }
      }
      await describeStorage()
      const serverChanged = base !== baseUrl()
      stopPolling()
      if (serverChanged) {
        // Another server: its users and studies are not this one's.
        resetQueue()
        save({ baseUrl: base, identity: null, snapshot: null })
        emitQueue()
      } else {
        generation++
      }
      apiKey = key
      client = candidate
      keyRejected = false
      log.info('API key saved', { storage: keyStorage.kind })
      events.emit('auth.changed', authState())
      if (persisted.identity) startPolling()
      emitConnection()
      return { ok: true, auth: authState() }
    },

    'auth.findUsers': async ({ query }) => findIdentityCandidates(requireClient(), query),

    'auth.setIdentity': async ({ userId }) => {
      const api = requireClient()
      let user
      try {
        user = await api.viewer.users.retrieve(userId)
      } catch (error) {
        if (error instanceof NotFoundError) throw new CallError('upstream', 'No user with this ID on the server.')
        throw error
      }
      const identity = { userId: user.userId, email: user.email, displayName: displayName(user) }
      const changed = persisted.identity?.userId !== identity.userId
      stopPolling()
      if (changed) {
        resetQueue()
        save({ identity, snapshot: null })
        emitQueue()
      } else {
        save({ identity })
      }
      log.info('identity set', { userId: identity.userId })
      events.emit('auth.changed', authState())
      startPolling()
      return authState()
    },

    'auth.signOut': async () => {
      stopPolling()
      try {
        await ports.secrets.delete(keychainAccount(baseUrl()))
      } catch (error) {
        log.warn('deleting the key failed', { error: errorName(error) })
      }
      apiKey = null
      client = null
      keyRejected = false
      resetQueue()
      // Keep settings, server and identity; drop the cached queue (study descriptions).
      save({ snapshot: null })
      await describeStorage()
      log.info('signed out')
      events.emit('auth.changed', authState())
      emitQueue()
      emitConnection()
      return authState()
    },

    'queue.refresh': async () => {
      if (polling) await poller.refresh()
      return connectionState()
    },

    'study.get': async ({ studyId }) => withStudy(studyId, (api) => api.viewer.studies.retrieve(studyId)),

    'study.open': async ({ studyId }) => openStudy(studyId),

    'study.claim': async ({ studyId }) => {
      const identity = requireIdentity()
      return withStudy(studyId, async (api) => {
        // Re-read first: someone may have claimed it since the last poll.
        const current = await api.viewer.studies.retrieve(studyId)
        const owner = current.assignedTo ?? null
        if (owner?.userId === identity.userId) return current
        if (owner !== null) {
          const who = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email
          throw new CallError('upstream', `Already claimed by ${who}.`)
        }
        const updated = await api.viewer.studies.update(studyId, { assignedTo: identity.userId })
        log.info('study claimed', { studyId })
        void poller.refresh()
        return updated
      })
    },

    'study.setViewerStatus': async ({ studyId, status }) =>
      withStudy(studyId, async (api) => {
        const updated = await api.viewer.studies.update(studyId, { studyViewerStatus: status })
        log.info('viewer status set', { studyId, status })
        void poller.refresh()
        return updated
      }),

    'alerts.acknowledge': async ({ studyId }) => {
      const study = findStudy(studyId)
      log.info('alert acknowledged', { studyId })
      return updateLedger(markStudy(persisted.ledger, { studyId, severity: study?.severity ?? 'normal' }, 'acknowledged', clock.now()))
    },

    'alerts.snoozeStudy': async ({ studyId, minutes }) => {
      const study = findStudy(studyId)
      const now = clock.now()
      log.info('alert snoozed', { studyId, minutes })
      return updateLedger(snoozeStudy(persisted.ledger, { studyId, severity: study?.severity ?? 'normal' }, now + minutes * 60_000, now))
    },

    'alerts.pause': async ({ minutes }) => {
      setPause(minutes === 0 ? null : clock.now() + minutes * 60_000)
      return { pausedUntil: iso(pausedUntil) }
    },

    'settings.update': async (patch) => {
      const merged = mergeSettings(settings, patch)
      const parsed = SettingsSchema.safeParse(merged)
      if (!parsed.success) throw new CallError('invalid-request', describeZodIssue(parsed.error.issues[0]))
      const wasHolding = isHoldActive(settings, pausedUntil, clock.now())
      settings = parsed.data
      save({ settings })
      events.emit('settings.changed', settings)
      if (polling) poller.reschedule()
      if (wasHolding) releaseHeld()
      emitConnection()
      return settings
    },

    'view.update': async (patch) => {
      const view = { ...viewPrefs(), ...patch }
      save({ view })
      return view
    }
  }

  /** The remembered view, key by key: entries an older or newer renderer wrote that do not fit are ignored. */
  function viewPrefs(): ViewPrefs {
    const shape = ViewPrefsSchema.shape
    const fitting = Object.entries(persisted.view).filter(
      ([key, value]) => Object.hasOwn(shape, key) && shape[key as keyof typeof shape].safeParse(value).success
    )
    return ViewPrefsSchema.parse(Object.fromEntries(fitting))
  }

  function appState(): AppState {
    return {
      shell: ports.shell,
      version: ports.version,
      auth: authState(),
      settings,
      connection: connectionState(),
      queue: queueSnapshot(),
      alertsPausedUntil: iso(pausedUntil),
      view: viewPrefs()
    }
  }

  async function handle<K extends CallName>(name: K, request: unknown): Promise<BridgeResult<CallResponse<K>>> {
    if (!isCallName(name)) return { ok: false, error: { code: 'unknown-call', message: `Unknown call "${String(name).slice(0, 60)}".` } }
    const parsed = CALLS[name].request.safeParse(request ?? {})
    if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: describeZodIssue(parsed.error.issues[0]) } }
    try {
      const handler = handlers[name] as (r: unknown) => Promise<CallResponse<K>>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      if (error instanceof CallError) return { ok: false, error: { code: error.code, message: error.message } }
      if (error instanceof AuthenticationError) {
        keyRejected = true
        stopPolling()
        events.emit('auth.changed', authState())
        emitConnection()
      }
      if (error instanceof AvaraError) return { ok: false, error: { code: 'upstream', message: describeUpstream(error) } }
      log.error('call failed', { call: name, error: errorName(error) })
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. Try again.' } }
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------
  async function start(): Promise<void> {
    persisted = ports.state.read()
    settings = validSettings(persisted.settings)
    sessionStartedAt = clock.now()
    const cached = persisted.snapshot
    if (cached && persisted.identity) {
      mine = cached.mine
      statPool = cached.statPool
      const at = Date.parse(cached.fetchedAt)
      fetchedAt = Number.isNaN(at) ? null : at
      fromCache = true
    }
    emitQueue()
    await describeStorage()
    try {
      const key = await ports.secrets.get(keychainAccount(baseUrl()))
      if (key) {
        apiKey = key
        client = createAvaraClient({ apiKey: key, baseURL: baseUrl(), fetch: ports.fetch })
      }
    } catch (error) {
      log.warn('reading the key failed', { error: errorName(error) })
    }
    events.emit('auth.changed', authState())
    log.info('companion started', { shell: ports.shell, signedIn: apiKey !== null, identity: persisted.identity?.userId ?? null })
    if (client && persisted.identity) startPolling()
    emitConnection()
  }

  async function stop(): Promise<void> {
    stopPolling()
    if (pauseTimer !== null) clock.clearTimeout(pauseTimer)
    pauseTimer = null
    if (fetchedAt !== null) saveSnapshot()
  }

  function traySummary(): TraySummary {
    return summarizeForTray({ mine, statPool, ledger: persisted.ledger, status: connectionStatus().status, pausedUntil: iso(pausedUntil) })
  }

  return {
    start,
    stop,
    handle,
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void) {
      return events.on(name, listener)
    },
    suspend() {
      poller.suspend()
      emitConnection()
    },
    resume() {
      void poller.resume()
      emitConnection()
    },
    async notificationClicked(studyIds: string[]) {
      const [first] = studyIds
      if (first === undefined) return
      if (studyIds.length === 1) {
        const result = await handle('study.open', { studyId: first })
        if (!result.ok || !result.value.ok) log.warn('opening from a notification failed', { studyId: first })
      }
      events.emit('alert.clicked', { studyId: first })
    },
    traySummary
  }
}

function hasConsent(store: object): store is { consentToFallback(): Promise<void> } {
  return 'consentToFallback' in store && typeof (store as { consentToFallback: unknown }).consentToFallback === 'function'
}
