import { describe, expect, it } from 'vitest'
import { APIConnectionError, AuthenticationError, InternalServerError, RateLimitError } from '@shared/avara/errors'
import { LaneScheduler, type Lane, type LaneOutcome } from '@main/engine/lane-scheduler'
import { BACKOFF_CAP_MS, STAT_BACKOFF_CAP_MS } from '@main/engine/backoff'
import { ManualClock, flush } from './helpers'

/** One lane on a manual clock; the work is a stub that records each run and fails or hangs on demand. */
function lane(name: Lane, intervalMs: number | null, options: { clock?: ManualClock; random?: () => number; capMs?: number; notBefore?: () => number } = {}) {
  const clock = options.clock ?? new ManualClock()
  const t0 = clock.monotonic()
  const runs: number[] = []
  const outcomes: LaneOutcome[] = []
  let failWith: (() => unknown) | null = null
  let gate: Promise<void> | null = null
  const interval = { ms: intervalMs }
  const scheduler = new LaneScheduler({
    lane: name,
    clock,
    random: options.random ?? (() => 0),
    intervalMs: () => interval.ms,
    backoffCapMs: options.capMs ?? (name === 'stat' ? STAT_BACKOFF_CAP_MS : BACKOFF_CAP_MS),
    notBefore: options.notBefore,
    run: async () => {
      runs.push(clock.monotonic() - t0)
      if (gate) await gate
      const error = failWith?.()
      if (error) throw error
    },
    onOutcome: (o) => outcomes.push(o)
  })
  return {
    clock,
    scheduler,
    runs,
    outcomes,
    interval,
    gaps: () => runs.slice(1).map((t, i) => t - runs[i]!),
    failWith: (f: (() => unknown) | null) => (failWith = f),
    hold: () => {
      let release!: () => void
      gate = new Promise((r) => (release = r))
      return () => {
        gate = null
        release()
      }
    }
  }
}

const serverError = () => new InternalServerError(503, { message: 'down' }, undefined, new Headers())

