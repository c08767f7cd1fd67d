/**
 * The queue on the wire: the page gets the whole snapshot once (first load, or a resync), then
 * only what changed, as numbered deltas (docs/core.md, "What goes to the page"). The engine builds
 * them (src/main/engine/queue-delta-builder.ts); this module applies one to a snapshot, so the
 * renderer, the tests and the benchmarks apply them the same way. Applying never sorts: every
 * study the delta carries comes with its index in the engine's order, the rest keep theirs.
 */
import type { ClosedStudy, QueueSnapshot, QueueStudy, StudyAlertState } from './contract'
import { parseStudyKey, studyKey, type SeverityCounts } from './accounts'

/** The key a study has in a queue list: account and study (`studyKey`, ./accounts.ts), as alert states are keyed. */
export function queueKey(study: QueueStudy): string {
  return studyKey(study)
}

/** The changes to one ordered list (`mine` or `statPool`). */
export interface ListChange {
  /**
   * Studies that arrived, changed or moved, each at its index in the new list, by ascending index.
   * Every study not named here (nor in `removals`) keeps its place relative to the others.
   */
  upserts: Array<{ key: string; index: number; study: QueueStudy }>
  /** Keys of studies that left the list. */
  removals: string[]
  /** The list's length after the change (a check: a mismatch is a gap). */
  length: number
}

/**
 * What changed in the queue between two numbered states of one engine run (`epoch`). A page at
 * `baseSeq` of the same epoch applies it and is at `seq`; any other page has missed something and
 * asks for the whole snapshot (`queue.snapshot`). Lists absent: unchanged.
 */
export interface QueueDelta {
  epoch: string
  seq: number
  baseSeq: number
  mine?: ListChange
  statPool?: ListChange
  /** The closed list (at most 100 entries), whole, when it changed. */
  closed?: ClosedStudy[]
  /** Alert states that are new or changed (`set`) and studies that no longer have one (`cleared`). */
  alerts?: { set: Record<string, StudyAlertState>; cleared: string[] }
  /** Always present: small, and what the page shows in its header. */
  counts: SeverityCounts
  /** The same per account (small: at most 10 accounts). */
  countsByAccount?: Record<string, SeverityCounts>
  fetchedAt: string | null
  fromCache: boolean
}

export type DeltaOutcome =
  /** Applied: the page's new snapshot. */
  | { kind: 'applied'; snapshot: QueueSnapshot }
  /** Already contained in the page's snapshot (a resync overtook it): nothing to do. */
  | { kind: 'old' }
  /** The page missed something (or the engine restarted): fetch the whole snapshot. */
  | { kind: 'gap' }

/** Whether `delta` follows `snapshot` directly, is already in it, or a change was missed. */
export function deltaFits(snapshot: Pick<QueueSnapshot, 'epoch' | 'seq'>, delta: Pick<QueueDelta, 'epoch' | 'seq' | 'baseSeq'>): DeltaOutcome['kind'] {
  if (snapshot.epoch !== delta.epoch) return 'gap'
  if (delta.seq <= snapshot.seq) return 'old'
  return delta.baseSeq === snapshot.seq ? 'applied' : 'gap'
}

/** One study a change puts at an index of the new list. */
export type ListUpsert = ListChange['upserts'][number]

/**
 * Old indexes of the studies `change` takes out of `list`: its removals and the old places of its
 * upserts. A scan of the whole list, for holders of a bare list (tests, the integration harness);
 * the page finds them through its rows' keys instead (stores/queue.ts). Rows are matched by study ID
 * first (a string the list already holds), so a key is built only for the few that may be leaving.
 */
export function leavingIndexes(list: readonly QueueStudy[], change: ListChange): number[] {
  const leaving = new Set(change.removals)
  for (const upsert of change.upserts) leaving.add(upsert.key)
  /** Study IDs of the leaving keys; null when a key is not a study key (then every row's key is checked). */
  let leavingIds: Set<string> | null = new Set<string>()
  for (const key of leaving) {
    const ref = parseStudyKey(key)
    if (!ref) {
      leavingIds = null
      break
    }
    leavingIds.add(ref.studyId)
  }
  const out: number[] = []
  list.forEach((study, index) => {
    if ((leavingIds === null || leavingIds.has(study.studyId)) && leaving.has(queueKey(study))) out.push(index)
  })
  return out
}

