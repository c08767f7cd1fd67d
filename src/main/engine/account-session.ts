/**
 * One Avara account: its server, key, client, identity, its two poll lanes and its connection
 * state machine. Polls fetch here; what they saw is handed to `deliver` (the Queue and the
 * AlertDesk take it from there). A rejected key (401) stops both lanes and is re-probed with one
 * cheap request every few minutes (and at once on Refresh); polling resumes by itself when it works.
 */
import type { AccountColour, AccountSettingsOverrides, ConnectionState, Identity, Settings } from '@shared/ipc/contract'
import type { Severity, Study } from '@shared/avara/contract'
import { createAvaraClient, type AvaraClient } from './avara-client'
import { backoffDelay, STAT_BACKOFF_CAP_MS, BACKOFF_CAP_MS } from './backoff'
import { CallError, errorName } from './call-errors'
import { INITIAL_CONNECTION, statusOf, transition, type ConnectionEvent, type ConnectionMachine } from './connection-machine'
import { checkApiKey } from './key-check'
import { LaneScheduler, type Lane, type LaneOutcome } from './lane-scheduler'
import { observeQueueLane, observeStatLane, type LaneObservation } from './lanes'
import { nextTurn, type Clock, type Logger, type Random } from './ports'
import type { WorkQueue } from './work-queue'

/** Key re-probe after a 401: first after this, doubling, at most the cap. */
export const KEY_PROBE_FIRST_MS = 2 * 60_000
export const KEY_PROBE_CAP_MS = 10 * 60_000

export interface SessionDeps {
  clock: Clock
  random: Random
  log: Logger
  fetch?: typeof fetch
  /** This account's settings in effect (the global ones with its own overrides, account-settings.ts). */
  settings: () => Settings
  queue: WorkQueue
  /** How late this account's lanes start after a start or resume (spreads several accounts; 0 for one). */
  startOffsetMs?: (session: AccountSession, intervalMs: number) => number
  /** A poll's observation, merged and alerted by the engine; `seq` orders it against the other lane. */
  deliver: (session: AccountSession, lane: Lane, observation: LaneObservation, seq: number) => void
  /** The connection state or the key state changed. */
  changed: (session: AccountSession, what: 'connection' | 'auth') => void
}

export class AccountSession {
  readonly id: string
  baseUrl: string
  identity: Identity | null
  /** The user's name for the account (empty: its server names it) and its colour. */
  label: { displayName: string; colour: AccountColour } = { displayName: '', colour: 'blue' }
  /** The polling and alert settings the user set for this account only (account-settings.ts lays them over the global ones). */
  overrides: AccountSettingsOverrides = {}
  #apiKey: string | null = null
  #client: AvaraClient | null = null
  #machine: ConnectionMachine = INITIAL_CONNECTION
  #lastSuccessAt: number | null = null
  /** The server's wait (429) binds every lane of the account until this monotonic time. */
  #notBefore = 0
  #generation = 0
  #staleTimer: unknown = null
  #probeTimer: unknown = null
  #probeFailures = 0
  /** Queue polls since the last one that read the whole queue (see `normalRefreshEvery`). */
  #partialReads = 0
  readonly #d: SessionDeps
  readonly lanes: Record<Lane, LaneScheduler>

