/**
 * The page's rows of one queue list (src/renderer/src/lib/queue-rows.ts): a delta gives the
 * engine's order, keeps the rows it does not name (the same objects, never read), builds rows for
 * the studies it names and for changed alert states, and changes nothing until committed.
 */
import { describe, expect, it } from 'vitest'
import { studyKey, type QueueStudy, type StudyAlertState } from '@shared/ipc/contract'
import type { ListChange } from '@shared/ipc/queue-delta'
import { rowListAfter, rowListOf, type QueueItem, type RowList } from '@renderer/lib/queue-rows'
import { makeStudy } from './fake-bridge'

const alerting: StudyAlertState = { status: 'alerting', firstAlertedAt: '2026-01-01T12:00:00Z', alertCount: 1, snoozedUntil: null }
const ids = (list: RowList) => list.rows.map((row) => row.study.studyId)

/**
 * A list whose rows and studies record every property read of them: applying a delta may read the
 * rows it names, never the others.
 */
function watchedList(studies: QueueStudy[]): { list: RowList; read: Set<string> } {
  const read = new Set<string>()
  const plain = rowListOf(studies, false, {})
  const watch = <T extends object>(target: T, key: string): T =>
    new Proxy(target, {
      get(t, p, r) {
        read.add(key)
        return Reflect.get(t, p, r)
      }
    })
  const watched = plain.rows.map((row) => watch(row.study, row.key))
  const rows = plain.rows.map((row, i) => watch({ ...row, study: watched[i]! }, row.key))
  return { list: { rows, studies: watched, byKey: new Map(plain.rows.map((row, i) => [row.key, rows[i]!])) }, read }
}

describe('the rows of a queue list', () => {
  it('applies a change at the engine indexes and reads no row the change does not name, in a list of 10,000', () => {
    const studies = Array.from({ length: 10_000 }, () => makeStudy())
    const { list, read } = watchedList(studies)
    const arrival = makeStudy({ severity: 'stat' })
    const changed = { ...studies[5000]!, studyDescription: 'Changed' }
    const change: ListChange = {
      upserts: [
        { key: studyKey(arrival), index: 0, study: arrival },
        { key: studyKey(changed), index: 4000, study: changed }
      ],
      removals: [studyKey(studies[9000]!)],
      length: 10_000
    }
    const expected = studies.slice()
    expected.splice(9000, 1)
    expected.splice(5000, 1)
    expected.splice(0, 0, arrival)
    expected.splice(4000, 0, changed)

    const next = rowListAfter(list, change, false, {}, [])!
    expect(read).toEqual(new Set())
    expect(next.list.studies.map((s) => s.studyId)).toEqual(expected.map((s) => s.studyId))
    expect(next.list.rows.map((row) => row.study)).toEqual(next.list.studies)
    // Kept rows are the same objects at their new indexes.
    expect(next.list.rows[1]).toBe(list.rows[0])
    expect(next.list.rows[9999]).toBe(list.rows[9999])
    expect(next.list.rows[0]!.key).toBe(studyKey(arrival))

    // The key index changes on commit, and not before.
    expect(list.byKey.has(studyKey(arrival))).toBe(false)
    next.commit()
    expect(next.list.byKey.get(studyKey(arrival))).toBe(next.list.rows[0])
    expect(next.list.byKey.get(studyKey(changed))).toBe(next.list.rows[4000])
    expect(next.list.byKey.has(studyKey(studies[9000]!))).toBe(false)
    expect(next.list.byKey.size).toBe(10_000)
  })

  it('gives a fresh row only to a study whose alert state changed', () => {
    const [a, b, c] = [makeStudy({ severity: 'stat' }), makeStudy(), makeStudy()]
    const list = rowListOf([a!, b!, c!], false, { [studyKey(c!)]: alerting })
    const alerts = { [studyKey(a!)]: alerting }
    const next = rowListAfter(list, undefined, false, alerts, [studyKey(a!), studyKey(c!), 'other/stu_gone'])!
    next.commit()
    const [rowA, rowB, rowC] = next.list.rows as QueueItem[]
    expect(rowA).not.toBe(list.rows[0])
    expect(rowA!.alert).toBe(alerting)
    expect(rowB).toBe(list.rows[1])
    expect(rowC).not.toBe(list.rows[2])
    expect(rowC!.alert).toBeNull()
    expect(next.list.byKey.get(studyKey(c!))).toBe(rowC)
    expect(next.list.studies).toBe(list.studies)
    // Nothing changed: the same list.
    expect(rowListAfter(next.list, undefined, false, alerts, [studyKey(a!)])!.list).toBe(next.list)
  })

  it('is null when a change does not add up, and leaves the list as it was', () => {
    const [a, b] = [makeStudy(), makeStudy()]
    const list = rowListOf([a!, b!], false, {})
    const late = makeStudy()
    expect(rowListAfter(list, { upserts: [{ key: studyKey(late), index: 5, study: late }], removals: [], length: 3 }, false, {}, [])).toBeNull()
    expect(rowListAfter(list, { upserts: [], removals: [], length: 3 }, false, {}, [])).toBeNull()
    expect(ids(list)).toEqual([a!.studyId, b!.studyId])
    expect(list.byKey.has(studyKey(late))).toBe(false)
  })
})
