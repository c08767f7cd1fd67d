/**
 * How a policy alert looks as a native notification, per OS. Pure, so the Linux stat rules
 * (critical urgency, never time out) are tested without a notification server.
 */
import type { NotificationConstructorOptions } from 'electron'
import type { AlertNotice } from '@shared/ipc/contract'

export function notificationOptions(
  notice: AlertNotice,
  platform: NodeJS.Platform,
  iconPath: string | undefined,
  sound = true
): NotificationConstructorOptions {
  const stat = notice.level === 'stat'
  const options: NotificationConstructorOptions = {
    title: notice.title,
    body: notice.body,
    // settings.alerts.sound: the OS's notification sound, or none.
    silent: !sound
  }
  if (iconPath) options.icon = iconPath
  if (platform === 'linux') {
    // A stat alert must stay on screen until the radiologist acts on it.
    options.urgency = stat ? 'critical' : 'normal'
    options.timeoutType = stat ? 'never' : 'default'
  }
  if (platform === 'win32' && stat) options.timeoutType = 'never'
  return options
}