/**
 * `list` after `change`, given the old indexes of the entries it takes out (`leaving`, any order):
 * every other entry keeps its old order, and each upsert's entry (`entry`) goes to its index.
 * Nothing is keyed or looked up per kept entry, so applying a delta to 10,000 rows costs what it
 * changed plus one native copy. Null when the change does not add up (an index out of range or
 * taken twice, or the wrong length): the caller resyncs.
 */
export function applyListEdit<T>(list: readonly T[], change: ListChange, leaving: readonly number[], entry: (upsert: ListUpsert) => T): T[] | null {
  const gone = [...new Set(leaving)].sort((a, b) => a - b)
  if (gone.length > 0 && (gone[0]! < 0 || gone[gone.length - 1]! >= list.length)) return null
  const upserts = change.upserts.every((u, j) => j === 0 || change.upserts[j - 1]!.index < u.index)
    ? change.upserts
    : [...change.upserts].sort((a, b) => a.index - b.index)
  if (list.length - gone.length + upserts.length !== change.length) return null
  for (let j = 0; j < upserts.length; j++) {
    const index = upserts[j]!.index
    if (index < 0 || index >= change.length || (j > 0 && index <= upserts[j - 1]!.index)) return null
  }
  // The kept entries go across as slices of the old list between the leaving ones: native copies,
  // so the cost per kept entry does not depend on this function having been optimised (a page
  // applies a delta every few seconds, too rarely for that).
  const pieces: T[][] = []
  let from = 0
  let g = 0
  const takeKept = (count: number): void => {
    while (count > 0) {
      while (g < gone.length && gone[g] === from) {
        g++
        from++
      }
      const end = Math.min(from + count, g < gone.length ? gone[g]! : list.length)
      pieces.push(list.slice(from, end))
      count -= end - from
      from = end
    }
  }
  let kept = 0
  upserts.forEach((upsert, j) => {
    takeKept(upsert.index - j - kept)
    kept = upsert.index - j
    pieces.push([entry(upsert)])
  })
  takeKept(change.length - upserts.length - kept)
  return pieces.length === 1 ? pieces[0]! : pieces.flat()
}

/** The list after a change: upserts at their indexes, every other kept study in its old order. */
export function applyListChange(list: readonly QueueStudy[], change: ListChange): QueueStudy[] | null {
  return applyListEdit(list, change, leavingIndexes(list, change), (upsert) => upsert.study)
}

/** The alert states after `delta` (the same object when it brings none). */
export function alertsAfter(alerts: Record<string, StudyAlertState>, delta: QueueDelta): Record<string, StudyAlertState> {
  if (!delta.alerts) return alerts
  const next = { ...alerts, ...delta.alerts.set }
  for (const key of delta.alerts.cleared) delete next[key]
  return next
}

/** The snapshot after `delta`, given its lists and alert states already changed. */
export function snapshotAfter(
  delta: QueueDelta,
  lists: Pick<QueueSnapshot, 'mine' | 'statPool' | 'closed' | 'alerts'>
): QueueSnapshot {
  return {
    epoch: delta.epoch,
    seq: delta.seq,
    mine: lists.mine,
    statPool: lists.statPool,
    closed: delta.closed ?? lists.closed,
    alerts: lists.alerts,
    counts: delta.counts,
    ...(delta.countsByAccount ? { countsByAccount: delta.countsByAccount } : {}),
    fetchedAt: delta.fetchedAt,
    fromCache: delta.fromCache
  }
}

/** The snapshot after `delta`; `gap` when it does not follow (or does not add up). */
export function applyQueueDelta(snapshot: QueueSnapshot, delta: QueueDelta): DeltaOutcome {
  const fits = deltaFits(snapshot, delta)
  if (fits !== 'applied') return { kind: fits }
  const mine = delta.mine ? applyListChange(snapshot.mine, delta.mine) : snapshot.mine
  const statPool = delta.statPool ? applyListChange(snapshot.statPool, delta.statPool) : snapshot.statPool
  if (!mine || !statPool) return { kind: 'gap' }
  return { kind: 'applied', snapshot: snapshotAfter(delta, { mine, statPool, closed: snapshot.closed, alerts: alertsAfter(snapshot.alerts, delta) }) }
}
