/**
 * When one poll lane runs: its own schedule, its own backoff, its own in-flight guard. Two
 * schedulers (queue, stat) run side by side in an account session and never wait on each other;
 * a shared `notBefore` gate carries the server's own wait (429), which binds the whole account.
 * All due times are monotonic (`clock.monotonic()`), so a wall-clock step never moves a poll.
 * It knows nothing of the API: `run()` does the work and throws on failure.
 */
import { backoffDelay } from './backoff'
import { classifyFailure, type Failure } from './failures'
import type { Clock, Random } from './ports'

/** `queue` reads the whole queue; `stat` is the small, frequent one (stat studies and the pool). */
export type Lane = 'queue' | 'stat'

export type LaneOutcome =
  | { ok: true; lane: Lane; recovered: boolean }
  | { ok: false; lane: Lane; failure: Failure; consecutiveFailures: number }

export interface LaneSchedulerOptions {
  lane: Lane
  clock: Clock
  random: Random
  /** Read whenever a poll is planned, so settings apply at once; null turns the lane off. */
  intervalMs: () => number | null
  backoffCapMs: number
  run: () => Promise<void>
  onOutcome: (outcome: LaneOutcome) => void
  /** Earliest monotonic time any request of the account may go (the server's 429 wait). */
  notBefore?: () => number
}

/** A server-given wait of 0 must not turn into a tight loop. */
export const MIN_SERVER_WAIT_MS = 1000

export class LaneScheduler {
  readonly #o: LaneSchedulerOptions
  #active = false
  #suspended = false
  #inFlight: Promise<void> | null = null
  /** A poll asked for while one ran: it runs right after, and these resolve when it is done. */
  #again: { promise: Promise<void>; resolve: () => void } | null = null
  #dueAt: number | null = null
  #failures = 0
  #timer: unknown = null

  constructor(options: LaneSchedulerOptions) {
    this.#o = options
  }

  get lane(): Lane {
    return this.#o.lane
  }
  get active(): boolean {
    return this.#active
  }
  get busy(): boolean {
    return this.#inFlight !== null
  }
  get consecutiveFailures(): number {
    return this.#failures
  }
  /** Monotonic time of the next planned poll, or null (off, stopped, suspended, or polling now). */
  get nextPollAt(): number | null {
    if (!this.#active || this.#suspended || this.#dueAt === null || this.#o.intervalMs() === null) return null
    return Math.max(this.#dueAt, this.#o.notBefore?.() ?? 0)
  }

  /**
   * Start (or restart): the first poll after `offsetMs` (at once by default), then every interval.
   * An offset spreads several accounts' polls (poll-spread.ts).
   */
  start(offsetMs = 0): Promise<void> {
    this.#active = true
    this.#failures = 0
    this.#dueAt = this.#o.clock.monotonic() + offsetMs
    if (this.#o.intervalMs() === null) return Promise.resolve()
    if (offsetMs > 0) {
      this.#schedule()
      return Promise.resolve()
    }
    return this.pollNow()
  }

  /** Stop for good (sign-out, 401, quit). A poll in flight finishes but plans nothing. */
  stop(): void {
    this.#active = false
    this.#again?.resolve()
    this.#again = null
    this.#clearTimer()
  }

  /** System suspend or screen lock: no timers until `resume`. */
  suspend(): void {
    this.#suspended = true
    this.#clearTimer()
  }

  /** Resume or unlock: poll at once (or after `offsetMs`, spread like `start`), whatever backoff was pending. */
  resume(offsetMs = 0): Promise<void> {
    this.#suspended = false
    if (!this.#active || this.#o.intervalMs() === null) return Promise.resolve()
    if (offsetMs > 0) {
      this.#failures = 0
      this.#dueAt = this.#o.clock.monotonic() + offsetMs
      this.#schedule()
      return Promise.resolve()
    }
    return this.pollNow()
  }

  /** A poll now, or right after the one in flight (requests while one runs coalesce into one). */
  pollNow(): Promise<void> {
    if (!this.#active) return Promise.resolve()
    if (!this.#inFlight) return this.#runNow()
    if (!this.#again) {
      let resolve!: () => void
      const promise = new Promise<void>((r) => (resolve = r))
      this.#again = { promise, resolve }
    }
    return this.#again.promise
  }

  /** The account is reachable again (the other lane recovered): end this lane's backoff now. */
  retryNow(): void {
    if (this.#active && !this.#suspended && this.#failures > 0 && !this.#inFlight && this.#o.intervalMs() !== null) void this.pollNow()
  }

  /** The interval or the shared gate changed: pull the due time in (never push it out) and re-arm. */
  reschedule(): void {
    const interval = this.#o.intervalMs()
    if (interval !== null && this.#failures === 0) {
      const now = this.#o.clock.monotonic()
      this.#dueAt = Math.min(this.#dueAt ?? now + interval, now + interval)
    }
    this.#schedule()
  }

  #runNow(): Promise<void> {
    this.#clearTimer()
    const flight = this.#execute().finally(() => {
      this.#inFlight = null
      const again = this.#again
      this.#again = null
      if (again && this.#active) void this.#runNow().then(() => again.resolve())
      else {
        again?.resolve()
        this.#schedule()
      }
    })
    this.#inFlight = flight
    return flight
  }

  async #execute(): Promise<void> {
    const { clock } = this.#o
    try {
      await this.#o.run()
    } catch (error) {
      this.#onFailure(classifyFailure(error, clock.now()))
      return
    }
    const recovered = this.#failures > 0
    this.#failures = 0
    const interval = this.#o.intervalMs()
    this.#dueAt = interval === null ? null : clock.monotonic() + interval
    this.#o.onOutcome({ ok: true, lane: this.#o.lane, recovered })
  }

  #onFailure(failure: Failure): void {
    this.#failures += 1
    if (failure.fatal) {
      // 401: polling again with the same key cannot succeed; the session re-probes the key.
      this.#active = false
      this.#o.onOutcome({ ok: false, lane: this.#o.lane, failure, consecutiveFailures: this.#failures })
      return
    }
    const base = this.#o.intervalMs() ?? this.#o.backoffCapMs
    const delay =
      failure.retryAfterMs !== null
        ? Math.max(failure.retryAfterMs, MIN_SERVER_WAIT_MS)
        : backoffDelay(this.#failures, base, this.#o.random, this.#o.backoffCapMs)
    this.#dueAt = this.#o.clock.monotonic() + delay
    this.#o.onOutcome({ ok: false, lane: this.#o.lane, failure, consecutiveFailures: this.#failures })
  }

  #schedule(): void {
    this.#clearTimer()
    if (this.#inFlight) return
    const at = this.nextPollAt
    if (at === null) return
    const { clock } = this.#o
    this.#timer = clock.setTimeout(() => {
      this.#timer = null
      void this.pollNow()
    }, Math.max(0, at - clock.monotonic()))
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer)
    this.#timer = null
  }
}
