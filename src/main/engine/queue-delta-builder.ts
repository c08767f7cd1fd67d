/**
 * The queue's changes for the page (the format and how the page applies it:
 * src/shared/ipc/queue-delta.ts). Built from the snapshot the page last got and the queue now;
 * the WorkQueue keeps a study's object while it does not change, so "changed" is an identity test
 * and an unchanged queue of 10,000 studies costs one pass without copies of its studies.
 */
import type { ClosedStudy, QueueSnapshot, QueueStudy, SeverityCounts, StudyAlertState } from '@shared/ipc/contract'
import { queueKey, type ListChange, type QueueDelta } from '@shared/ipc/queue-delta'

/** What a delta says beyond its numbering (the engine adds epoch, seq and baseSeq). */
export type QueueChange = Omit<QueueDelta, 'epoch' | 'seq' | 'baseSeq'>

/** The queue as the page sees it, without the numbering. */
export type QueueView = Omit<QueueSnapshot, 'epoch' | 'seq'>

/**
 * Upserts and removals that turn `previous` into `next` (both in the engine's order). A study is
 * upserted when it is new, when its object changed, or when it moved relative to the studies that
 * did not change (everything not upserted keeps its relative order, which is all `applyListChange`
 * needs). Null when the lists are the same.
 *
 * Unchanged studies are the same object in both lists, so they are told apart by identity, and
 * keys are made only for the studies that changed: building and hashing a key for each of 10,000
 * studies, several times per delta, blocked the event loop for 60 ms (docs/core.md, "Changes, not
 * copies"). A few edits (the usual poll) cost one walk of the lists (`keptByFewEdits`); more fall
 * back to sets of the objects.
 */
export function buildListChange(previous: readonly QueueStudy[], next: readonly QueueStudy[], maxWalkedEdits = MAX_WALKED_EDITS): ListChange | null {
  if (previous.length === next.length && previous.every((study, i) => next[i] === study)) return null
  const kept = keptByFewEdits(previous, next, maxWalkedEdits) ?? keptBySets(previous, next)
  const upserts: ListChange['upserts'] = []
  /** Keys of the studies placed anew (arrived, changed or moved): not removals. */
  const placed = new Set<string>()
  for (let index = 0; index < next.length; index++) {
    if (kept.inNext[index]) continue
    const study = next[index]!
    const key = queueKey(study)
    placed.add(key)
    upserts.push({ key, index, study })
  }
  const removals: string[] = []
  for (let index = 0; index < previous.length; index++) {
    if (kept.inPrevious[index]) continue
    const key = queueKey(previous[index]!)
    if (!placed.has(key)) removals.push(key)
  }
  if (upserts.length === 0 && removals.length === 0) return null
  return { upserts, removals, length: next.length }
}

/** Which entries of each list stay as they are (the same object, in the same relative order). */
interface KeptStudies {
  inPrevious: Uint8Array
  inNext: Uint8Array
}

/** Edits up to which the walk is used: its cost grows with the list times the edits. */
export const MAX_WALKED_EDITS = 256

/**
 * The longest run of the same objects in the same order, when the lists differ by at most
 * `maxEdits` insertions and deletions (Myers' difference algorithm, on identity); null beyond.
 */
function keptByFewEdits<T>(previous: readonly T[], next: readonly T[], maxEdits: number): KeptStudies | null {
  const n = previous.length
  const m = next.length
  const max = Math.min(n + m, maxEdits)
  const offset = max + 1
  let furthest = new Int32Array(2 * max + 3)
  /** The furthest points before each step, to walk back the path that got there. */
  const trace: Int32Array[] = []
  for (let d = 0; d <= max; d++) {
    trace.push(furthest)
    furthest = furthest.slice()
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && furthest[offset + k - 1]! < furthest[offset + k + 1]!) ? furthest[offset + k + 1]! : furthest[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && previous[x] === next[y]) {
        x++
        y++
      }
      furthest[offset + k] = x
      if (x >= n && y >= m) return walkBack(trace, offset, n, m, d)
    }
  }
  return null
}

