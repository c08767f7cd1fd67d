/**
 * The poll scheduler: two lanes (the full queue, and a small stat lane), one poll at a time,
 * coalesced requests, backoff with jitter on failure, the server's wait on 429, a full stop on 401,
 * and pause/resume for suspend and lock. It knows nothing of the API: `run(lane)` does the work and
 * throws on failure. Clock and random are injected so every schedule is testable without waiting.
 */
import { backoffDelay } from './backoff'
import { classifyFailure, type Failure } from './failures'
import type { Clock, Random } from './ports'

/** `queue` is a full refresh (it also covers the stat lane); `stat` is the small, frequent one. */
export type Lane = 'queue' | 'stat'

export interface LaneIntervals {
  queueMs: number
  /** null when the stat lane is turned off. */
  statMs: number | null
}

export type PollOutcome =
  | { ok: true; lane: Lane; at: number; nextPollAt: number | null }
  | { ok: false; lane: Lane; at: number; failure: Failure; consecutiveFailures: number; nextPollAt: number | null }

export interface PollerOptions {
  clock: Clock
  random: Random
  /** Read whenever a poll is scheduled, so settings changes apply at once (see `reschedule`). */
  intervals: () => LaneIntervals
  run: (lane: Lane) => Promise<void>
  onStart?: (lane: Lane) => void
  onOutcome?: (outcome: PollOutcome) => void
}

/** A server-given wait of 0 must not turn into a tight loop. */
const MIN_SERVER_WAIT_MS = 1000

export class Poller {
  readonly #o: PollerOptions
  #active = false
  #suspended = false
  #inFlight: Promise<void> | null = null
  #pending: Lane | null = null
  #pendingDone: { promise: Promise<void>; resolve: () => void } | null = null
  #due: { queue: number; stat: number | null } = { queue: 0, stat: null }
  #failures = 0
  /** Interval of the lane whose failure started the current streak: the backoff base. */
  #streakBaseMs = 0
  #retry: { at: number; lane: Lane } | null = null
  #timer: unknown = null
  #nextPollAt: number | null = null

  constructor(options: PollerOptions) {
    this.#o = options
  }

  get active(): boolean {
    return this.#active
  }
  get suspended(): boolean {
    return this.#suspended
  }
  get busy(): boolean {
    return this.#inFlight !== null
  }
  /** When the next scheduled poll fires, or null when none is scheduled. */
  get nextPollAt(): number | null {
    return this.#nextPollAt
  }
  get consecutiveFailures(): number {
    return this.#failures
  }

  /** Start (or restart after a 401 and a new key): a full poll at once, then the lanes. */
  start(): Promise<void> {
    this.#active = true
    this.#failures = 0
    this.#retry = null
    const now = this.#o.clock.now()
    const { statMs } = this.#o.intervals()
    this.#due = { queue: now, stat: statMs === null ? null : now + statMs }
    return this.request('queue')
  }

  /** Stop for good (sign-out, quit). A poll in flight finishes but schedules nothing. */
  stop(): void {
    this.#active = false
    this.#pending = null
    this.#clearTimer()
  }

  /** System suspend or screen lock: no timers until `resume`. */
  suspend(): void {
    this.#suspended = true
    this.#clearTimer()
  }

