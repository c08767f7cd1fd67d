/**
 * The work order, written once: stat before high before normal (an unknown severity ranks with
 * normal: shown, never dropped), then longest waiting first (a missing or unparsable `createdAt`
 * after every real time), then the study ID so ties never flicker. The engine's queue
 * (src/main/engine/queue.ts) sorts 10,000 studies with a faster path that a test holds equal to
 * this comparator; views that order studies the engine did not send (the clinic board) use it as is.
 */
import type { Severity } from '@shared/avara/contract'

export function severityRank(severity: string): number {
  return severity === 'stat' ? 2 : severity === 'high' ? 1 : 0
}

/** The bucket a study is counted in: unknown severities count as normal, as they rank. */
export function severityBucket(severity: string): Severity {
  const rank = severityRank(severity)
  return rank === 2 ? 'stat' : rank === 1 ? 'high' : 'normal'
}

/** Milliseconds of `createdAt`, or +Infinity when it is missing or unparsable (sorts last). */
export function createdAtMs(createdAt: string | null | undefined): number {
  if (createdAt == null) return Number.POSITIVE_INFINITY
  const ms = Date.parse(createdAt)
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms
}

interface Orderable {
  studyId: string
  severity: string
  createdAt: string | null
}

export function compareByUrgency(a: Orderable, b: Orderable): number {
  const rank = severityRank(b.severity) - severityRank(a.severity)
  if (rank !== 0) return rank
  const am = createdAtMs(a.createdAt)
  const bm = createdAtMs(b.createdAt)
  if (am !== bm) return am < bm ? -1 : 1
  return a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : 0
}
