/**
 * The engine's units wired together: the account sessions (one today; the list is ready for more),
 * the Queue, the AlertDesk and the persisted state. It turns a poll's observation into merged
 * queue events, alerts, a saved state and bridge events, and assembles what the renderer sees.
 * The bridge handlers (bridge-handlers.ts) and the Companion facade (companion.ts) sit on top.
 */
import type { Study } from '@shared/avara/contract'
import {
  DEFAULT_BASE_URL,
  ViewPrefsSchema,
  type AlertNotice,
  type AppState,
  type AuthState,
  type ConnectionState,
  type KeyStorageInfo,
  type QueueSnapshot,
  type Settings,
  type ViewPrefs
} from '@shared/ipc/contract'
import { FIRST_ACCOUNT_ID, studyKey, type AccountsState, type StudyAlertState } from '@shared/ipc/contract'
import { accountsState, combinedConnection, displayNameOf, type OwnSettings } from './accounts-view'
import { accountPart, effectiveAccountSettings, overridesInEffect } from './account-settings'
import { AccountSession } from './account-session'
import { AlertDesk } from './alert-desk'
import { CallError, errorName } from './call-errors'
import { BridgeEvents } from './emitter'
import type { Lane } from './lane-scheduler'
import type { LaneObservation } from './lanes'
import { keychainAccountFor, nextTurn, systemClock, type Clock, type CorePorts, type Logger, type PersistedState, type StoredAccount } from './ports'
import { spreadOffsetMs } from './poll-spread'
import type { QueueEvent } from './queue'
import { RecentlyOpened, studyChanges } from './study-changes'
import { validSettings } from './settings-merge'
import { describeForLog, managedConfigFrom, policyServerFor, profileSettings, storedChoices, type ManagedConfig } from './managed/managed-config'
import { StateKeeper } from './state-keeper'
import { planPresets, presetOrigin } from './managed/account-presets'
import { SERVER_CHOICE } from './managed/managed-config'
import { freeColour, newAccountId } from './account-handlers'
import { WorkQueue } from './work-queue'
import { buildQueueChange, type QueueView } from './queue-delta-builder'

const UNKNOWN_STORAGE: KeyStorageInfo = { kind: 'none', label: 'Unknown', problem: null, fallbackNeedsConsent: false }
/** The first account of every profile (a single-account profile's only one). */
export const PRIMARY_ACCOUNT = FIRST_ACCOUNT_ID

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const EMPTY_QUEUE: QueueView = { mine: [], statPool: [], closed: [], alerts: {}, fetchedAt: null, fromCache: false, counts: { stat: 0, high: 0, normal: 0 } }
let epochsMade = 0
/** Names this engine run's numbering of deltas, so a page never applies another run's delta. */
const newEpoch = (now: number, random: () => number): string =>
  `${now.toString(36)}-${Math.floor(random() * 2 ** 32).toString(36)}-${(++epochsMade).toString(36)}`

/** How long a change to an account's cached queue alone may wait to be written (`#saveCacheLater`). */
export const CACHE_WRITE_DELAY_MS = 30_000

export class Engine {
  readonly ports: CorePorts
  readonly clock: Clock
  readonly log: Logger
  readonly events: BridgeEvents
  readonly keeper: StateKeeper
  readonly queue = new WorkQueue()
  readonly desk: AlertDesk
  /** Studies opened from this app, and those it marked complete (for change notices). */
  readonly opened = new RecentlyOpened()
  readonly completedHere = new RecentlyOpened()
  /** When each account's whole queue was last read (the queue lane). */
  readonly #lastFullRead = new Map<string, number>()
  readonly sessions: AccountSession[] = []
  settings: Settings
  /** What the administrator's policy file sets and locks (docs/managed-configuration.md); read once at start. */
  readonly managed: ManagedConfig
  keyStorage: KeyStorageInfo = UNKNOWN_STORAGE
  #lastConnectionJson = ''
  #lastAccountsJson = ''
  #lastQueueKey = ''
  /** The queue as the page has it: the numbering of `queue.delta` starts from an empty queue. */
  #sentQueue: QueueSnapshot

