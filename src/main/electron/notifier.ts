/**
 * Native notifications for the policy's alerts. Electron holds main-process Notification objects
 * weakly: without our reference a notification can be collected and its click lost, so each one
 * stays in `live` until it is clicked, closed or fails. A notification cannot be created before the
 * app is ready: one raised earlier waits and is shown once it is (it never needs the window).
 * A notice counts as delivered when the system showed it (`show`), not when it was handed over.
 * Grouped like the page's browser notifications: one live notification per study (a reminder
 * closes and replaces the earlier one), and a summary replaces the earlier summary and the single
 * ones it covers, so a shift never piles them up.
 */
import { Notification } from 'electron'
import type { Logger, Notifier } from '@main/engine/ports'
import { studyKey, type AlertNotice, type StudyRef } from '@shared/ipc/contract'
import { notificationOptions } from './notification-options'

export interface NativeNotifierDeps {
  platform: NodeJS.Platform
  iconPath: string | undefined
  /** Called with the notice's study IDs when the user clicks it. */
  onClick: (studies: StudyRef[]) => void
  logger: Logger
  /** Default: ready (the shell builds the notifier after `app.whenReady()`). */
  isReady?: () => boolean
  whenReady?: () => Promise<unknown>
}

export interface NativeNotifier extends Notifier {
  /** How many notifications are still referenced (tests, diagnostics). */
  liveCount(): number
  /** Notices the system showed (its `show` event). */
  deliveredCount(): number
  /** Notices waiting for the app to be ready. */
  waitingCount(): number
  /** Follows settings.alerts.sound (a notice's own `sound`, its account's choice, comes first). */
  setSound(enabled: boolean): void
}

export function createNativeNotifier(deps: NativeNotifierDeps): NativeNotifier {
  const live = new Set<Notification>()
  /** The live notification of each group: `study:<id>` for one study, `<level>-summary` for several. */
  const byGroup = new Map<string, Notification>()
  // One live notification per study (account + study: the same ID in two accounts is two studies).
  const groupOf = (notice: AlertNotice) => (notice.studies.length === 1 ? `study:${studyKey(notice.studies[0]!)}` : `${notice.level}-summary`)
  function replace(group: string): void {
    const previous = byGroup.get(group)
    if (!previous) return
    byGroup.delete(group)
    live.delete(previous)
    previous.close()
  }
  const waiting: AlertNotice[] = []
  let delivered = 0
  let sound = true

  function present(notice: AlertNotice): void {
    if (!Notification.isSupported()) {
      deps.logger.warn('native notifications unsupported on this desktop; the in-app alert remains', { alertId: notice.id })
      return
    }
    const group = groupOf(notice)
    replace(group)
    if (notice.studies.length > 1) for (const ref of notice.studies) replace(`study:${studyKey(ref)}`)
    const notification = new Notification(notificationOptions(notice, deps.platform, deps.iconPath, notice.sound ?? sound))
    live.add(notification)
    byGroup.set(group, notification)
    const release = () => {
      live.delete(notification)
      if (byGroup.get(group) === notification) byGroup.delete(group)
    }
    notification.once('click', () => {
      release()
      deps.onClick([...notice.studies])
    })
    notification.once('close', release)
    notification.once('failed', (_event, error) => {
      release()
      deps.logger.warn('native notification failed', { alertId: notice.id, error })
    })
    notification.once('show', () => void delivered++)
    notification.show()
    deps.logger.info('native notification shown', { alertId: notice.id, level: notice.level, studies: notice.studyIds.length })
  }

  return {
    liveCount: () => live.size,
    deliveredCount: () => delivered,
    waitingCount: () => waiting.length,
    setSound(enabled) {
      sound = enabled
    },
    show(notice: AlertNotice): void {
      if (deps.isReady && !deps.isReady()) {
        waiting.push(notice)
        if (waiting.length === 1) {
          void (deps.whenReady?.() ?? Promise.resolve()).then(() => {
            for (const held of waiting.splice(0)) present(held)
          })
        }
        return
      }
      present(notice)
    }
  }
}
