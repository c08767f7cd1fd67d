import { describe, expect, it } from 'vitest'
import { SORT_AGAIN_AT, WorkQueue } from '@main/engine/work-queue'
import { orderStudies } from '@main/engine/queue'
import { ME, OTHER, study } from './helpers'

const A = 'account-a'
const B = 'account-b'
const NOW = Date.UTC(2026, 0, 1, 8, 0, 0)
const noLookups = new Map()

function full(queue: WorkQueue, account: string, list: ReturnType<typeof study>[], seq = queue.beginObservation(), resolved = noLookups) {
  return queue.mergeFullList(account, { list, resolved, seq, userId: ME }, NOW, 0)
}
function stat(queue: WorkQueue, account: string, list: ReturnType<typeof study>[], seq = queue.beginObservation(), resolved = noLookups, complete = true) {
  return queue.mergeStatList(account, { list, complete, resolved, seq, userId: ME }, NOW, 0)
}
const ids = (queue: WorkQueue, account: string) => queue.ordered(account).mine.map((s) => s.studyId)

describe('WorkQueue', () => {
  it('orders and counts the merged queue (stat > high > normal, unknown severities with normal)', () => {
    const q = new WorkQueue()
    const n = study({ n: 1, severity: 'normal' })
    const s = study({ n: 2, severity: 'stat' })
    const h = study({ n: 3, severity: 'high' })
    const u = study({ n: 4, severity: 'critical-ish' as never })
    full(q, A, [n, s, h, u])
    expect(ids(q, A)).toEqual([s.studyId, h.studyId, n.studyId, u.studyId])
    expect(q.counts(A)).toEqual({ stat: 1, high: 1, normal: 2 })
  })

  it('keeps accounts apart: the same study ID in two accounts is two studies', () => {
    const q = new WorkQueue()
    const s = study({ n: 7, severity: 'stat' })
    full(q, A, [s])
    full(q, B, [{ ...s, severity: 'normal' }])
    expect(q.find(A, s.studyId)?.severity).toBe('stat')
    expect(q.find(B, s.studyId)?.severity).toBe('normal')
    full(q, A, [])
    expect(q.has(A, s.studyId)).toBe(false)
    expect(q.has(B, s.studyId)).toBe(true)
  })

  it('a queue result that started before a stat result never overwrites or resurrects what the stat lane saw', () => {
    const q = new WorkQueue()
    const old = study({ n: 10, severity: 'normal' })
    const gone = study({ n: 11, severity: 'stat' })
    full(q, A, [old, gone])
    const queueSeq = q.beginObservation() // the slow full poll starts here…
    const escalated = { ...old, severity: 'stat' as const, updatedAt: '2026-01-01T08:00:01Z' }
    const fresh = study({ n: 12, severity: 'stat' })
    const completedGone = { ...gone, studyViewerStatus: 'complete' as const }
    // …a stat poll starts later, finishes first: escalation, a new stat study, a completion.
    const events = stat(q, A, [escalated, fresh], q.beginObservation(), new Map([[gone.studyId, completedGone]])).events
    expect(events.map((e) => `${e.kind}:${e.study.studyId}`).sort()).toEqual(
      [`escalated:${old.studyId}`, `arrived:${fresh.studyId}`, `completed:${gone.studyId}`].sort()
    )
    // The slow full list still has the old versions and misses the new study.
    expect(q.missingFromFullList(A, [old, gone], queueSeq)).toEqual([])
    const late = full(q, A, [old, gone], queueSeq)
    expect(late.events).toEqual([])
    expect(q.find(A, old.studyId)?.severity).toBe('stat')
    expect(q.has(A, fresh.studyId)).toBe(true)
    expect(q.has(A, gone.studyId)).toBe(false)
    // A later full list may bring the completed study back (it was reopened).
    full(q, A, [escalated, fresh, gone])
    expect(q.has(A, gone.studyId)).toBe(true)
  })

  it('a stat study that left a complete stat page is looked up: downgraded stays, unresolved stays, completed goes to closed', () => {
    const q = new WorkQueue()
    const down = study({ n: 20, severity: 'stat' })
    const unknown = study({ n: 21, severity: 'stat' })
    const done = study({ n: 22, severity: 'stat' })
    full(q, A, [down, unknown, done])
    expect(q.missingFromStatList(A, [], true, q.beginObservation()).map((s) => s.studyId)).toEqual([down.studyId, unknown.studyId, done.studyId])
    expect(q.missingFromStatList(A, [], false, q.beginObservation())).toEqual([])
    const resolved = new Map([
      [down.studyId, { ...down, severity: 'normal' as const }],
      [done.studyId, { ...done, studyViewerStatus: 'complete' as const }]
    ])
    const events = stat(q, A, [], q.beginObservation(), resolved).events
    expect(events.map((e) => e.kind).sort()).toEqual(['completed', 'downgraded'])
    expect(ids(q, A).sort()).toEqual([down.studyId, unknown.studyId].sort())
    expect(q.closed(A).map((c) => [c.study.studyId, c.reason])).toEqual([[done.studyId, 'completed']])
  })

  it('a full list removes studies that left and are no longer the identity’s, keeping those still queued', () => {
    const q = new WorkQueue()
    const moved = study({ n: 30 })
    const raced = study({ n: 31 })
    full(q, A, [moved, raced])
    const resolved = new Map([
      [moved.studyId, { ...moved, assignedTo: { userId: OTHER, email: 'o@example.org' } }],
      [raced.studyId, raced]
    ])
    const events = full(q, A, [], q.beginObservation(), resolved).events
    expect(events.map((e) => e.kind)).toEqual(['reassignedAway'])
    expect(ids(q, A)).toEqual([raced.studyId])
  })

  it('the pool is replaced by the newest observation only, and reports arrivals and escalations', () => {
    const q = new WorkQueue()
    const p1 = study({ n: 40, severity: 'stat', assignedTo: null })
    const older = q.beginObservation()
    const newer = q.beginObservation()
    expect(q.mergePool(A, [p1], newer, NOW, 0).map((e) => e.kind)).toEqual(['arrived'])
    expect(q.mergePool(A, [], older, NOW, 0)).toEqual([])
    expect(q.ordered(A).pool.map((s) => s.studyId)).toEqual([p1.studyId])
  })

  it('turns stale two queue intervals after the last merge (monotonic), and a cached queue counts its age', () => {
    const q = new WorkQueue()
    q.mergeFullList(A, { list: [], resolved: noLookups, seq: q.beginObservation(), userId: ME }, NOW, 1000)
    expect(q.isStale(A, 30_000, 61_000)).toBe(false)
    expect(q.isStale(A, 30_000, 61_001)).toBe(true)
    q.loadCached(B, { mine: [study({ n: 50 })], statPool: [], fetchedAt: NOW - 50_000 }, NOW, 100_000)
    expect(q.fromCache(B)).toBe(true)
    expect(q.isStale(B, 30_000, 100_000 + 10_001)).toBe(true)
  })

  it('a page is kept with the queue\'s own object for each study it holds unchanged, and merging it gives what merging the parsed page gives', () => {
    const parsed = () => [
      study({ n: 60, severity: 'normal' }),
      study({ n: 61, severity: 'high' }),
      study({ n: 62, severity: 'stat' })
    ]
    const viaParsed = new WorkQueue()
    const viaHeld = new WorkQueue()
    full(viaParsed, A, parsed())
    full(viaHeld, A, parsed())
    const held = viaHeld.ordered(A).mine.slice()
    // The next poll: fresh copies, one changed (a new updatedAt), one arrived, one gone.
    const next = () => {
      const [unchanged, changed] = parsed()
      return [unchanged!, { ...changed!, studyDescription: 'Changed', updatedAt: '2026-01-01T09:00:00Z' }, study({ n: 63, severity: 'stat' })]
    }
    const page = viaHeld.heldVersions(A, next())
    const heldUnchanged = held.find((s) => s.studyId === page[0]!.studyId)
    expect(page[0]).toBe(heldUnchanged)
    expect(held).not.toContain(page[1])
    expect(held).not.toContain(page[2])
    expect(viaHeld.heldVersions(B, next())).toHaveLength(3) // an account the queue does not hold yet: the page as parsed

    const summary = (result: ReturnType<typeof full>) => result.events.map((e) => `${e.kind}:${e.study.studyId}`)
    expect(summary(full(viaHeld, A, page))).toEqual(summary(full(viaParsed, A, next())))
    expect(viaHeld.ordered(A).mine).toEqual(viaParsed.ordered(A).mine)
    expect(viaHeld.ordered(A).mine).toContain(heldUnchanged)
  })

  it('orders a merge of many changes (sorted again) the same as one of a few (moved one by one), with the same counts', () => {
    const q = new WorkQueue()
    const severities = ['stat', 'high', 'normal'] as const
    const many = Array.from({ length: SORT_AGAIN_AT + 500 }, (_, i) =>
      study({ n: 1000 + i, severity: severities[(i * 7) % 3]!, createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 997) * 60_000).toISOString() })
    )
    full(q, A, many)
    expect(ids(q, A)).toEqual(orderStudies(many).map((s) => s.studyId))
    // A few changes on top are moved into place one by one.
    const few = many.slice(10).concat(study({ n: 99_999, severity: 'stat' }))
    full(q, A, few, undefined, new Map(many.slice(0, 10).map((s) => [s.studyId, null])))
    expect(ids(q, A)).toEqual(orderStudies(few).map((s) => s.studyId))
    expect(q.counts(A)).toEqual({
      stat: few.filter((s) => s.severity === 'stat').length,
      high: few.filter((s) => s.severity === 'high').length,
      normal: few.filter((s) => s.severity === 'normal').length
    })
  })
})
