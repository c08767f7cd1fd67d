/**
 * The rows of one queue list (`mine` or the stat pool) as the page holds them: in the engine's
 * order, each with its key and alert state, and findable by key. A delta builds rows only for the
 * studies it names and those whose alert state changed; every other row is carried over by index,
 * so applying a delta to 10,000 rows never walks them in script (docs/core.md, "Changes, not
 * copies"). The page never sorts: indexes are the engine's (src/shared/ipc/queue-delta.ts).
 */
import { studyKey, type ClosedStudy, type QueueStudy, type StudyAlertState } from '@shared/ipc/contract'
import { applyListEdit, type ListChange } from '@shared/ipc/queue-delta'

export interface QueueItem {
  /** The study across accounts (`studyKey`): selection, pending actions and alerts use it, never the bare study ID. */
  key: string
  study: QueueStudy
  /** In the unassigned stat pool (claimable). */
  inPool: boolean
  closed: ClosedStudy | null
  alert: StudyAlertState | null
}

export interface RowList {
  /** Never mutated once built: a change makes a new array. */
  rows: readonly QueueItem[]
  /** The same studies (`rows[i].study`): the snapshot's list. Never mutated either. */
  studies: QueueStudy[]
  /** Each row by key. Shared by the lists a change makes (only the newest is used), so a change updates it in place. */
  byKey: Map<string, QueueItem>
}

/** Rows for a whole list (a snapshot): one per study. */
export function rowListOf(studies: QueueStudy[], inPool: boolean, alerts: Record<string, StudyAlertState>): RowList {
  const byKey = new Map<string, QueueItem>()
  const rows = studies.map((study) => {
    const key = studyKey(study)
    const row: QueueItem = { key, study, inPool, closed: null, alert: alerts[key] ?? null }
    byKey.set(key, row)
    return row
  })
  return { rows, studies, byKey }
}

/**
 * Up to this many keys (the most edits the engine walks for a delta), each is searched for
 * natively; past it, one pass over the rows finds them.
 */
const SEARCHED_KEYS = 256

/** Indexes in `rows` of the rows with these keys; keys not in the list are skipped. */
function indexesOf(rows: readonly QueueItem[], byKey: ReadonlyMap<string, QueueItem>, keys: Iterable<string>): number[] {
  const found: QueueItem[] = []
  for (const key of keys) {
    const row = byKey.get(key)
    if (row) found.push(row)
  }
  // indexOf compares references natively: a few of them cost less than building anything per row.
  if (found.length <= SEARCHED_KEYS) return found.map((row) => rows.indexOf(row))
  const wanted = new Set(found)
  const out: number[] = []
  rows.forEach((row, index) => {
    if (wanted.has(row)) out.push(index)
  })
  return out
}

/** A list after a change, not yet in effect: `commit` updates the shared key index. */
export interface RowListChange {
  list: RowList
  commit: () => void
}

/**
 * `list` after a delta: its `change` of this list (if any), then fresh rows for the studies whose
 * alert state is among `alertKeys` and differs in `alerts` (the states after the delta). Null when
 * the change does not add up (the page resyncs). Nothing is changed until `commit`, so a delta
 * whose other list does not add up leaves this one as it was.
 */
export function rowListAfter(
  list: RowList,
  change: ListChange | undefined,
  inPool: boolean,
  alerts: Record<string, StudyAlertState>,
  alertKeys: readonly string[]
): RowListChange | null {
  let rows = list.rows
  let studies = list.studies
  /** Rows that enter the key index (new or replaced), and keys that leave it. */
  const entering: QueueItem[] = []
  let removals: readonly string[] = []
  if (change) {
    const leaving = indexesOf(list.rows, list.byKey, [...change.removals, ...change.upserts.map((u) => u.key)])
    const nextRows = applyListEdit(list.rows, change, leaving, ({ key, study }): QueueItem => {
      const row: QueueItem = { key, study, inPool, closed: null, alert: alerts[key] ?? null }
      entering.push(row)
      return row
    })
    const nextStudies = applyListEdit(list.studies, change, leaving, (upsert) => upsert.study)
    if (!nextRows || !nextStudies) return null
    rows = nextRows
    studies = nextStudies
    removals = change.removals
  }
  const current = (key: string): QueueItem | undefined => entering.find((row) => row.key === key) ?? (removals.includes(key) ? undefined : list.byKey.get(key))
  const stale: QueueItem[] = []
  for (const key of alertKeys) {
    const row = current(key)
    if (row && row.alert !== (alerts[key] ?? null)) stale.push(row)
  }
  if (stale.length > 0) {
    const copy = rows === list.rows ? rows.slice() : (rows as QueueItem[])
    const staleKeys = new Map(stale.map((row) => [row.key, row]))
    for (const index of indexesOf(copy, staleKeys, staleKeys.keys())) {
      const row = copy[index]!
      const fresh: QueueItem = { ...row, alert: alerts[row.key] ?? null }
      copy[index] = fresh
      entering.push(fresh)
    }
    rows = copy
  }
  const next: RowList = { rows, studies, byKey: list.byKey }
  return {
    list: rows === list.rows ? list : next,
    commit: () => {
      for (const key of removals) list.byKey.delete(key)
      for (const row of entering) list.byKey.set(row.key, row)
    }
  }
}