  /** Resume or unlock: poll the full queue at once (whatever backoff was pending). */
  resume(): Promise<void> {
    this.#suspended = false
    if (!this.#active) return Promise.resolve()
    this.#retry = null
    return this.request('queue')
  }

  /** Manual refresh: a full poll now, or right after the one in flight. */
  refresh(): Promise<void> {
    if (!this.#active) return Promise.resolve()
    return this.request('queue')
  }

  /** Intervals changed: pull due times in (never push them out) and re-arm the timer. */
  reschedule(): void {
    const now = this.#o.clock.now()
    const { queueMs, statMs } = this.#o.intervals()
    this.#due.queue = Math.min(this.#due.queue, now + queueMs)
    this.#due.stat = statMs === null ? null : Math.min(this.#due.stat ?? Number.POSITIVE_INFINITY, now + statMs)
    this.#schedule()
  }

  /** Run `lane` now, or coalesce it into the one poll that runs right after the current one. */
  request(lane: Lane): Promise<void> {
    if (!this.#inFlight) return this.#runNow(lane)
    this.#pending = this.#pending === 'queue' || lane === 'queue' ? 'queue' : 'stat'
    if (!this.#pendingDone) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => (resolve = r))
      this.#pendingDone = { promise, resolve }
    }
    return this.#pendingDone.promise
  }

  #runNow(lane: Lane): Promise<void> {
    this.#clearTimer()
    const flight = this.#execute(lane).finally(() => {
      this.#inFlight = null
      const next = this.#pending
      const done = this.#pendingDone
      this.#pending = null
      this.#pendingDone = null
      if (next && this.#active) {
        void this.#runNow(next).then(() => done?.resolve())
      } else {
        done?.resolve()
        this.#schedule()
      }
    })
    this.#inFlight = flight
    return flight
  }

  async #execute(lane: Lane): Promise<void> {
    const { clock } = this.#o
    this.#o.onStart?.(lane)
    try {
      await this.#o.run(lane)
    } catch (error) {
      this.#onFailure(lane, classifyFailure(error, clock.now()))
      return
    }
    const now = clock.now()
    const { queueMs, statMs } = this.#o.intervals()
    this.#failures = 0
    this.#retry = null
    // Any poll covers the stat lane; only a queue poll covers the whole queue.
    this.#due.stat = statMs === null ? null : now + statMs
    if (lane === 'queue') this.#due.queue = now + queueMs
    this.#o.onOutcome?.({ ok: true, lane, at: now, nextPollAt: this.#plannedAt() })
  }

  #onFailure(lane: Lane, failure: Failure): void {
    const now = this.#o.clock.now()
    this.#failures += 1
    if (failure.fatal) {
      // 401: polling again with the same key cannot succeed; wait for a new key (start()).
      this.#active = false
      this.#retry = null
      this.#pending = null
      this.#o.onOutcome?.({ ok: false, lane, at: now, failure, consecutiveFailures: this.#failures, nextPollAt: null })
      return
    }
    const { queueMs, statMs } = this.#o.intervals()
    if (this.#failures === 1) this.#streakBaseMs = lane === 'stat' && statMs !== null ? statMs : queueMs
    const delay =
      failure.retryAfterMs !== null
        ? Math.max(failure.retryAfterMs, MIN_SERVER_WAIT_MS)
        : backoffDelay(this.#failures, this.#streakBaseMs, this.#o.random)
    this.#retry = { at: now + delay, lane }
    this.#o.onOutcome?.({ ok: false, lane, at: now, failure, consecutiveFailures: this.#failures, nextPollAt: this.#plannedAt() })
  }

  /** The time and lane of the next poll, given due times and any backoff in force. */
  #plan(): { at: number; lane: Lane } | null {
    if (!this.#active || this.#suspended) return null
    // During backoff every lane waits: polling the stat lane into an outage helps nobody.
    if (this.#retry) return this.#retry
    const { queue, stat } = this.#due
    if (stat !== null && stat < queue) return { at: stat, lane: 'stat' }
    return { at: queue, lane: 'queue' }
  }

  #plannedAt(): number | null {
    return this.#plan()?.at ?? null
  }

  #schedule(): void {
    this.#clearTimer()
    if (this.#inFlight) return
    const plan = this.#plan()
    if (!plan) return
    const { clock } = this.#o
    this.#nextPollAt = plan.at
    this.#timer = clock.setTimeout(
      () => {
        this.#timer = null
        this.#nextPollAt = null
        // The queue lane wins whenever it is due (also for a retry after an outage: a full refresh).
        const lane = clock.now() >= this.#due.queue ? 'queue' : plan.lane
        void this.request(lane)
      },
      Math.max(0, plan.at - clock.now())
    )
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer)
    this.#timer = null
    this.#nextPollAt = null
  }
}