  constructor(ports: CorePorts) {
    this.ports = ports
    this.clock = ports.clock ?? systemClock
    this.log = ports.logger
    this.events = new BridgeEvents((event, error) => this.log.error('event listener failed', { event, error: errorName(error) }))
    this.#sentQueue = { ...EMPTY_QUEUE, epoch: newEpoch(this.clock.now(), ports.random ?? Math.random), seq: 0 }
    this.keeper = new StateKeeper(ports.state, this.log)
    // A save problem (or its end) is a state of the app: the page hears it with the connection.
    this.keeper.onSaveProblemChange(() => this.emitConnection())
    this.managed = managedConfigFrom(ports.policy)
    this.settings = this.settingsFrom(this.keeper.state)
    this.desk = new AlertDesk({
      clock: this.clock,
      settings: (accountId) => this.settingsFor(accountId),
      raise: (_accountId, notice) => this.#raise(notice),
      accountName: (accountId) => this.accountNameFor(accountId),
      pauseChanged: (pausedUntil) => this.events.emit('alerts.pauseChanged', { pausedUntil })
    })
    const persisted = this.keeper.state
    for (const stored of persisted.accounts) this.sessions.push(this.#makeSession(stored))
    this.sessions[0]!.baseUrl = this.serverFor(persisted)
  }

  /** A session for a stored account (not started). */
  #makeSession(stored: StoredAccount): AccountSession {
    const session: AccountSession = new AccountSession(stored.id, stored.baseUrl, stored.identity, {
      clock: this.clock,
      random: this.ports.random ?? Math.random,
      log: this.log,
      fetch: this.ports.fetch,
      // Its own settings in effect: its lanes poll at its own intervals (docs/accounts.md).
      settings: () => this.settingsOf(session),
      queue: this.queue,
      // Accounts never poll at the same instant: each lane starts at its account's share of the interval.
      startOffsetMs: (s, intervalMs) => spreadOffsetMs(this.sessions.indexOf(s), this.sessions.length, intervalMs),
      deliver: (s, lane, observation, seq) => this.#deliver(s, lane, observation, seq),
      changed: (_s, what) => (what === 'auth' ? this.emitAuth() : this.emitConnection())
    })
    session.label = { displayName: stored.label ?? '', colour: stored.colour ?? 'blue' }
    session.overrides = stored.overrides ?? {}
    return session
  }

  /** An account's settings in effect: the global settings, its own overrides, the policy's locks (account-settings.ts). */
  settingsOf(session: AccountSession): Settings {
    return effectiveAccountSettings(this.settings, session.overrides, this.managed.state.lockedSettings)
  }

  /** The same by account id (the global settings for an id no session has). */
  settingsFor(accountId: string): Settings {
    const session = this.sessions.find((s) => s.id === accountId)
    return session ? this.settingsOf(session) : this.settings
  }

  /** What the page is shown of an account's own settings. */
  ownSettings(session: AccountSession): OwnSettings {
    return { overrides: overridesInEffect(session.overrides, this.managed.state.lockedSettings), settings: accountPart(this.settingsOf(session)) }
  }

  /** Adds a session for a stored account (accounts.add); its queue and ledger start empty. */
  addSession(stored: StoredAccount): AccountSession {
    const session = this.#makeSession(stored)
    this.sessions.push(session)
    this.desk.load(session.id, stored.ledger)
    this.queue.reset(session.id)
    return session
  }

  /** Forgets a session and everything of it in memory (accounts.remove). */
  removeSession(session: AccountSession): void {
    session.stopPolling()
    this.#cancelCacheWrite(session)
    this.sessions.splice(this.sessions.indexOf(session), 1)
    this.queue.remove(session.id)
    this.desk.remove(session.id)
    this.#lastFullRead.delete(session.id)
  }

  /** The sessions in this order (accounts.reorder; every id named once). */
  reorderSessions(ids: readonly string[]): void {
    this.sessions.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
  }

  /** Where the account's key is kept: the stored name (a migrated profile's is the one from before accounts). */
  keychainNameOf(session: AccountSession): string {
    return this.keeper.accountById(session.id)?.keychainAccount ?? keychainAccountFor(session.baseUrl, session.id)
  }

  /** The first account: the default of calls that name none, and the one `auth` describes. */
  get primary(): AccountSession {
    return this.sessions[0]!
  }

  /** The account a call names (the first one when it names none); an unknown id is refused. */
  sessionFor(accountId: string | undefined): AccountSession {
    if (accountId === undefined) return this.primary
    const session = this.sessions.find((s) => s.id === accountId)
    if (!session) throw new CallError('invalid-request', `accountId: no account "${accountId}" on this workstation.`)
    return session
  }

