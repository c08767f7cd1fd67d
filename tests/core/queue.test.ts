import { countBySeverity } from '@main/engine/work-queue'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  diffSnapshots,
  keepStillQueued,
  mergeStatLane,
  orderStudies,
  severityRank
} from '@main/engine/queue'
import type { Study } from '@shared/avara/contract'
import { compareByUrgency } from '@shared/ipc/study-order'
import { ME, OTHER, study } from './helpers'

/** The one ordering rule (@shared/ipc/study-order), written the obvious way: the fast path must equal it. */
function referenceOrder(list: Study[]): Study[] {
  return [...list].sort(compareByUrgency)
}

describe('orderStudies', () => {
  it('orders stat > high > normal, then longest waiting first, then by studyId', () => {
    const oldNormal = study({ n: 1, severity: 'normal', createdAt: '2026-01-01T06:00:00.000Z' })
    const newStat = study({ n: 2, severity: 'stat', createdAt: '2026-01-01T07:30:00.000Z' })
    const oldStat = study({ n: 3, severity: 'stat', createdAt: '2026-01-01T07:00:00.000Z' })
    const high = study({ n: 4, severity: 'high' })
    const tieA = study({ n: 5, severity: 'high', createdAt: '2026-01-01T05:00:00.000Z' })
    const tieB = study({ n: 6, severity: 'high', createdAt: '2026-01-01T05:00:00.000Z' })
    const ordered = orderStudies([oldNormal, tieB, newStat, high, tieA, oldStat]).map((s) => s.studyId)
    expect(ordered).toEqual([oldStat, newStat, tieA, tieB, high, oldNormal].map((s) => s.studyId))
  })

  it('the order the page shows: a normal, a normal without createdAt and an unknown severity are `c a b`', () => {
    const a = study({ n: 71, severity: 'normal', createdAt: '2026-01-01T08:00:00Z' })
    const b = study({ n: 72, severity: 'normal', createdAt: null })
    const c = study({ n: 73, severity: 'critical' as never, createdAt: '2026-01-01T07:00:00Z' })
    expect(orderStudies([a, b, c]).map((s) => s.studyId)).toEqual([c, a, b].map((s) => s.studyId))
    expect(countBySeverity([a, b, c])).toEqual({ stat: 0, high: 0, normal: 3 })
  })

  it('puts a null createdAt last within its severity and keeps unknown severities with normal', () => {
    const noDate = study({ n: 10, severity: 'stat', createdAt: null })
    const dated = study({ n: 11, severity: 'stat' })
    const odd = study({ n: 12, severity: 'critical' as never, createdAt: '2026-01-01T00:00:00.000Z' })
    const normal = study({ n: 13, severity: 'normal', createdAt: '2026-01-01T01:00:00.000Z' })
    const ordered = orderStudies([noDate, normal, odd, dated])
    expect(ordered.map((s) => s.studyId)).toEqual([dated, noDate, odd, normal].map((s) => s.studyId))
    expect(severityRank('critical')).toBe(0)
  })

  it('is a permutation, sorted by rank, for any input (property)', () => {
    const arb = fc.array(
      fc.record({ n: fc.integer({ min: 1, max: 5000 }), severity: fc.constantFrom('stat', 'high', 'normal', 'other'), t: fc.option(fc.integer({ min: 0, max: 5000 })) }),
      { maxLength: 60 }
    )
    fc.assert(
      fc.property(arb, (rows) => {
        const input = rows.map((r, i) => study({ n: r.n * 100 + i, severity: r.severity as never, createdAt: r.t === null ? null : new Date(r.t).toISOString() }))
        const out = orderStudies(input)
        expect(out).toHaveLength(input.length)
        expect(new Set(out.map((s) => s.studyId))).toEqual(new Set(input.map((s) => s.studyId)))
        for (let i = 1; i < out.length; i++) expect(severityRank(out[i - 1]!.severity)).toBeGreaterThanOrEqual(severityRank(out[i]!.severity))
        expect(out.map((s) => s.studyId)).toEqual(referenceOrder(input).map((s) => s.studyId))
      })
    )
  })

  it('orders exactly within the same second (milliseconds, then studyId)', () => {
    const base = Date.UTC(2026, 0, 1, 7, 0, 0)
    const rows = [999, 1, 500, 1, 0].map((ms, i) => study({ n: 50 - i, severity: 'high', createdAt: new Date(base + ms).toISOString() }))
    expect(orderStudies(rows).map((s) => s.studyId)).toEqual(referenceOrder(rows).map((s) => s.studyId))
  })
})

