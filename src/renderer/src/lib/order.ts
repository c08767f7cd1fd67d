/**
 * The queue order, as the core defines it: stat > high > normal, then longest waiting first.
 * The core already sends snapshots in this order; the renderer re-applies it so a view that
 * mixes sources (or an older core) can never show a stat study below a normal one.
 */
import type { Study } from '@shared/ipc/contract'
import { severityLook } from './severity'
import { parseTime } from './time'

export function compareStudies(a: Study, b: Study): number {
  const bySeverity = severityLook(a.severity).rank - severityLook(b.severity).rank
  if (bySeverity !== 0) return bySeverity
  // Unknown creation time waits "forever" so it is not hidden at the bottom.
  const aCreated = parseTime(a.createdAt) ?? Number.NEGATIVE_INFINITY
  const bCreated = parseTime(b.createdAt) ?? Number.NEGATIVE_INFINITY
  if (aCreated !== bCreated) return aCreated < bCreated ? -1 : 1
  return a.studyId < b.studyId ? -1 : a.studyId > b.studyId ? 1 : 0
}

export function orderStudies(studies: readonly Study[]): Study[] {
  return [...studies].sort(compareStudies)
}
