/**
 * One account's queue kept in the one order (queue.ts) and counted per severity as it changes: a
 * merge touches only the studies that changed, so each costs a binary search and one move in the
 * array instead of sorting and counting 10,000 studies again (docs/core.md, "Figures").
 */
import type { Severity, Study } from '@shared/avara/contract'
import { compareStudies, orderStudies, severityBucket } from './queue'

export type SeverityCounts = Record<Severity, number>

/** Studies per severity (unknown severities count as normal, as they rank): the one count. */
export function countBySeverity(studies: readonly Study[]): SeverityCounts {
  const counts: SeverityCounts = { stat: 0, high: 0, normal: 0 }
  for (const study of studies) counts[severityBucket(study.severity)]++
  return counts
}

export class OrderedStudies<S extends Study = Study> {
  #list: S[] = []
  #counts: SeverityCounts = { stat: 0, high: 0, normal: 0 }

  /** Start over from unordered studies (a cached queue, a reset): one sort. */
  reset(studies: readonly S[]): void {
    this.#list = orderStudies(studies)
    this.#counts = countBySeverity(this.#list)
  }

  /** The studies in order. Live: it changes with the next merge (copy it to keep it). */
  get list(): readonly S[] {
    return this.#list
  }

  /**
   * The studies of these severities when they are stat and high only (they lead the order: stat,
   * then high), a copy; null for any other severity (then every study must be looked at).
   */
  leading(severities: ReadonlySet<string>): S[] | null {
    for (const severity of severities) if (severity !== 'stat' && severity !== 'high') return null
    const start = severities.has('stat') ? 0 : this.#counts.stat
    const end = severities.has('high') ? this.#counts.stat + this.#counts.high : this.#counts.stat
    return this.#list.slice(start, end)
  }

  get counts(): SeverityCounts {
    return { ...this.#counts }
  }

  /** The first index whose study orders at or after `study`. */
  #lowerBound(study: Study): number {
    let low = 0
    let high = this.#list.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compareStudies(this.#list[mid]!, study) < 0) low = mid + 1
      else high = mid
    }
    return low
  }

  /** Take out this version of a study (the object the list holds). */
  remove(study: S): void {
    let at = this.#lowerBound(study)
    // Equal keys are the same study; the version is found by identity (a scan only if the key moved).
    if (this.#list[at] !== study) at = this.#list.indexOf(study)
    if (at < 0) return
    this.#list.splice(at, 1)
    this.#counts[severityBucket(study.severity)]--
  }

  insert(study: S): void {
    this.#list.splice(this.#lowerBound(study), 0, study)
    this.#counts[severityBucket(study.severity)]++
  }
}