describe('diffSnapshots', () => {
  it('reports arrivals, escalations, downgrades and changes', () => {
    const a = study({ n: 1, severity: 'normal' })
    const b = study({ n: 2, severity: 'stat' })
    const c = study({ n: 3, severity: 'high' })
    const d = study({ n: 4 })
    const events = diffSnapshots(
      [a, b, c],
      [{ ...a, severity: 'stat' }, { ...b, severity: 'high' }, { ...c, studyDescription: 'MR Knee', updatedAt: '2026-01-01T09:00:00Z' }, d],
      { resolved: new Map() }
    )
    expect(events.map((e) => [e.kind, e.study.studyId])).toEqual([
      ['escalated', a.studyId],
      ['downgraded', b.studyId],
      ['changed', c.studyId],
      ['arrived', d.studyId]
    ])
    expect(events[0]).toMatchObject({ from: 'normal' })
  })

  it('reports nothing for identical snapshots', () => {
    const list = [study({ n: 1 }), study({ n: 2, severity: 'stat' })]
    expect(diffSnapshots(list, list.map((s) => ({ ...s })))).toEqual([])
  })

  it('classifies departures by the looked-up study: completed, cancelled, reassigned, gone, unresolved', () => {
    const done = study({ n: 1 })
    const cancelled = study({ n: 2 })
    const moved = study({ n: 3 })
    const gone = study({ n: 4 })
    const unknown = study({ n: 5 })
    const resolved = new Map([
      [done.studyId, { ...done, studyViewerStatus: 'complete' as const }],
      [cancelled.studyId, { ...cancelled, isCancelled: true, cancelledAt: '2026-01-01T09:00:00Z' }],
      [moved.studyId, { ...moved, assignedTo: { userId: OTHER, email: 'o@example.org' } }],
      [gone.studyId, null]
    ])
    const events = diffSnapshots([done, cancelled, moved, gone, unknown], [], { resolved, userId: ME })
    expect(events.map((e) => e.kind)).toEqual(['completed', 'cancelled', 'reassignedAway', 'cancelled', 'departed'])
  })

  it('reports an arrival of a study last seen cancelled as uncancelled', () => {
    const s = study({ n: 7, severity: 'stat' })
    const events = diffSnapshots([], [s], { knownCancelled: new Set([s.studyId]) })
    expect(events).toEqual([{ kind: 'uncancelled', study: s }])
  })

  it('handles 10,000 studies with exact counts', () => {
    const previous = Array.from({ length: 10_000 }, (_, i) => study({ n: i + 1, severity: i % 10 === 0 ? 'stat' : 'normal' }))
    const next = previous.slice(100).map((s, i) => (i < 50 ? { ...s, severity: 'high' as const } : s))
    next.push(...Array.from({ length: 25 }, (_, i) => study({ n: 20_000 + i })))
    const events = diffSnapshots(previous, next)
    const count = (k: string) => events.filter((e) => e.kind === k).length
    expect(count('departed')).toBe(100)
    expect(count('arrived')).toBe(25)
    expect(count('escalated') + count('downgraded')).toBe(50)
  })
})

describe('mergeStatLane and keepStillQueued', () => {
  it('upserts stat-lane studies and asks to look up stat studies that vanished', () => {
    const normal = study({ n: 1 })
    const statKept = study({ n: 2, severity: 'stat' })
    const statGone = study({ n: 3, severity: 'stat' })
    const escalated = { ...normal, severity: 'stat' as const }
    const fresh = study({ n: 4, severity: 'stat' })
    const { next, missing } = mergeStatLane([normal, statKept, statGone], [escalated, statKept, fresh], true)
    expect(next.map((s) => [s.studyId, s.severity])).toEqual([
      [normal.studyId, 'stat'],
      [statKept.studyId, 'stat'],
      [fresh.studyId, 'stat']
    ])
    expect(missing).toEqual([statGone])
  })

  it('infers nothing from absence when the stat page was partial', () => {
    const statGone = study({ n: 3, severity: 'stat' })
    expect(mergeStatLane([statGone], [], false)).toEqual({ next: [statGone], missing: [] })
  })

  it('puts back a looked-up study that is still the user\'s (downgraded)', () => {
    const s = study({ n: 5, severity: 'stat' })
    const downgraded = { ...s, severity: 'normal' as const }
    const other = study({ n: 6, severity: 'stat' })
    const kept = keepStillQueued([], new Map<string, Study>([[s.studyId, downgraded], [other.studyId, { ...other, studyViewerStatus: 'complete' as const }]]), ME)
    expect(kept).toEqual([downgraded])
    expect(diffSnapshots([s], kept, { userId: ME })).toEqual([{ kind: 'downgraded', study: downgraded, from: 'stat' }])
  })
})
