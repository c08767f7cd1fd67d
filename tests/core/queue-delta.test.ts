/**
 * The delta builder (src/main/engine/queue-delta-builder.ts) and the page's apply
 * (src/shared/ipc/queue-delta.ts): an upsert, a removal, a reorder and the counts, and a property
 * test that applying the built change to the old list always gives the new one, in the engine's
 * order, without the page sorting.
 */
import { studyKey } from '@shared/ipc/accounts'
import { describe, expect, it } from 'vitest'
import type { QueueSnapshot, QueueStudy, Study } from '@shared/ipc/contract'
import { applyListChange, applyListEdit, applyQueueDelta, type QueueDelta } from '@shared/ipc/queue-delta'
import { buildListChange, buildQueueChange, type QueueView } from '@main/engine/queue-delta-builder'
import { orderStudies } from '@main/engine/queue'
import { study as apiStudy } from './helpers'

/** A queue row of the first account (the delta keys rows by account and study). */
const study = (over: Parameters<typeof apiStudy>[0] = {}): QueueStudy => ({ ...apiStudy(over), accountId: 'primary' })

const ids = (list: readonly Study[]) => list.map((s) => s.studyId)

function view(mine: QueueStudy[], extra: Partial<QueueView> = {}): QueueView {
  return { mine, statPool: [], closed: [], alerts: {}, fetchedAt: null, fromCache: false, counts: { stat: 0, high: 0, normal: mine.length }, ...extra }
}

describe('buildListChange', () => {
  const a = study({ severity: 'stat', createdAt: '2026-01-01T08:00:00Z' })
  const b = study({ severity: 'high', createdAt: '2026-01-01T08:00:00Z' })
  const c = study({ severity: 'normal', createdAt: '2026-01-01T08:00:00Z' })

  it('is null when nothing changed (same objects, same order)', () => {
    expect(buildListChange([a, b, c], [a, b, c])).toBeNull()
  })

  it('upserts an arrival at its index and only it', () => {
    const d = study({ severity: 'high', createdAt: '2026-01-01T07:00:00Z' })
    const change = buildListChange([a, b, c], [a, d, b, c])!
    expect(change).toEqual({ upserts: [{ key: studyKey(d), index: 1, study: d }], removals: [], length: 4 })
  })

  it('removes a study that left, and sends nothing else', () => {
    expect(buildListChange([a, b, c], [a, c])).toEqual({ upserts: [], removals: [studyKey(b)], length: 2 })
  })

  it('upserts a changed study (a new object) in place, and moves it when its severity moved it', () => {
    const b2 = { ...b, updatedAt: '2026-01-01T09:00:00Z' }
    expect(buildListChange([a, b, c], [a, b2, c])!.upserts).toEqual([{ key: studyKey(b), index: 1, study: b2 }])
    const c2 = { ...c, severity: 'stat' as const }
    const change = buildListChange([a, b, c], [a, c2, b])!
    expect(change.upserts.map((u) => [u.key, u.index])).toEqual([[studyKey(c), 1]])
    expect(applyListChange([a, b, c], change)).toEqual([a, c2, b])
  })

  it.each([Infinity, 0])('handles a reorder of unchanged objects (moved studies are upserted; walk up to %s edits)', (maxWalkedEdits) => {
    const change = buildListChange([a, b, c], [c, a, b], maxWalkedEdits)!
    expect(change.removals).toEqual([])
    expect(applyListChange([a, b, c], change)).toEqual([c, a, b])
    expect(change.upserts.length).toBeLessThan(3)
  })

  it('sends only what changed in a queue of 10,000, whichever way the kept studies are found', () => {
    const list = orderStudies(Array.from({ length: 10_000 }, (_, i) => study({ createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() })))
    const next = list.slice()
    const changed = { ...next[5000]!, updatedAt: '2026-02-01T00:00:00Z' }
    next[5000] = changed
    const arrival = study({ severity: 'stat' })
    next.unshift(arrival)
    next.splice(9000, 1)
    for (const maxWalkedEdits of [Infinity, 0]) {
      const change = buildListChange(list, next, maxWalkedEdits)!
      expect(change.upserts).toEqual([
        { key: studyKey(arrival), index: 0, study: arrival },
        { key: studyKey(changed), index: 5001, study: changed }
      ])
      expect(change.removals).toEqual([studyKey(list[8999]!)])
      expect(ids(applyListChange(list, change)!)).toEqual(ids(next))
    }
  })

  it.each([
    ['walking the lists (a few edits)', Infinity],
    ['sets of the objects (many edits)', 0]
  ])('applying the change to the old list gives the new list, for random edits of 300 studies: %s', (_, maxWalkedEdits) => {
    let seed = 7
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
    const severities = ['stat', 'high', 'normal', 'critical'] as const
    const make = () =>
      study({
        severity: severities[Math.floor(random() * 4)] as never,
        createdAt: random() < 0.1 ? null : new Date(Date.UTC(2026, 0, 1, 0, Math.floor(random() * 600))).toISOString()
      })
    let list = orderStudies(Array.from({ length: 300 }, make))
    for (let round = 0; round < 40; round++) {
      const next: QueueStudy[] = list.filter(() => random() > 0.05).map((s) => (random() < 0.05 ? { ...s, severity: severities[Math.floor(random() * 3)] as Study['severity'], updatedAt: `u${round}` } : s))
      for (let k = Math.floor(random() * 10); k > 0; k--) next.push(make())
      const ordered = orderStudies(next)
      const change = buildListChange(list, ordered, maxWalkedEdits)
      const applied = change ? applyListChange(list, change) : list
      expect(ids(applied!)).toEqual(ids(ordered))
      if (change) {
        const untouched = ordered.length - change.upserts.length
        expect(untouched).toBeGreaterThan(0)
      }
      list = ordered
    }
  })
})

