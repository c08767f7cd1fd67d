/**
 * The work queue as pure functions: ordering, merging a stat-lane result into the last full
 * queue, and diffing consecutive snapshots into events. No I/O, no clock: built for 10,000 studies
 * per call (Map lookups, one sort with precomputed keys).
 */
import type { Study } from '@shared/avara/contract'

// The rule lives in @shared/ipc/study-order (the one owner); this module is its fast path.
export { severityRank, severityBucket } from '@shared/ipc/study-order'
import { severityRank } from '@shared/ipc/study-order'

/** Missing or unparsable times sort after every real one. */
const NO_TIME = Number.POSITIVE_INFINITY

/**
 * Parsed times by their text. Polls re-read the same studies every few seconds, so most lookups
 * hit; the cache is dropped when it grows past a bound (it only ever costs a re-parse).
 */
const parsedTimes = new Map<string, number>()
const PARSED_TIMES_MAX = 50_000

function createdMs(createdAt: string | null): number {
  if (createdAt === null) return NO_TIME
  let ms = parsedTimes.get(createdAt)
  if (ms === undefined) {
    const parsed = Date.parse(createdAt)
    ms = Number.isNaN(parsed) ? NO_TIME : parsed
    if (parsedTimes.size >= PARSED_TIMES_MAX) parsedTimes.clear()
    parsedTimes.set(createdAt, ms)
  }
  return ms
}

/** The one order on two studies (the same as `orderStudies`): for inserting one study into an ordered list. */
export function compareStudies(a: Study, b: Study): number {
  return compareFull(a, createdMs(a.createdAt), b, createdMs(b.createdAt))
}

function compareFull(a: Study, am: number, b: Study, bm: number): number {
  const r = severityRank(b.severity) - severityRank(a.severity)
  if (r !== 0) return r
  if (am !== bm) return am < bm ? -1 : 1
  return a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : 0
}

// Fast path: a coarse key (rank, whole seconds) and the row index packed into one double, sorted
// as a typed array (no comparator calls), then runs with equal coarse keys are refined exactly.
const INDEX_BITS = 2 ** 14
const SECONDS_CAP = 2 ** 33 // year ~2242; later, missing or pre-1970 times are clamped
const RANK_STEP = 2 ** 34

/**
 * stat > high > normal (unknown severities with normal), then longest waiting first (createdAt
 * ascending, missing createdAt last), ties by studyId so the order never flickers between polls.
 */
export function orderStudies<S extends Study>(studies: readonly S[]): S[] {
  const n = studies.length
  const ms = new Float64Array(n)
  for (let i = 0; i < n; i++) ms[i] = createdMs(studies[i]!.createdAt)
  if (n > INDEX_BITS) {
    const index = Array.from({ length: n }, (_, i) => i)
    index.sort((a, b) => compareFull(studies[a]!, ms[a]!, studies[b]!, ms[b]!))
    return index.map((i) => studies[i]!)
  }
  const coarse = (i: number): number => {
    const seconds = Math.min(SECONDS_CAP, Math.max(0, Math.floor(ms[i]! / 1000)))
    return (2 - severityRank(studies[i]!.severity)) * RANK_STEP + seconds
  }
  const packed = new Float64Array(n)
  for (let i = 0; i < n; i++) packed[i] = coarse(i) * INDEX_BITS + i
  packed.sort()
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) order[i] = packed[i]! % INDEX_BITS
  // Refine runs that share rank and second (usually of length one).
  for (let start = 0; start < n; ) {
    const key = Math.floor(packed[start]! / INDEX_BITS)
    let end = start + 1
    while (end < n && Math.floor(packed[end]! / INDEX_BITS) === key) end++
    if (end - start > 1) {
      const run = order.slice(start, end).sort((a, b) => compareFull(studies[a]!, ms[a]!, studies[b]!, ms[b]!))
      for (let k = 0; k < run.length; k++) order[start + k] = run[k]!
    }
    start = end
  }
  return order.map((i) => studies[i]!)
}

/** Whether a study belongs in the identity's queue: assigned to them, incomplete, not cancelled. */
export function belongsToQueue(study: Study, userId: string): boolean {
  return study.assignedTo?.userId === userId && study.studyViewerStatus === 'incomplete' && !study.isCancelled
}

/** Whether a study belongs in the unassigned stat pool. */
export function belongsToStatPool(study: Study): boolean {
  return (study.assignedTo ?? null) === null && study.severity === 'stat' && study.studyViewerStatus === 'incomplete' && !study.isCancelled
}

export function indexById(studies: readonly Study[]): Map<string, Study> {
  const map = new Map<string, Study>()
  for (const study of studies) map.set(study.studyId, study)
  return map
}

/**
 * Fold a stat-lane result (the identity's stat studies) into the last full queue. Studies that were
 * stat before but are missing now must be looked up (`missing`): they may have been downgraded (still
 * in the queue), completed, cancelled or reassigned. When the stat page was partial (`complete`
 * false) nothing is inferred from absence.
 */