  // ---- start-up -----------------------------------------------------------------------------
  /** Load the stored state into the units: settings, ledger, cached queue. */
  load(): void {
    const persisted = this.#addPresetAccounts(this.#applyPolicyToProfile(this.keeper.reload()))
    this.settings = this.settingsFrom(persisted)
    for (const session of this.sessions) session.stopPolling()
    this.sessions.length = 0
    for (const stored of persisted.accounts) {
      const session = this.#makeSession(stored)
      this.sessions.push(session)
      this.desk.load(session.id, stored.ledger)
      const cached = stored.snapshot
      if (cached && stored.identity) {
        const at = Date.parse(cached.fetchedAt)
        this.queue.loadCached(session.id, { mine: cached.mine, statPool: cached.statPool, fetchedAt: Number.isNaN(at) ? null : at }, this.clock.now(), this.clock.monotonic())
      } else {
        this.queue.reset(session.id)
      }
    }
    // The policy's server applies to the first account (the one a single-account profile has).
    this.primary.baseUrl = this.serverFor(persisted)
  }

  // ---- managed configuration (managed/managed-config.ts) ------------------------------------
  /** The user's stored settings with the policy laid over them: presets where the user chose nothing, then locks. */
  settingsFrom(persisted: PersistedState): Settings {
    return profileSettings(persisted, this.managed)
  }

  /** The settings (and `serverUrl`) the user chose themselves, as stored. */
  choices(persisted: PersistedState = this.keeper.state): string[] {
    return storedChoices(validSettings(persisted.settings), persisted.setByUser)
  }

  /** The server the profile uses: the policy's when locked, or preset and the user chose none. */
  serverFor(persisted: PersistedState): string {
    const { baseUrl, identity } = persisted.accounts[0]!
    const profile = { baseUrl, identity, choices: this.choices(persisted) }
    return policyServerFor(profile, this.managed) ?? (baseUrl || DEFAULT_BASE_URL)
  }