describe('buildQueueChange', () => {
  const a = study({ severity: 'stat' })
  const b = study({ severity: 'normal' })

  it('is null when the page has it all, even with a newer fetchedAt (the tick is the connection event)', () => {
    expect(buildQueueChange(view([a, b]), view([a, b], { fetchedAt: '2026-01-01T12:00:00Z' }))).toBeNull()
  })

  it('carries the counts, changed alert states, cleared ones and the closed list when it changed', () => {
    const alert = { status: 'alerting' as const, firstAlertedAt: '2026-01-01T12:00:00.000Z', alertCount: 1, snoozedUntil: null }
    const sent = view([a, b], { alerts: { gone: alert, same: alert }, counts: { stat: 1, high: 0, normal: 1 } })
    const closed = [{ study: b, reason: 'completed' as const, at: '2026-01-01T12:00:00Z' }]
    const now = view([a], { alerts: { same: alert, [studyKey(a)]: alert }, closed, counts: { stat: 1, high: 0, normal: 0 } })
    const change = buildQueueChange(sent, now)!
    expect(change.mine).toEqual({ upserts: [], removals: [studyKey(b)], length: 1 })
    expect(change.statPool).toBeUndefined()
    expect(change.alerts).toEqual({ set: { [studyKey(a)]: alert }, cleared: ['gone'] })
    expect(change.closed).toBe(closed)
    expect(change.counts).toEqual({ stat: 1, high: 0, normal: 0 })
  })

  it('is a change when only the cache flag turns off', () => {
    expect(buildQueueChange(view([a], { fromCache: true }), view([a]))).toMatchObject({ fromCache: false })
  })
})

describe('applyQueueDelta (what the page does)', () => {
  const a = study({ severity: 'stat' })
  const b = study({ severity: 'normal' })
  const base: QueueSnapshot = { epoch: 'run-1', seq: 4, ...view([a, b]) }
  const delta = (over: Partial<QueueDelta>): QueueDelta => ({
    epoch: 'run-1',
    seq: 5,
    baseSeq: 4,
    mine: { upserts: [], removals: [studyKey(b)], length: 1 },
    counts: { stat: 1, high: 0, normal: 0 },
    fetchedAt: '2026-01-01T12:00:00Z',
    fromCache: false,
    ...over
  })

  it('applies the next delta and is then at its number', () => {
    const outcome = applyQueueDelta(base, delta({}))
    expect(outcome.kind).toBe('applied')
    if (outcome.kind !== 'applied') return
    expect(ids(outcome.snapshot.mine)).toEqual([a.studyId])
    expect(outcome.snapshot).toMatchObject({ seq: 5, counts: { stat: 1, high: 0, normal: 0 }, statPool: [], closed: [] })
  })

  it('finds a gap: a missed delta, another engine run, or a change that does not add up', () => {
    expect(applyQueueDelta(base, delta({ seq: 7, baseSeq: 6 })).kind).toBe('gap')
    expect(applyQueueDelta(base, delta({ epoch: 'run-2', seq: 1, baseSeq: 0 })).kind).toBe('gap')
    expect(applyQueueDelta(base, delta({ mine: { upserts: [], removals: [], length: 3 } })).kind).toBe('gap')
  })

  it('ignores a delta the snapshot already holds (a resync overtook it)', () => {
    expect(applyQueueDelta(base, delta({ seq: 4, baseSeq: 3 })).kind).toBe('old')
  })
})

describe('applyListEdit (a list the caller holds an index of)', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd']
  const upsert = (key: string, index: number) => ({ key, index, study: study() })

  it('takes out the given old indexes, in any order, and puts each upsert at its index, in any order', () => {
    const change = { upserts: [upsert('y', 3), upsert('x', 0)], removals: [], length: 4 }
    expect(applyListEdit([a, b, c, d], change, [2, 0, 2], (u) => u.key)).toEqual(['x', b, d, 'y'])
  })

  it('is null when the change does not add up', () => {
    expect(applyListEdit([a, b], { upserts: [], removals: [], length: 3 }, [], (u) => u.key)).toBeNull()
    expect(applyListEdit([a, b], { upserts: [], removals: [], length: 1 }, [4], (u) => u.key)).toBeNull()
    expect(applyListEdit([a, b], { upserts: [upsert('x', 1), upsert('y', 1)], removals: [], length: 4 }, [], (u) => u.key)).toBeNull()
    expect(applyListEdit([a, b], { upserts: [upsert('x', 3)], removals: [], length: 3 }, [], (u) => u.key)).toBeNull()
  })
})