  constructor(id: string, baseUrl: string, identity: Identity | null, deps: SessionDeps) {
    this.id = id
    this.baseUrl = baseUrl
    this.identity = identity
    this.#d = deps
    const common = { clock: deps.clock, random: deps.random, notBefore: () => this.#notBefore, onOutcome: (o: LaneOutcome) => this.#onOutcome(o) }
    this.lanes = {
      queue: new LaneScheduler({ ...common, lane: 'queue', backoffCapMs: BACKOFF_CAP_MS, intervalMs: () => deps.settings().queueIntervalSec * 1000, run: () => this.#poll('queue') }),
      stat: new LaneScheduler({
        ...common,
        lane: 'stat',
        backoffCapMs: STAT_BACKOFF_CAP_MS,
        intervalMs: () => (deps.settings().statLaneEnabled ? deps.settings().statIntervalSec * 1000 : null),
        run: () => this.#poll('stat')
      })
    }
  }

  get hasKey(): boolean {
    return this.#apiKey !== null
  }
  get polling(): boolean {
    return this.#machine.phase === 'polling'
  }
  get machine(): ConnectionMachine {
    return this.#machine
  }

  #apply(event: ConnectionEvent): void {
    this.#machine = transition(this.#machine, event)
  }

  /** A key that was checked (sign-in) or read from the keychain. */
  useKey(apiKey: string, client?: AvaraClient): void {
    this.#apiKey = apiKey
    this.#client = client ?? createAvaraClient({ apiKey, baseURL: this.baseUrl, fetch: this.#d.fetch })
  }

  requireClient(): AvaraClient {
    if (!this.#client || this.#apiKey === null) throw new CallError('not-signed-in', 'Sign in with an API key first.')
    return this.#client
  }

  requireIdentity(): Identity {
    this.requireClient()
    if (!this.identity) throw new CallError('not-signed-in', 'Choose whose queue this workstation follows first.')
    return this.identity
  }

  /** Start polling when there is a key and an identity (start-up, saved key, chosen identity). */
  start(): void {
    this.stopPolling()
    if (!this.#client) return
    this.#apply({ type: 'key-loaded', hasIdentity: this.identity !== null })
    if (this.identity) this.#startLanes()
    this.#d.changed(this, 'connection')
  }

  #startLanes(): void {
    this.#generation++
    this.#notBefore = 0
    this.#partialReads = 0
    void this.lanes.queue.start(this.#offset('queue'))
    void this.lanes.stat.start(this.#offset('stat'))
  }

  /** This account's share of the lane's interval (poll-spread.ts). */
  #offset(lane: Lane): number {
    const settings = this.#d.settings()
    const interval = lane === 'queue' ? settings.queueIntervalSec * 1000 : settings.statIntervalSec * 1000
    return this.#d.startOffsetMs?.(this, interval) ?? 0
  }

  /** Stop every timer; late poll results are dropped. */
  stopPolling(): void {
    this.#generation++
    this.lanes.queue.stop()
    this.lanes.stat.stop()
    this.#clearTimer('stale')
    this.#clearTimer('probe')
  }

  /** Sign-out: no key, no client, no polling. */
  clearKey(): void {
    this.stopPolling()
    this.#apiKey = null
    this.#client = null
    this.#lastSuccessAt = null
    this.#apply({ type: 'key-removed' })
  }

  /** Another identity or server: the lanes restart, the last success is forgotten. */
  forgetProgress(): void {
    this.#lastSuccessAt = null
  }

  suspend(): void {
    this.lanes.queue.suspend()
    this.lanes.stat.suspend()
    this.#apply({ type: 'suspended' })
    this.#d.changed(this, 'connection')
  }

  /** Resume or unlock: both lanes poll at once; a rejected key is tried again at once. */
  resume(): void {
    this.#apply({ type: 'resumed' })
    if (this.#machine.phase === 'key-rejected') void this.probeKey()
    else {
      void this.lanes.queue.resume(this.#offset('queue'))
      void this.lanes.stat.resume(this.#offset('stat'))
    }
    this.#d.changed(this, 'connection')
  }

  /** Manual refresh: both lanes now (concurrently), or the rejected key tried again now. */
  async refresh(): Promise<void> {
    if (this.#machine.phase === 'key-rejected') return this.probeKey()
    if (!this.polling) return
    await Promise.all([this.lanes.queue.pollNow(), this.lanes.stat.pollNow()])
  }

  /** Settings changed (global or this account's own): intervals apply at once. */
  reschedule(): void {
    this.lanes.queue.reschedule()
    this.lanes.stat.reschedule()
    this.#armStaleTimer()
  }

  async #poll(lane: Lane): Promise<void> {
    const client = this.#client
    const identity = this.identity
    if (!client || !identity) return
    const started = this.#generation
    const { queue, settings } = this.#d
    const seq = queue.beginObservation()
    const carriesPool = lane === 'stat' || !settings().statLaneEnabled
    const request = { client, userId: identity.userId, withPool: carriesPool && settings().includeUnassignedStat, nextTurn: () => nextTurn(this.#d.clock) }
    const severities = lane === 'queue' ? this.#queuePollSeverities() : null
    const held = (page: Study[]) => queue.heldVersions(this.id, page)
    const observation =
      lane === 'stat'
        ? await observeStatLane(request, (list, complete) => queue.missingFromStatList(this.id, list, complete, seq))
        : severities
          ? await observeQueueLane(request, (list) => queue.missingFromSeverityList(this.id, new Set(severities), list, true, seq), severities, held)
          : await observeQueueLane(request, (list) => queue.missingFromFullList(this.id, list, seq), null, held)
    if (started !== this.#generation) return // signed out, another identity, or a 401 meanwhile
    // A lane that carries the pool while the pool is off empties it.
    if (carriesPool && !settings().includeUnassignedStat) observation.pool = []
    this.#d.deliver(this, lane, observation, seq)
    if (observation.poolError) this.#d.log.warn('stat pool request failed', { error: errorName(observation.poolError) })
    if (observation.error) throw observation.error
  }

  /** Which severities this queue poll reads: all (null), or stat and high between full reads (`normalRefreshEvery`). */
  #queuePollSeverities(): Severity[] | null {
    const every = this.#d.settings().normalRefreshEvery ?? 1
    if (every <= 1 || !this.#d.queue.fullViewSeen(this.id) || this.#partialReads >= every - 1) {
      this.#partialReads = 0
      return null
    }
    this.#partialReads++
    return ['stat', 'high']
  }

  #onOutcome(outcome: LaneOutcome): void {
    const { log, clock } = this.#d
    if (outcome.ok) {
      this.#lastSuccessAt = clock.now()
      this.#apply({ type: 'poll-succeeded', lane: outcome.lane })
      this.#armStaleTimer()
      // The server answers again: the other lane need not wait out its backoff.
      if (outcome.recovered) this.lanes[outcome.lane === 'queue' ? 'stat' : 'queue'].retryNow()
    } else {
      const { failure } = outcome
      log.warn('poll failed', { lane: outcome.lane, kind: failure.kind, failures: outcome.consecutiveFailures })
      if (failure.fatal) {
        this.rejectKey()
        return
      }
      this.#apply({ type: 'poll-failed', lane: outcome.lane, failure })
      if (failure.retryAfterMs !== null) {
        this.#notBefore = Math.max(this.#notBefore, clock.monotonic() + failure.retryAfterMs)
        this.lanes[outcome.lane === 'queue' ? 'stat' : 'queue'].reschedule()
      }
    }
    this.#d.changed(this, 'connection')
  }

  /** 401 (a poll or a call): stop both lanes, say so, and try the key again every few minutes. */
  rejectKey(): void {
    if (!this.#client) return
    this.stopPolling()
    this.#apply({ type: 'key-rejected' })
    this.#probeFailures = 0
    this.#scheduleProbe()
    this.#d.changed(this, 'auth')
    this.#d.changed(this, 'connection')
  }

  #scheduleProbe(): void {
    this.#clearTimer('probe')
    const delay = backoffDelay(this.#probeFailures + 1, KEY_PROBE_FIRST_MS, this.#d.random, KEY_PROBE_CAP_MS)
    this.#probeTimer = this.#d.clock.setTimeout(() => {
      this.#probeTimer = null
      void this.probeKey()
    }, delay)
  }

  /** One cheap request with the stored key; polling resumes when the server takes it again. */
  async probeKey(): Promise<void> {
    const client = this.#client
    if (!client || this.#machine.phase !== 'key-rejected') return
    this.#clearTimer('probe')
    const started = this.#generation
    const verdict = await checkApiKey(client, new URL(this.baseUrl))
    if (started !== this.#generation || this.#machine.phase !== 'key-rejected') return
    if (!verdict.ok) {
      this.#probeFailures++
      this.#d.log.info('stored key still not accepted', { problem: verdict.problem })
      this.#scheduleProbe()
      return
    }
    this.#d.log.info('stored key accepted again; polling resumes')
    this.#apply({ type: 'key-accepted' })
    if (this.identity) this.#startLanes()
    else this.#apply({ type: 'key-loaded', hasIdentity: false })
    this.#d.changed(this, 'auth')
    this.#d.changed(this, 'connection')
  }

  /** Fires when the data turns stale without any poll ending (e.g. during a long backoff). */
  #armStaleTimer(): void {
    this.#clearTimer('stale')
    const { clock, settings, queue } = this.#d
    const staleAt = queue.staleAt(this.id, settings().queueIntervalSec * 1000)
    if (staleAt === null || !this.polling) return
    this.#staleTimer = clock.setTimeout(() => {
      this.#staleTimer = null
      this.#d.changed(this, 'connection')
    }, Math.max(0, staleAt + 1 - clock.monotonic()))
  }

  #clearTimer(which: 'stale' | 'probe'): void {
    const handle = which === 'stale' ? this.#staleTimer : this.#probeTimer
    if (handle !== null) this.#d.clock.clearTimeout(handle)
    if (which === 'stale') this.#staleTimer = null
    else this.#probeTimer = null
  }

  /** The connection as the renderer sees it. */
  connectionState(): ConnectionState {
    const { clock, settings, queue } = this.#d
    const { status, reason } = statusOf(this.#machine)
    const mono = clock.monotonic()
    const next = this.polling ? [this.lanes.queue.nextPollAt, this.lanes.stat.nextPollAt].filter((at): at is number => at !== null) : []
    const nextMono = next.length > 0 ? Math.min(...next) : null
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    return {
      status,
      reason,
      lastSuccessAt: iso(this.#lastSuccessAt),
      nextPollAt: iso(nextMono === null ? null : clock.now() + Math.max(0, nextMono - mono)),
      stale: queue.isStale(this.id, settings().queueIntervalSec * 1000, mono)
    }
  }
}