export function mergeStatLane(
  previousMine: readonly Study[],
  statMine: readonly Study[],
  complete: boolean
): { next: Study[]; missing: Study[] } {
  const fresh = indexById(statMine)
  const next: Study[] = []
  const missing: Study[] = []
  for (const study of previousMine) {
    const update = fresh.get(study.studyId)
    if (update) {
      next.push(update)
      fresh.delete(study.studyId)
    } else if (complete && study.severity === 'stat') {
      missing.push(study)
    } else {
      next.push(study)
    }
  }
  for (const study of fresh.values()) next.push(study)
  return { next, missing }
}

/**
 * Outcome of looking up a study that left the list: the study as it is now, `null` when the service
 * no longer knows it (404), absent from the map when it was not looked up (budget, failure).
 */
export type Resolutions = ReadonlyMap<string, Study | null>

/**
 * Put back studies that left a list but, looked up, still belong to the queue (a list/lookup race or
 * a downgrade seen by the stat lane): the list must never lose a study that is still the user's.
 */
export function keepStillQueued(next: readonly Study[], resolved: Resolutions, userId: string): Study[] {
  const present = new Set(next.map((s) => s.studyId))
  const kept = [...next]
  for (const [id, study] of resolved) {
    if (study && !present.has(id) && belongsToQueue(study, userId)) kept.push(study)
  }
  return kept
}

export type QueueEvent =
  | { kind: 'arrived'; study: Study }
  /** Arrived, and known to have been cancelled earlier. */
  | { kind: 'uncancelled'; study: Study }
  | { kind: 'escalated'; study: Study; from: string }
  | { kind: 'downgraded'; study: Study; from: string }
  | { kind: 'changed'; study: Study; previous: Study }
  | { kind: 'completed' | 'cancelled' | 'reassignedAway'; study: Study; previous: Study }
  /** Left the list and could not be looked up; the reason is unknown. */
  | { kind: 'departed'; study: Study }

export type QueueEventKind = QueueEvent['kind']

export interface DiffOptions {
  /** How studies that left were resolved (see `Resolutions`). */
  resolved?: Resolutions
  /** Study IDs last seen cancelled; an arrival among them is an `uncancelled` event. */
  knownCancelled?: ReadonlySet<string>
  /** The identity, to recognise "still mine" in a resolution; defaults to the previous assignee. */
  userId?: string
}

/** Fields whose change the user can see; `updatedAt` catches the rest. */
export function visiblyChanged(a: Study, b: Study): boolean {
  return (
    a.updatedAt !== b.updatedAt ||
    a.studyDescription !== b.studyDescription ||
    a.studyViewerStatus !== b.studyViewerStatus ||
    a.isCancelled !== b.isCancelled ||
    (a.assignedTo?.userId ?? null) !== (b.assignedTo?.userId ?? null)
  )
}

/** Why a study left the queue, judged from its current state. */
export function classifyDeparture(current: Study, userId: string | undefined): 'completed' | 'cancelled' | 'reassignedAway' | null {
  if (current.isCancelled) return 'cancelled'
  if (current.studyViewerStatus === 'complete') return 'completed'
  const assignee = current.assignedTo?.userId ?? null
  if (userId === undefined || assignee !== userId) return 'reassignedAway'
  return null
}

/** Events between two snapshots of one list, in `next` order, then departures in `previous` order. */
export function diffSnapshots(previous: readonly Study[], next: readonly Study[], options: DiffOptions = {}): QueueEvent[] {
  // Whatever is left in `before` after the pass over `next` has departed (Maps keep insertion order).
  const before = indexById(previous)
  const events: QueueEvent[] = []
  for (const study of next) {
    const old = before.get(study.studyId)
    if (!old) {
      events.push({ kind: options.knownCancelled?.has(study.studyId) ? 'uncancelled' : 'arrived', study })
      continue
    }
    before.delete(study.studyId)
    const up = severityRank(study.severity) - severityRank(old.severity)
    if (up > 0) events.push({ kind: 'escalated', study, from: old.severity })
    else if (up < 0) events.push({ kind: 'downgraded', study, from: old.severity })
    else if (study.severity !== old.severity || visiblyChanged(old, study)) events.push({ kind: 'changed', study, previous: old })
  }
  for (const old of before.values()) {
    const current = options.resolved?.get(old.studyId)
    if (current === undefined) {
      events.push({ kind: 'departed', study: old })
      continue
    }
    if (current === null) {
      // The service no longer knows the study: treat it like a cancellation (it cannot be read).
      events.push({ kind: 'cancelled', study: old, previous: old })
      continue
    }
    const reason = classifyDeparture(current, options.userId ?? old.assignedTo?.userId)
    // Still the user's by its fields (e.g. a list/lookup race): nothing to report beyond "departed".
    events.push(reason ? { kind: reason, study: current, previous: old } : { kind: 'departed', study: current })
  }
  return events
}