function walkBack(trace: readonly Int32Array[], offset: number, n: number, m: number, edits: number): KeptStudies {
  const kept: KeptStudies = { inPrevious: new Uint8Array(n), inNext: new Uint8Array(m) }
  let x = n
  let y = m
  for (let d = edits; d >= 0; d--) {
    const before = trace[d]!
    const k = x - y
    const fromK = k === -d || (k !== d && before[offset + k - 1]! < before[offset + k + 1]!) ? k + 1 : k - 1
    const fromX = d === 0 ? 0 : before[offset + fromK]!
    const fromY = d === 0 ? 0 : fromX - fromK
    while (x > fromX && y > fromY) {
      x--
      y--
      kept.inPrevious[x] = 1
      kept.inNext[y] = 1
    }
    x = fromX
    y = fromY
  }
  return kept
}

/**
 * The same for any number of edits, by sets of the objects: a study is kept when its object is in
 * both lists and it did not move past another kept study (a greedy pass).
 */
function keptBySets(previous: readonly QueueStudy[], next: readonly QueueStudy[]): KeptStudies {
  const inPrevious = new Set<QueueStudy>(previous)
  const inNext = new Set<QueueStudy>(next)
  const kept: KeptStudies = { inPrevious: new Uint8Array(previous.length), inNext: new Uint8Array(next.length) }
  /** Studies in both lists placed anew because they moved. */
  const moved = new Set<QueueStudy>()
  let j = 0
  for (let index = 0; index < next.length; index++) {
    const study = next[index]!
    if (!inPrevious.has(study)) continue
    // Skip what left, changed or moved; the next study of `previous` still kept must be this one, or it moved.
    while (j < previous.length && (!inNext.has(previous[j]!) || moved.has(previous[j]!))) j++
    if (j < previous.length && previous[j] === study) {
      kept.inPrevious[j++] = 1
      kept.inNext[index] = 1
    } else {
      moved.add(study)
    }
  }
  return kept
}

function sameAlert(a: StudyAlertState, b: StudyAlertState): boolean {
  return a.status === b.status && a.firstAlertedAt === b.firstAlertedAt && a.alertCount === b.alertCount && a.snoozedUntil === b.snoozedUntil
}

function alertChange(previous: Record<string, StudyAlertState>, next: Record<string, StudyAlertState>): QueueChange['alerts'] | undefined {
  const set: Record<string, StudyAlertState> = {}
  let changed = false
  for (const [id, state] of Object.entries(next)) {
    const old = previous[id]
    if (old && sameAlert(old, state)) continue
    set[id] = state
    changed = true
  }
  const cleared = Object.keys(previous).filter((id) => !Object.hasOwn(next, id))
  return changed || cleared.length > 0 ? { set, cleared } : undefined
}

const sameCounts = (a: SeverityCounts, b: SeverityCounts): boolean => a.stat === b.stat && a.high === b.high && a.normal === b.normal

function sameCountsByAccount(a: Record<string, SeverityCounts> | undefined, b: Record<string, SeverityCounts> | undefined): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])
  for (const key of keys) {
    const x = a?.[key]
    const y = b?.[key]
    if (!x || !y || !sameCounts(x, y)) return false
  }
  return true
}

const sameClosed = (a: readonly ClosedStudy[], b: readonly ClosedStudy[]): boolean =>
  a === b || (a.length === b.length && a.every((c, i) => c.study === b[i]!.study && c.reason === b[i]!.reason && c.at === b[i]!.at))

/**
 * The change from what the page has to the queue now, or null when the page shows it already. A
 * new `fetchedAt` alone is no change: the connection event's `lastSuccessAt` is the "still fresh" tick.
 */
export function buildQueueChange(sent: QueueView, now: QueueView): QueueChange | null {
  const mine = buildListChange(sent.mine, now.mine)
  const statPool = buildListChange(sent.statPool, now.statPool)
  const closed = sameClosed(sent.closed, now.closed) ? undefined : now.closed
  const alerts = alertChange(sent.alerts, now.alerts)
  const counts = now.counts ?? { stat: 0, high: 0, normal: 0 }
  const old = sent.counts ?? { stat: 0, high: 0, normal: 0 }
  const countsChanged = !sameCounts(counts, old) || !sameCountsByAccount(sent.countsByAccount, now.countsByAccount)
  if (!mine && !statPool && !closed && !alerts && !countsChanged && sent.fromCache === now.fromCache) return null
  return {
    ...(mine ? { mine } : {}),
    ...(statPool ? { statPool } : {}),
    ...(closed ? { closed } : {}),
    ...(alerts ? { alerts } : {}),
    counts,
    ...(now.countsByAccount ? { countsByAccount: now.countsByAccount } : {}),
    fetchedAt: now.fetchedAt,
    fromCache: now.fromCache
  }
}
