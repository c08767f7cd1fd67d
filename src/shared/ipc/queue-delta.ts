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

/**
 * The list after a change: upserts at their indexes, every other kept study in its old order. The
 * studies that stay are found by their study ID first (a string the page already holds), so a
 * key is built only for the few that may be leaving, not for each of 10,000 rows per delta.
 */
export function applyListChange(list: readonly QueueStudy[], change: ListChange): QueueStudy[] | null {
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
  const next = new Array<QueueStudy>(change.length)
  const filled = new Uint8Array(change.length)
  for (const upsert of change.upserts) {
    if (upsert.index < 0 || upsert.index >= change.length || filled[upsert.index]) return null
    next[upsert.index] = upsert.study
    filled[upsert.index] = 1
  }
  let slot = 0
  for (const study of list) {
    if ((leavingIds === null || leavingIds.has(study.studyId)) && leaving.has(queueKey(study))) continue
    while (slot < change.length && filled[slot]) slot++
    if (slot >= change.length) return null
    next[slot++] = study
  }
  while (slot < change.length && filled[slot]) slot++
  return slot === change.length ? next : null
}

/** The page's snapshot after `delta`; `gap` when it does not follow (or does not add up). */
export function applyQueueDelta(snapshot: QueueSnapshot, delta: QueueDelta): DeltaOutcome {
  const fits = deltaFits(snapshot, delta)
  if (fits !== 'applied') return { kind: fits }
  const mine = delta.mine ? applyListChange(snapshot.mine, delta.mine) : snapshot.mine
  const statPool = delta.statPool ? applyListChange(snapshot.statPool, delta.statPool) : snapshot.statPool
  if (!mine || !statPool) return { kind: 'gap' }
  let alerts = snapshot.alerts
  if (delta.alerts) {
    alerts = { ...snapshot.alerts, ...delta.alerts.set }
    for (const id of delta.alerts.cleared) delete alerts[id]
  }
  return {
    kind: 'applied',
    snapshot: {
      epoch: delta.epoch,
      seq: delta.seq,
      mine,
      statPool,
      closed: delta.closed ?? snapshot.closed,
      alerts,
      counts: delta.counts,
      ...(delta.countsByAccount ? { countsByAccount: delta.countsByAccount } : {}),
      fetchedAt: delta.fetchedAt,
      fromCache: delta.fromCache
    }
  }
}
