/**
 * The tray icon (normal / stat-waiting / offline), its tooltip and menu, and the badge count. All
 * are rebuilt from the core's TraySummary whenever the queue, connection or alert pause changes.
 * On Linux a tray shows only with a context menu and ignores clicks, so everything is in the menu.
 */
import { join } from 'node:path'
import { Menu, Tray, nativeImage, type App, type NativeImage } from 'electron'
import type { Companion, TraySummary } from '@main/engine/companion-api'
import type { Logger } from '@main/engine/ports'
import { messagesFor } from './strings'
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu'

export type TrayState = TraySummary['state']

export function trayIconFile(resourcesDir: string, state: TrayState, platform: NodeJS.Platform): string {
  const name = state === 'stat-waiting' ? 'tray-stat' : state === 'offline' ? 'tray-offline' : 'tray-normal'
  // Linux panels are 22-32 px; macOS and Windows draw 16 pt and pick the @2x file on HiDPI.
  return join(resourcesDir, platform === 'linux' ? `${name}-32.png` : `${name}.png`)
}

export interface AppTray {
  update(): void
  destroy(): void
}

export interface TrayDeps {
  app: App
  companion: Companion
  actions: TrayActions
  resourcesDir: string
  platform: NodeJS.Platform
  now: () => number
  /** The system's regional format (`app.getSystemLocale()`): language of the words, 12/24 h of times. */
  locale?: string
  logger: Logger
}

export function createAppTray(deps: TrayDeps): AppTray {
  const icons = new Map<TrayState, NativeImage>()
  const icon = (state: TrayState) => {
    let image = icons.get(state)
    if (!image) {
      image = nativeImage.createFromPath(trayIconFile(deps.resourcesDir, state, deps.platform))
      icons.set(state, image)
    }
    return image
  }
  const tray = new Tray(icon('normal'))
  let lastState: TrayState = 'normal'

  const update = () => {
    if (tray.isDestroyed()) return
    const summary = deps.companion.traySummary()
    if (summary.state !== lastState) {
      tray.setImage(icon(summary.state))
      lastState = summary.state
    }
    const messages = messagesFor(deps.locale)
    tray.setToolTip(trayTooltip(summary, messages))
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(summary, deps.actions, deps.now(), { locale: deps.locale, messages })))
    updateBadge(deps.app, summary, deps.logger)
  }

  // macOS and Windows report clicks; Linux ignores them (the menu holds "Open queue").
  tray.on('click', () => deps.actions.showQueue())
  const unsubscribes = [
    deps.companion.on('queue.delta', update),
    deps.companion.on('connection.changed', update),
    deps.companion.on('alerts.pauseChanged', update),
    deps.companion.on('auth.changed', update)
  ]
  update()
  return {
    update,
    destroy() {
      for (const unsubscribe of unsubscribes) unsubscribe()
      if (!tray.isDestroyed()) tray.destroy()
    }
  }
}

/**
 * Dock / launcher badge: stat + high studies waiting. macOS and Linux (Unity launcher API) only;
 * Windows has no badge count (an overlay icon would be the equivalent; not done).
 */
function updateBadge(app: App, summary: TraySummary, logger: Logger): void {
  const count = summary.counts.stat + summary.counts.high
  try {
    app.setBadgeCount(count)
  } catch (error) {
    logger.debug('badge count not supported here', { error: error instanceof Error ? error.message : 'unknown' })
  }
}
