/**
 * Native notifications for the policy's alerts. Electron holds main-process Notification objects
 * weakly: without our reference a notification can be collected and its click lost, so each one
 * stays in `live` until it is clicked, closed or fails.
 */
import { Notification } from 'electron'
import type { Logger, Notifier } from '@main/engine/ports'
import type { AlertNotice } from '@shared/ipc/contract'
import { notificationOptions } from './notification-options'

export interface NativeNotifierDeps {
  platform: NodeJS.Platform
  iconPath: string | undefined
  /** Called with the notice's study IDs when the user clicks it. */
  onClick: (studyIds: string[]) => void
  logger: Logger
}

export interface NativeNotifier extends Notifier {
  /** How many notifications are still referenced (tests, diagnostics). */
  liveCount(): number
  /** Follows settings.alerts.sound. */
  setSound(enabled: boolean): void
}

export function createNativeNotifier(deps: NativeNotifierDeps): NativeNotifier {
  const live = new Set<Notification>()
  let sound = true
  return {
    liveCount: () => live.size,
    setSound(enabled) {
      sound = enabled
    },
    show(notice: AlertNotice): void {
      if (!Notification.isSupported()) {
        deps.logger.warn('native notifications unsupported on this desktop; the in-app alert remains', { alertId: notice.id })
        return
      }
      const notification = new Notification(notificationOptions(notice, deps.platform, deps.iconPath, sound))
      live.add(notification)
      const release = () => live.delete(notification)
      notification.once('click', () => {
        release()
        deps.onClick([...notice.studyIds])
      })
      notification.once('close', release)
      notification.once('failed', (_event, error) => {
        release()
        deps.logger.warn('native notification failed', { alertId: notice.id, error })
      })
      notification.show()
      deps.logger.info('native notification shown', { alertId: notice.id, level: notice.level, studies: notice.studyIds.length })
    }
  }
}
