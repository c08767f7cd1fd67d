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
 * did not change (a greedy pass: everything not upserted keeps its relative order, which is all
 * `applyListChange` needs). Null when the lists are the same.
 */
export function buildListChange(previous: readonly QueueStudy[], next: readonly QueueStudy[]): ListChange | null {
  const before = new Map<string, QueueStudy>()
  for (const study of previous) before.set(queueKey(study), study)
  const upserted = new Set<string>()
  const nextKeys = new Set<string>()
  for (const study of next) {
    const key = queueKey(study)
    nextKeys.add(key)
    if (before.get(key) !== study) upserted.add(key)
  }
  const removals: string[] = []
  for (const key of before.keys()) if (!nextKeys.has(key)) removals.push(key)

  const upserts: ListChange['upserts'] = []
  let j = 0
  for (let index = 0; index < next.length; index++) {
    const study = next[index]!
    const key = queueKey(study)
    if (!upserted.has(key)) {
      // Skip what left or is placed anew; the first kept study of `previous` must be this one.
      while (j < previous.length && (!nextKeys.has(queueKey(previous[j]!)) || upserted.has(queueKey(previous[j]!)))) j++
      if (j < previous.length && previous[j] === study) {
        j++
        continue
      }
      upserted.add(key) // it moved: placed at its index like a new one
    }
    upserts.push({ key, index, study })
  }
  if (upserts.length === 0 && removals.length === 0) return null
  return { upserts, removals, length: next.length }
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
