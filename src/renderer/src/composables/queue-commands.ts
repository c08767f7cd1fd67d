/**
 * Queue actions reached from several places (keys, the stat banner, the selection bar), so each
 * has one implementation: acknowledge every stat alert, jump to the next stat study, toggle the
 * alerts pause, mark the selected study complete or incomplete.
 */
import { studyKey } from '@shared/ipc/contract'
import { useNoticesStore } from '../stores/notices'
import { useQueueStore, type QueueItem } from '../stores/queue'

export async function acknowledgeAll(): Promise<void> {
  const queue = useQueueStore()
  for (const study of [...queue.alertingStat]) await queue.acknowledge(study)
}

/**
 * Selects the next stat study below the selection (wrapping to the top); when the view shows none,
 * switches to the list that holds an alerting one. Returns false when there is no stat study.
 */
export function selectNextStat(): boolean {
  const queue = useQueueStore()
  const stats = queue.items.map((item, index) => ({ item, index })).filter(({ item }) => item.study.severity === 'stat')
  const next = stats.find(({ index }) => index > queue.selectedIndex) ?? stats[0]
  if (next) {
    queue.select(next.item.key)
    return true
  }
  const alerting = queue.alertingStat[0]
  if (!alerting) return false
  const key = studyKey(alerting)
  queue.setView(queue.pool.some((s) => studyKey(s) === key) ? 'pool' : 'mine')
  if (queue.accountFilter !== null && queue.accountFilter !== alerting.accountId) queue.setAccountFilter(null)
  queue.select(key)
  return true
}

/** Pauses alerts for `minutes`, or resumes them when they are paused. */
export function togglePause(minutes: 30 | 60): void {
  const notices = useNoticesStore()
  void notices.pause(notices.paused ? 0 : minutes)
}

export function canComplete(item: QueueItem | null): item is QueueItem {
  return Boolean(item && !item.study.isCancelled)
}

/** Complete ↔ incomplete for the study, by its current viewer status. */
export function toggleComplete(item: QueueItem): void {
  void useQueueStore().setComplete(item.study, item.study.studyViewerStatus !== 'complete')
}

export function canSnooze(item: QueueItem | null): item is QueueItem {
  return item?.alert?.status === 'alerting' || item?.alert?.status === 'snoozed'
}
