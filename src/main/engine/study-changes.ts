/**
 * Change notices for the renderer: the queue diff's events (queue.ts) in the user's terms, so
 * nothing leaves the queue unexplained and the page never re-derives why. Pure: time and the
 * "opened recently" record are passed in.
 */
import type { Study } from '@shared/avara/contract'
import { personDisplayName } from '@shared/avara/person'
import { studyKey, type StudyChange } from '@shared/ipc/contract'
import type { QueueEvent } from './queue'

/** A change to a study opened from this app within this long is announced more strongly. */
export const OPENED_RECENTLY_MS = 60 * 60_000

/** When studies were acted on from this app (opened: the viewer is probably still showing them), by `studyKey`. */
export class RecentlyOpened {
  readonly #at = new Map<string, number>()

  note(key: string, now: number): void {
    this.#at.set(key, now)
  }

  has(key: string, now: number): boolean {
    const at = this.#at.get(key)
    if (at === undefined) return false
    if (now - at <= OPENED_RECENTLY_MS) return true
    this.#at.delete(key)
    return false
  }
}

export interface ChangeContext {
  /** The account whose queue the events are of. */
  accountId: string
  now: number
  /** When this account's queue was last fetched before this poll; null on the first poll. */
  previousFetchAt: number | null
  opened: RecentlyOpened
  /** Whether the user changed the study through this app (marked it complete here): not news. */
  ownAction?: (studyId: string) => boolean
}

const createdMs = (study: Study) => (study.createdAt ? Date.parse(study.createdAt) : Number.NaN)

/**
 * One notice per event that changes what the user sees. An arrival is "reassigned to me" only when
 * the study existed before the previous fetch (a study created since is simply new, and the stat
 * alert covers it); arrivals on the first poll are no change at all.
 */
export function studyChanges(events: readonly QueueEvent[], context: ChangeContext): StudyChange[] {
  const at = new Date(context.now).toISOString()
  const changes: StudyChange[] = []
  const add = (kind: StudyChange['kind'], study: Study, extra: Partial<StudyChange> = {}) =>
    changes.push({
      id: `${kind}-${context.accountId}-${study.studyId}-${context.now}`,
      kind,
      accountId: context.accountId,
      studyId: study.studyId,
      description: study.studyDescription,
      at,
      openedRecently: context.opened.has(studyKey({ accountId: context.accountId, studyId: study.studyId }), context.now),
      ...extra
    })
  for (const event of events) {
    if (context.ownAction?.(event.study.studyId)) continue
    switch (event.kind) {
      case 'cancelled':
      case 'uncancelled':
      case 'completed':
      case 'departed':
        add(event.kind, event.study)
        break
      case 'reassignedAway': {
        const to = event.study.assignedTo ?? null
        add('reassignedAway', event.study, { assignee: to ? personDisplayName(to) : null })
        break
      }
      case 'escalated':
      case 'downgraded':
        add('severityChanged', event.study, { from: event.from, to: event.study.severity })
        break
      case 'arrived': {
        if (context.previousFetchAt === null) break
        const created = createdMs(event.study)
        if (!Number.isNaN(created) && created < context.previousFetchAt) add('reassignedToMe', event.study)
        break
      }
      case 'changed':
        break
    }
  }
  return changes
}
