import { describe, expect, it } from 'vitest'
import { APIConnectionError, AuthenticationError, InternalServerError, RateLimitError } from '@shared/avara/errors'
import { Poller, type Lane, type LaneIntervals, type PollOutcome } from '@main/engine/poller'
import { BACKOFF_CAP_MS } from '@main/engine/backoff'
import { ManualClock, flush } from './helpers'

/** A schedule-only stub of the work: records each run and fails on demand. */
function harness(intervals: LaneIntervals = { queueMs: 30_000, statMs: 5_000 }, random = () => 0) {
  const clock = new ManualClock()
  const t0 = clock.now()
  const runs: Array<{ lane: Lane; at: number }> = []
  const outcomes: PollOutcome[] = []
  let failWith: (() => unknown) | null = null
  let gate: Promise<void> | null = null
  const current = { ...intervals }
  const poller = new Poller({
    clock,
    random,
    intervals: () => current,
    run: async (lane) => {
      runs.push({ lane, at: clock.now() - t0 })
      if (gate) await gate
      if (failWith) throw failWith()
    },
    onOutcome: (o) => outcomes.push(o)
  })
  return {
    clock,
    poller,
    runs,
    outcomes,
    intervals: current,
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

describe('Poller schedules', () => {
  it('polls the queue at start, the stat lane every 5 s and the queue every 30 s', async () => {
    const h = harness()
    await h.poller.start()
    await h.clock.advance(60_000)
    const queueAt = h.runs.filter((r) => r.lane === 'queue').map((r) => r.at)
    const statAt = h.runs.filter((r) => r.lane === 'stat').map((r) => r.at)
    expect(queueAt).toEqual([0, 30_000, 60_000])
    expect(statAt).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 35_000, 40_000, 45_000, 50_000, 55_000])
  })

  it('runs only the queue lane when the stat lane is off', async () => {
    const h = harness({ queueMs: 10_000, statMs: null })
    await h.poller.start()
    await h.clock.advance(30_000)
    expect(h.runs.map((r) => `${r.lane}@${r.at}`)).toEqual(['queue@0', 'queue@10000', 'queue@20000', 'queue@30000'])
  })

  it('never runs two polls at once and coalesces requests into one follow-up poll', async () => {
    const h = harness()
    const release = h.hold()
    const first = h.poller.start()
    await flush()
    const a = h.poller.refresh()
    const b = h.poller.refresh()
    const c = h.poller.request('stat')
    expect(h.runs).toHaveLength(1)
    release()
    await Promise.all([first, a, b, c])
    expect(h.runs.map((r) => r.lane)).toEqual(['queue', 'queue'])
  })

  it('backs off exponentially from the lane interval up to the cap, then recovers', async () => {
    const h = harness()
    await h.poller.start()
    h.failWith(serverError)
    await h.clock.advance(5000) // the first stat poll fails
    const failuresAt = () => h.runs.map((r) => r.at)
    await h.clock.advance(20 * 60_000)
    const times = failuresAt().slice(1)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps.slice(0, 6)).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000])
    expect(Math.max(...gaps)).toBe(BACKOFF_CAP_MS)
    const last = h.outcomes.at(-1)!
    expect(last.ok === false && last.failure.kind).toBe('server-error')
    h.failWith(null)
    const lastFailure = h.runs.length
    const lastFailureAt = h.runs.at(-1)!.at
    await h.clock.advance(BACKOFF_CAP_MS + 10_000)
    const recovered = h.runs[lastFailure]!
    expect(recovered.at - lastFailureAt).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    expect(h.outcomes[lastFailure]!.ok).toBe(true)
    // Back to the normal rhythm: the stat lane every 5 s.
    const next = h.runs[lastFailure + 1]!
    expect(next).toEqual({ lane: 'stat', at: recovered.at + 5000 })
  })

  it('keeps jitter inside its bounds', async () => {
    for (const r of [0, 0.5, 0.99]) {
      const h = harness({ queueMs: 30_000, statMs: null }, () => r)
      h.failWith(() => new APIConnectionError())
      await h.poller.start()
      await h.clock.advance(10 * 60_000)
      const gaps = h.runs.slice(1).map((x, i) => x.at - h.runs[i]!.at)
      expect(gaps[0]).toBeGreaterThanOrEqual(0.75 * 30_000)
      expect(gaps[0]).toBeLessThanOrEqual(30_000)
      for (const g of gaps) expect(g).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    }
  })

  it('honours retry-after on 429', async () => {
    const h = harness()
    await h.poller.start()
    let once = true
    h.failWith(() => {
      if (!once) return null
      once = false
      return new RateLimitError(429, { message: 'slow' }, undefined, new Headers({ 'retry-after': '42' }))
    })
    await h.clock.advance(5000)
    h.failWith(null)
    const failedAt = h.runs.at(-1)!.at
    const outcome = h.outcomes.at(-1)!
    expect(outcome.ok === false && outcome.failure.kind).toBe('rate-limited')
    expect(outcome.nextPollAt! - outcome.at).toBe(42_000)
    await h.clock.advance(41_999)
    expect(h.runs.at(-1)!.at).toBe(failedAt)
    await h.clock.advance(1)
    expect(h.runs.at(-1)!.at).toBe(failedAt + 42_000)
  })

  it('stops on 401 until started again', async () => {
    const h = harness()
    await h.poller.start()
    h.failWith(() => new AuthenticationError(401, { message: 'bad key' }, undefined, new Headers()))
    await h.clock.advance(5000)
    const n = h.runs.length
    await h.clock.advance(30 * 60_000)
    expect(h.runs.length).toBe(n)
    expect(h.poller.active).toBe(false)
    expect(h.clock.pending()).toEqual([])
    const last = h.outcomes.at(-1)!
    expect(last.ok === false && last.failure.kind).toBe('key-rejected')
    h.failWith(null)
    await h.poller.start()
    expect(h.runs.length).toBe(n + 1)
  })

  it('suspends (no timers) and polls at once on resume', async () => {
    const h = harness()
    await h.poller.start()
    h.poller.suspend()
    expect(h.clock.pending()).toEqual([])
    await h.clock.advance(10 * 60_000)
    expect(h.runs).toHaveLength(1)
    await h.poller.resume()
    expect(h.runs.map((r) => `${r.lane}@${r.at}`)).toEqual(['queue@0', `queue@${10 * 60_000}`])
    await h.clock.advance(5000)
    expect(h.runs.at(-1)).toEqual({ lane: 'stat', at: 10 * 60_000 + 5000 })
  })

  it('pulls the next poll in when an interval shrinks', async () => {
    const h = harness()
    await h.poller.start()
    await h.clock.advance(1000)
    h.intervals.statMs = 2000
    h.poller.reschedule()
    await h.clock.advance(2000)
    // Due at 1 s + 2 s instead of 5 s.
    expect(h.runs.at(-1)).toEqual({ lane: 'stat', at: 3000 })
  })
})