  /** Logs what the policy does; a locked server moves the profile there (like --base-url: identity and cache cleared). */
  #applyPolicyToProfile(persisted: PersistedState): PersistedState {
    const line = describeForLog(this.managed)
    if (line && this.managed.state.problem) this.log.warn(line.message, line.fields)
    else if (line) this.log.info(line.message, line.fields)
    const locked = this.managed.state.serverUrlLocked ? this.managed.state.serverUrl : null
    if (locked === null || locked === persisted.accounts[0]!.baseUrl) return persisted
    this.log.info('server set by the policy', { origin: new URL(locked).origin })
    this.keeper.save({ baseUrl: locked, identity: null, snapshot: null }, persisted.accounts[0]!.id)
    return this.keeper.state
  }

  /**
   * The policy's preset accounts the profile lacks are stored without a key (managed/account-presets.ts):
   * signed out ("key needed") until the user enters theirs. A new, empty first account takes the first preset.
   */
  #addPresetAccounts(persisted: PersistedState): PersistedState {
    const presets = this.managed.policy?.accounts
    if (!presets || presets.length === 0) return persisted
    const only = persisted.accounts[0]!
    const firstIsNew = only.identity === null && !only.label && !this.choices(persisted).includes(SERVER_CHOICE)
    const plan = planPresets(persisted.accounts, presets, firstIsNew)
    if (plan.first) {
      this.keeper.save({ baseUrl: plan.first.serverUrl, label: plan.first.displayName, preset: presetOrigin(plan.first), identity: null, snapshot: null, ...(plan.first.colour ? { colour: plan.first.colour } : {}) }, only.id)
      this.log.info('first account set by the policy', { account: only.id, origin: new URL(plan.first.serverUrl).origin })
    }
    for (const preset of plan.add) {
      const accounts = this.keeper.state.accounts
      const id = newAccountId(this.ports.random ?? Math.random, accounts.map((a) => a.id))
      this.keeper.addAccount({
        id,
        label: preset.displayName,
        preset: presetOrigin(preset),
        colour: preset.colour ?? freeColour(accounts.map((a) => a.colour ?? 'blue')),
        baseUrl: preset.serverUrl,
        keychainAccount: keychainAccountFor(preset.serverUrl, id),
        identity: null,
        ledger: {},
        snapshot: null
      })
      this.log.info('account preset by the policy', { account: id, origin: new URL(preset.serverUrl).origin })
    }
    if (plan.overLimit.length > 0) this.log.warn('preset accounts left out: account limit reached', { left: plan.overLimit.length })
    return this.keeper.state
  }

  // ---- polls --------------------------------------------------------------------------------
  /** Merge an observation into the queue, run the alert policy, save what changed, tell the renderer. */
  #deliver(session: AccountSession, lane: Lane, observation: LaneObservation, seq: number): void {
    const identity = session.identity
    if (!identity) return
    const now = this.clock.now()
    const mono = this.clock.monotonic()
    const events: QueueEvent[] = []
    let fullView = false
    // Arrivals are judged against the last full queue read: a study created since then is new, not reassigned.
    const previousFetchAt = this.queue.fullViewSeen(session.id) ? (this.#lastFullRead.get(session.id) ?? null) : null
    let mineEvents: readonly QueueEvent[] = []
    // Until the first full queue is in, no high alerts and no re-alerts (no burst at start-up).
    const firstPoll = !this.queue.fullViewSeen(session.id)
    if (observation.mine) {
      const o = { ...observation.mine, seq, userId: identity.userId }
      const merged =
        observation.severities === null
          ? this.queue.mergeFullList(session.id, o, now, mono)
          : this.queue.mergeSeverityList(session.id, { ...o, severities: new Set(observation.severities) }, now, mono)
      events.push(...merged.events)
      mineEvents = merged.events
      fullView = observation.severities === null
      if (fullView) this.#lastFullRead.set(session.id, now)
    }
    if (observation.pool) events.push(...this.queue.mergePool(session.id, observation.pool, seq, now, mono))
    for (const e of events) {
      if (e.kind === 'completed' || e.kind === 'cancelled' || e.kind === 'reassignedAway' || e.kind === 'departed') {
        this.log.info('study left the queue', { studyId: e.study.studyId, kind: e.kind })
      }
    }
    const outcome = this.desk.decide(session.id, { events, present: this.#presentForAlerts(session.id), fullView, firstPoll })
    // Written only when its content changed: an alert recorded at once, the cached queue alone
    // within CACHE_WRITE_DELAY_MS; stop() writes the rest.
    if (outcome.ledgerChanged) this.#saveSoon(session)
    else if (events.length > 0) this.#saveCacheLater(session)
    this.log.debug('poll done', { lane, studies: this.queue.ordered(session.id).mine.length, requests: observation.requests, events: events.length })
    this.emitQueueIfChanged()
    // Why studies changed or left, as the diff classified them (the page shows, never guesses).
    const ownKey = (studyId: string) => studyKey({ accountId: session.id, studyId })
    const changes = studyChanges(mineEvents, { accountId: session.id, now, previousFetchAt, opened: this.opened, ownAction: (id) => this.completedHere.has(ownKey(id), now) })
    if (changes.length > 0) this.events.emit('queue.changes', { changes })
  }

  #presentForAlerts(accountId: string): Study[] {
    return this.queue.presentForAlerts(accountId, Object.keys(this.desk.ledger(accountId)))
  }

  /** One account's alert states by study ID: from its ledger, for the studies still in view (no pass over the queue). */
  #accountAlertStates(accountId: string): QueueSnapshot['alerts'] {
    return this.desk.alertStates(accountId, Object.keys(this.desk.ledger(accountId)).filter((studyId) => this.queue.has(accountId, studyId)))
  }

  /** The account's name for notices (the AlertDesk words them), banner and tray: only when several accounts are followed (one needs no name). */
  accountNameFor(accountId: string): string | null {
    if (this.sessions.length < 2) return null
    const session = this.sessions.find((s) => s.id === accountId)
    return session ? displayNameOf(session) : null
  }

  #raise(notice: AlertNotice): void {
    this.log.info('alert raised', { level: notice.level, reAlert: notice.reAlert, studyIds: notice.studyIds.join(',') })
    try {
      this.ports.notifier.show(notice)
    } catch (error) {
      this.log.error('notifier failed', { error: errorName(error) })
    }
    this.events.emit('alert.shown', notice)
  }

  /** A hold ended: raise what was held and is still relevant (once, summarised by the policy); by default for every account. */
  releaseHeld(accountIds: readonly string[] = this.accountIds): void {
    for (const session of this.sessions) {
      // Each account holds by its own do-not-disturb (and the pause): only those no longer held release.
      if (!accountIds.includes(session.id) || this.desk.isHolding(session.id) || !this.queue.fullViewSeen(session.id)) continue
      const outcome = this.desk.decide(session.id, { events: [], present: this.#presentForAlerts(session.id), fullView: false, firstPoll: false })
      if (outcome.ledgerChanged) {
        this.saveAccount(session)
        this.emitQueue()
      }
    }
  }

  // ---- persistence --------------------------------------------------------------------------
  /** Accounts whose poll changed what is stored, saved on the next turn (not in the poll's own). */
  readonly #unsaved = new Set<AccountSession>()

  /**
   * Saves on the next turn: checking and writing an account of 10,000 studies takes milliseconds a
   * poll's turn does not have (docs/core.md, "Changes, not copies"). Polls meanwhile share the one save.
   */
  #saveSoon(session: AccountSession): void {
    if (this.#unsaved.size === 0) void nextTurn(this.clock).then(() => this.#saveUnsaved())
    this.#unsaved.add(session)
  }

  /** A pending write of an account whose cached queue alone changed. */
  readonly #cacheWrites = new Map<AccountSession, unknown>()

  /**
   * The cached queue serves only an offline start: a change to it alone is written within
   * CACHE_WRITE_DELAY_MS (each write of 10,000 studies is 7 MiB of text to collect), with whatever
   * changed meanwhile. An alert's ledger entry never waits (`#saveSoon`).
   */
  #saveCacheLater(session: AccountSession): void {
    if (this.#cacheWrites.has(session) || this.#unsaved.has(session)) return
    const write = () => {
      this.#cacheWrites.delete(session)
      if (this.sessions.includes(session)) this.saveAccount(session)
    }
    this.#cacheWrites.set(session, this.clock.setTimeout(write, CACHE_WRITE_DELAY_MS))
  }

  /** Forget a pending cache write (the account was saved, or removed). */
  #cancelCacheWrite(session: AccountSession): void {
    const handle = this.#cacheWrites.get(session)
    if (handle === undefined) return
    this.clock.clearTimeout(handle)
    this.#cacheWrites.delete(session)
  }

  /** Saves what `#saveSoon` has waiting (stop() saves every account itself, so nothing is written after it). */
  #saveUnsaved(): void {
    for (const session of this.#unsaved) if (this.sessions.includes(session)) this.saveAccount(session)
    this.#unsaved.clear()
  }

  /** The account's ledger and cached queue. */
  saveAccount(session: AccountSession): void {
    this.#unsaved.delete(session)
    this.#cancelCacheWrite(session)
    const fetchedAt = this.queue.fetchedAt(session.id)
    const { mine, pool } = this.queue.ordered(session.id)
    this.keeper.save({
      ledger: this.desk.ledger(session.id),
      // Copies: the queue's arrays change with the next merge.
      snapshot: fetchedAt === null ? null : { mine: mine.slice(), statPool: pool.slice(), fetchedAt: new Date(fetchedAt).toISOString() }
    }, session.id)
  }

  /** Another identity or server: the queue, its progress and the alert run start over (the ledger stays). */
  resetAccount(session: AccountSession): void {
    this.queue.reset(session.id)
    this.desk.restart(session.id)
    session.forgetProgress()
  }

  // ---- what the renderer sees ---------------------------------------------------------------
  authState(): AuthState {
    const session = this.primary
    return { baseUrl: session.baseUrl, hasKey: session.hasKey, identity: session.identity, keyStorage: this.keyStorage }
  }

  /** The one account's connection, or with several the summary of all (accounts-view.ts). */
  connectionState(): ConnectionState {
    const own = this.sessions.length === 1 ? this.primary.connectionState() : combinedConnection(this.sessions)
    return { ...own, saveProblem: this.keeper.saveProblem() }
  }

  accountsState(): AccountsState {
    return accountsState(this.sessions, (id) => this.queue.counts(id), (id) => this.ownSettings(this.sessionFor(id)))
  }

  get accountIds(): string[] {
    return this.sessions.map((s) => s.id)
  }

  /** Alert states of every study in view, by `studyKey`. */
  #alertStates(): Record<string, StudyAlertState> {
    const states: Record<string, StudyAlertState> = {}
    for (const session of this.sessions) {
      const own = this.#accountAlertStates(session.id)
      for (const [studyId, state] of Object.entries(own)) states[studyKey({ accountId: session.id, studyId })] = state
    }
    return states
  }

  /** The queue now, unnumbered (what the next delta is built towards): every account's queue merged in the one order, with counts in total and per account. */
  queueView(): QueueView {
    const ids = this.accountIds
    const { mine, pool } = this.queue.merged(ids)
    const fetched = ids.map((id) => this.queue.fetchedAt(id))
    const closed = ids.length === 1 ? this.queue.closed(ids[0]!) : ids.flatMap((id) => this.queue.closed(id)).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    return {
      // merged() gives new arrays: the next merge does not change these.
      mine,
      statPool: pool,
      closed,
      alerts: this.#alertStates(),
      fetchedAt: iso(fetched.some((at) => at === null) ? null : Math.min(...(fetched as number[]))),
      fromCache: ids.some((id) => this.queue.fromCache(id)),
      counts: this.queue.totalCounts(ids),
      countsByAccount: Object.fromEntries(ids.map((id) => [id, this.queue.counts(id)]))
    }
  }

  /** The remembered view, key by key: entries an older or newer renderer wrote that do not fit are ignored. */
  viewPrefs(): ViewPrefs {
    const shape = ViewPrefsSchema.shape
    const fitting = Object.entries(this.keeper.state.view).filter(
      ([key, value]) => Object.hasOwn(shape, key) && shape[key as keyof typeof shape].safeParse(value).success
    )
    return ViewPrefsSchema.parse(Object.fromEntries(fitting))
  }

  appState(): AppState {
    return {
      shell: this.ports.shell,
      version: this.ports.version,
      auth: this.authState(),
      settings: this.settings,
      connection: this.connectionState(),
      queue: this.emitQueue(),
      alertsPausedUntil: this.desk.pausedUntil(),
      storage: this.keeper.storage(),
      view: this.viewPrefs(),
      managed: this.managed.state,
      accounts: this.accountsState()
    }
  }

  emitAuth(): void {
    this.events.emit('auth.changed', this.authState())
  }

  /**
   * Tell the page what changed in the queue since the last delta (`queue.delta`, numbered; nothing
   * when nothing did) and return the queue as the page now has it: the snapshot of that number,
   * for `app.getState` and `queue.snapshot` (a command answers without it: the delta is its one way).
   */
  emitQueue(): QueueSnapshot {
    const view = this.queueView()
    this.#lastQueueKey = this.#queueKey(view.alerts)
    const change = buildQueueChange(this.#sentQueue, view)
    if (change === null) return this.#sentQueue
    const baseSeq = this.#sentQueue.seq
    this.#sentQueue = { ...view, epoch: this.#sentQueue.epoch, seq: baseSeq + 1 }
    this.events.emit('queue.delta', { ...change, epoch: this.#sentQueue.epoch, seq: baseSeq + 1, baseSeq })
    this.emitAccounts()
    return this.#sentQueue
  }

  /** The queue as the page has it after the last delta (a shell resyncs a page with it). */
  get sentQueue(): QueueSnapshot {
    return this.#sentQueue
  }

  /**
   * After a poll: a delta goes to the renderer only when what it shows changed (studies, closed
   * list, alert states, cache flag). A quiet poll sends nothing here; the connection event's
   * `lastSuccessAt` tells the page the data is still fresh.
   */
  emitQueueIfChanged(): void {
    const key = this.#queueKey(this.#alertStates())
    if (key !== this.#lastQueueKey) this.emitQueue()
    else this.emitAccounts()
  }

  #queueKey(alerts: QueueSnapshot['alerts']): string {
    return `${this.sessions.map((s) => `${s.id}:${this.queue.version(s.id)}`).join(',')}|${JSON.stringify(alerts)}`
  }

  /** The accounts' labels, health and counts, when any of it changed. */
  emitAccounts(): void {
    const state = this.accountsState()
    const json = JSON.stringify({ ...state, accounts: state.accounts.map((a) => ({ ...a, connection: { ...a.connection, nextPollAt: null } })) })
    if (json === this.#lastAccountsJson) return
    this.#lastAccountsJson = json
    this.events.emit('accounts.changed', state)
  }

  emitConnection(): void {
    const state = this.connectionState()
    // nextPollAt moves every poll; while online only tell the renderer when something else changed.
    const json = JSON.stringify(state.status === 'online' ? { ...state, nextPollAt: null } : state)
    if (json === this.#lastConnectionJson) return this.emitAccounts()
    this.#lastConnectionJson = json
    this.events.emit('connection.changed', state)
    this.emitAccounts()
  }

  async describeStorage(): Promise<KeyStorageInfo> {
    try {
      this.keyStorage = await this.ports.secrets.describe()
    } catch (error) {
      this.log.warn('secret store could not describe itself', { error: errorName(error) })
    }
    return this.keyStorage
  }
}