describe('LaneScheduler', () => {
  it('polls at start, then every interval', async () => {
    const h = lane('queue', 30_000)
    await h.scheduler.start()
    await h.clock.advance(60_000)
    expect(h.runs).toEqual([0, 30_000, 60_000])
  })

  it('does nothing while its interval is null (the stat lane turned off), and starts when it is set', async () => {
    const h = lane('stat', null)
    await h.scheduler.start()
    await h.clock.advance(60_000)
    expect(h.runs).toEqual([])
    h.interval.ms = 5000
    h.scheduler.reschedule()
    await h.clock.advance(10_000)
    expect(h.runs.length).toBeGreaterThanOrEqual(2)
  })

  it('never runs two polls at once and coalesces requests into one follow-up poll', async () => {
    const h = lane('queue', 30_000)
    const release = h.hold()
    const first = h.scheduler.start()
    await flush()
    const a = h.scheduler.pollNow()
    const b = h.scheduler.pollNow()
    expect(h.runs).toHaveLength(1)
    release()
    await Promise.all([first, a, b])
    expect(h.runs).toHaveLength(2)
  })

  it('stat lane: backs off from its interval up to 30 s, and is back to its interval after one success', async () => {
    const h = lane('stat', 5000)
    await h.scheduler.start()
    h.failWith(serverError)
    await h.clock.advance(5 * 60_000)
    expect(h.gaps().slice(0, 6)).toEqual([5000, 5000, 10_000, 20_000, 30_000, 30_000])
    expect(Math.max(...h.gaps())).toBe(STAT_BACKOFF_CAP_MS)
    h.failWith(null)
    const n = h.runs.length
    await h.clock.advance(STAT_BACKOFF_CAP_MS + 5000)
    expect(h.outcomes[n]).toMatchObject({ ok: true, recovered: true })
    expect(h.runs[n + 1]! - h.runs[n]!).toBe(5000)
  })

  it('queue lane: backs off up to 5 minutes', async () => {
    const h = lane('queue', 30_000)
    h.failWith(serverError)
    await h.scheduler.start()
    await h.clock.advance(30 * 60_000)
    expect(h.gaps().slice(0, 5)).toEqual([30_000, 60_000, 120_000, 240_000, BACKOFF_CAP_MS])
    const last = h.outcomes.at(-1)!
    expect(last.ok === false && last.failure.kind).toBe('server-error')
  })

  it('keeps jitter inside its bounds (it only shortens)', async () => {
    for (const r of [0, 0.5, 0.99]) {
      const h = lane('queue', 30_000, { random: () => r })
      h.failWith(() => new APIConnectionError())
      await h.scheduler.start()
      await h.clock.advance(10 * 60_000)
      expect(h.gaps()[0]).toBeGreaterThanOrEqual(0.75 * 30_000)
      expect(h.gaps()[0]).toBeLessThanOrEqual(30_000)
      for (const g of h.gaps()) expect(g).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    }
  })

  it("honours the server's retry-after on 429, and a shared gate holds it too", async () => {
    let gate = 0
    const h = lane('stat', 5000, { notBefore: () => gate })
    await h.scheduler.start()
    let once = true
    h.failWith(() => {
      if (!once) return null
      once = false
      return new RateLimitError(429, { message: 'slow' }, undefined, new Headers({ 'retry-after': '42' }))
    })
    await h.clock.advance(5000)
    expect(h.scheduler.nextPollAt! - h.clock.monotonic()).toBe(42_000)
    // Another lane's 429 pushes the shared gate further: this lane waits for it as well.
    gate = h.clock.monotonic() + 50_000
    h.scheduler.reschedule()
    await h.clock.advance(49_999)
    expect(h.runs).toEqual([0, 5000])
    await h.clock.advance(1)
    expect(h.runs).toEqual([0, 5000, 55_000])
  })

  it('stops on a 401 and reports it as fatal (the session re-probes the key)', async () => {
    const h = lane('stat', 5000)
    await h.scheduler.start()
    h.failWith(() => new AuthenticationError(401, { message: 'bad key' }, undefined, new Headers()))
    await h.clock.advance(5000)
    const last = h.outcomes.at(-1)!
    expect(last.ok === false && last.failure.fatal && last.failure.kind).toBe('key-rejected')
    await h.clock.advance(30 * 60_000)
    expect(h.runs).toEqual([0, 5000])
    expect(h.scheduler.active).toBe(false)
    h.failWith(null)
    await h.scheduler.start()
    expect(h.runs).toHaveLength(3)
  })

  it('stops for good: nothing runs after stop()', async () => {
    const h = lane('stat', 5000)
    await h.scheduler.start()
    h.scheduler.stop()
    await h.clock.advance(60_000)
    expect(h.runs).toEqual([0])
    expect(h.clock.pending()).toEqual([])
  })

  it('suspends (no timers) and polls at once on resume', async () => {
    const h = lane('stat', 5000)
    await h.scheduler.start()
    h.scheduler.suspend()
    expect(h.clock.pending()).toEqual([])
    await h.clock.advance(10 * 60_000)
    await h.scheduler.resume()
    expect(h.runs).toEqual([0, 10 * 60_000])
    await h.clock.advance(5000)
    expect(h.runs.at(-1)).toBe(10 * 60_000 + 5000)
  })

  it('retryNow ends a backoff at once, and does nothing to a healthy lane', async () => {
    const h = lane('queue', 30_000)
    h.failWith(serverError)
    await h.scheduler.start()
    await h.clock.advance(30_000)
    expect(h.runs).toEqual([0, 30_000])
    h.failWith(null)
    await h.clock.advance(1000)
    h.scheduler.retryNow()
    await flush()
    expect(h.runs).toEqual([0, 30_000, 31_000])
    h.scheduler.retryNow()
    await flush()
    expect(h.runs).toHaveLength(3)
  })

  it('pulls the next poll in when the interval shrinks', async () => {
    const h = lane('stat', 5000)
    await h.scheduler.start()
    await h.clock.advance(1000)
    h.interval.ms = 2000
    h.scheduler.reschedule()
    await h.clock.advance(2000)
    expect(h.runs).toEqual([0, 3000])
  })

  it('keeps its rhythm when the wall clock steps an hour back or forward (due times are monotonic)', async () => {
    const h = lane('queue', 30_000)
    await h.scheduler.start()
    await h.clock.advance(10_000)
    h.clock.stepWall(-60 * 60_000)
    await h.clock.advance(50_000)
    h.clock.stepWall(+2 * 60 * 60_000)
    await h.clock.advance(30_000)
    expect(h.runs).toEqual([0, 30_000, 60_000, 90_000])
  })
})

describe('two lanes side by side', () => {
  it('a hanging queue poll never delays the stat lane, and a failing one never backs it off', async () => {
    const clock = new ManualClock()
    const queue = lane('queue', 30_000, { clock })
    const stat = lane('stat', 5000, { clock })
    queue.hold() // the first queue poll never returns
    void queue.scheduler.start()
    await stat.scheduler.start()
    await clock.advance(60_000)
    expect(stat.runs).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000])
    expect(queue.runs).toEqual([0])

    const clock2 = new ManualClock()
    const failing = lane('queue', 30_000, { clock: clock2 })
    const stat2 = lane('stat', 5000, { clock: clock2 })
    failing.failWith(serverError)
    await failing.scheduler.start()
    await stat2.scheduler.start()
    await clock2.advance(120_000)
    expect(stat2.gaps().every((g) => g === 5000)).toBe(true)
    expect(stat2.runs).toHaveLength(25)
  })
})
