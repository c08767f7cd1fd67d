import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Study } from '@shared/avara/contract'
import { diffSnapshots, orderStudies, type Resolutions } from '@main/engine/queue'
import { WorkQueue, countBySeverity } from '@main/engine/work-queue'
import { ME, OTHER, study } from './helpers'

/**
 * The WorkQueue diffs only the studies a merge touched (a whole-queue diff per poll blocked the
 * event loop at 10,000 studies), and a stat or stat-and-high list walks only those studies (the
 * front of the order). Its events must be exactly those of a whole-queue diff of the queue before
 * and after the merge, in the same order, for any series of full, stat and stat-and-high lists
 * (also merged out of order) and any lookup answers; and the order it keeps by inserting only the
 * touched studies must equal sorting the whole queue again.
 */
const A = 'account-a'
const NOW = Date.UTC(2026, 0, 1, 8, 0, 0)
const UNIVERSE = 10

const variant = fc.record({
  n: fc.integer({ min: 1, max: UNIVERSE }),
  severity: fc.constantFrom('stat', 'high', 'normal', 'urgent-ish'),
  edit: fc.integer({ min: 0, max: 2 })
})
const lookup = fc.record({
  n: fc.integer({ min: 1, max: UNIVERSE }),
  answer: fc.constantFrom('gone', 'cancelled', 'completed', 'mine', 'other')
})
const step = fc.record({
  kind: fc.constantFrom('full', 'stat', 'stat+high'),
  list: fc.array(variant, { maxLength: UNIVERSE }),
  lookups: fc.array(lookup, { maxLength: 4 }),
  complete: fc.boolean(),
  // Merged with the sequence number of an observation started before the previous one.
  late: fc.boolean()
})

function make(v: { n: number; severity: string; edit: number }): Study {
  return study({ n: v.n, severity: v.severity as Study['severity'], studyDescription: `CT ${v.n} edit ${v.edit}` })
}

function resolutions(lookups: ReadonlyArray<{ n: number; answer: string }>): Resolutions {
  const resolved = new Map<string, Study | null>()
  for (const { n, answer } of lookups) {
    const base = study({ n })
    if (answer === 'gone') resolved.set(base.studyId, null)
    else if (answer === 'cancelled') resolved.set(base.studyId, { ...base, isCancelled: true })
    else if (answer === 'completed') resolved.set(base.studyId, { ...base, studyViewerStatus: 'complete' })
    else if (answer === 'mine') resolved.set(base.studyId, { ...base, studyDescription: 'looked up' })
    else resolved.set(base.studyId, { ...base, assignedTo: { userId: OTHER, email: 'other@example.org' } })
  }
  return resolved
}

describe('WorkQueue incremental diff', () => {
  it('gives the events of a whole-queue diff, in the same order, for any series of merges', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const q = new WorkQueue()
        let held = q.beginObservation()
        for (const s of steps) {
          const fresh = q.beginObservation()
          const seq = s.late ? held : fresh
          held = s.late ? fresh : held
          const byId = new Map(s.list.map((v) => [v.n, make(v)]))
          const severities = new Set(s.kind === 'stat' ? ['stat'] : ['stat', 'high'])
          const list = [...byId.values()].filter((x) => s.kind === 'full' || severities.has(x.severity))
          const resolved = resolutions(s.lookups)
          const before = q.present(A)
          if (!s.late) {
            // What a complete list of its severities misses: every such study of the queue it does not name.
            const listed = new Set(list.map((x) => x.studyId))
            const expected = before.filter((x) => (s.kind === 'full' || severities.has(x.severity)) && !listed.has(x.studyId)).map((x) => x.studyId)
            const missing = s.kind === 'full' ? q.missingFromFullList(A, list, seq) : q.missingFromSeverityList(A, severities, list, true, seq)
            expect(missing.map((x) => x.studyId).sort()).toEqual(expected.sort())
          }
          const knownCancelled = new Set(q.closed(A).filter((c) => c.reason === 'cancelled').map((c) => c.study.studyId))
          const merged =
            s.kind === 'full'
              ? q.mergeFullList(A, { list, resolved, seq, userId: ME }, NOW, 0)
              : s.kind === 'stat'
                ? q.mergeStatList(A, { list, complete: s.complete, resolved, seq, userId: ME }, NOW, 0)
                : q.mergeSeverityList(A, { severities, list, complete: s.complete, resolved, seq, userId: ME }, NOW, 0)
          expect(merged.events).toEqual(diffSnapshots(before, q.present(A), { resolved, knownCancelled, userId: ME }))
          // The order kept by binary insertion (and its counts) equals sorting the whole queue again.
          expect(q.ordered(A).mine).toEqual(orderStudies(q.present(A)))
          expect(q.counts(A)).toEqual(countBySeverity(q.present(A)))
        }
      }),
      { numRuns: 300 }
    )
  })
})
