/**
 * The Electron shell: wires the core (createCompanion) to Electron's window, IPC, tray,
 * notifications, power events and login items. Every piece here is a thin adapter; behaviour
 * lives in the core, and the pure helpers beside this file are unit-tested in plain Node.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, Menu, app, ipcMain, nativeTheme, powerMonitor, safeStorage, session, shell } from 'electron'
import { createCompanion } from '@main/engine/companion'
import { managedConfigFrom, profileSettings } from '@main/engine/managed/managed-config'
import { loadPolicy } from '@main/node'
import { createFileActivityLog } from '@main/node/activity-log'
import type { Companion } from '@main/engine/companion-api'
import type { Logger } from '@main/engine/ports'
import { errorName } from '@main/engine/call-errors'
import { eventChannel, type MenuCommand, type Settings, type StudyRef } from '@shared/ipc/contract'
import { APP_USER_MODEL_ID } from './app-id'
import { resolveAppPage } from './app-page'
import { HIDDEN_START_ARG, trayProbablyVisible } from './desktop'
import { forwardCoreEvents, registerIpcHandlers } from './ipc'
import { USER_GUIDE_URL, appMenuTemplate } from './menu'
import { applyStartAtLogin } from './login-item'
import { createNativeNotifier } from './notifier'
import { createShellOpener } from './opener'
import { shellPaths } from './paths'
import { createElectronLogger } from './ports/logger'
import { createElectronSecretStore } from './ports/secrets'
import { createElectronStateStore } from './ports/state-store'
import { watchPower } from './power'
import { registerAppScheme, serveAppPage } from './protocol'
import { hardenAllWebContents, hardenSession } from './security'
import { messagesFor } from './strings'
import { createAppTray, type AppTray } from './tray'
import type { TrayActions } from './tray-menu'
import { createMainWindow, revealWindow } from './window'
import { windowBackground } from './window-background'
import { loadElectronUpdater, startUpdateChecks } from './updater'

export async function runElectronShell(mainDir: string): Promise<void> {
  // Before `ready`: the app:// scheme must be registered as privileged.
  registerAppScheme()
  if (!app.requestSingleInstanceLock()) {
    // Another instance runs: it receives `second-instance` and shows its window.
    app.quit()
    return
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  let window: BrowserWindow | null = null
  let quitting = false
  app.on('second-instance', () => revealWindow(window))
  app.on('before-quit', () => {
    quitting = true
  })
  // Closing the last window must not quit: the companion keeps watching from the tray.
  app.on('window-all-closed', () => undefined)

  await app.whenReady()
  const logger = createElectronLogger({ console: !app.isPackaged })
  const platform = process.platform
  const paths = shellPaths({ mainDir, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath })
  const page = resolveAppPage({ mainDir, isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL })
  hardenAllWebContents(app, page, logger)
  hardenSession(session.defaultSession, page)
  serveAppPage(page)

  const userDataDir = app.getPath('userData')
  const state = createElectronStateStore({ userDataDir, logger })
  // Read once at start, like the web shell: READING_ROOM_POLICY, else the system path.
  const policy = loadPolicy({ env: process.env, platform })
  let onNotificationClick: (studies: StudyRef[]) => void = () => undefined
  const notifier = createNativeNotifier({
    platform,
    iconPath: paths.notificationIcon,
    onClick: (ids) => onNotificationClick(ids),
    logger,
    isReady: () => app.isReady(),
    whenReady: () => app.whenReady()
  })
  const companion = createCompanion({
    shell: 'electron',
    version: app.getVersion(),
    secrets: createElectronSecretStore({ safeStorage, userDataDir, platform }),
    state,
    opener: createShellOpener(shell),
    notifier,
    logger,
    policy,
    activityLog: createFileActivityLog({ dir: userDataDir })
  })
  onNotificationClick = (studies) => {
    revealWindow(window)
    void companion.notificationClicked(studies).catch((error: unknown) => logger.error('opening from a notification failed', { error: errorName(error) }))
  }

  const appContents = () => (window && !window.isDestroyed() ? window.webContents : null)
  registerIpcHandlers({ ipcMain, companion, page, appContents, logger })
  forwardCoreEvents(companion, appContents)

  // Our own application menu (menu.ts); its Settings, Search and Keyboard shortcuts ask the page.
  const locale = systemLocale()
  const sendMenuCommand = (command: MenuCommand) => {
    revealWindow(window)
    const contents = appContents()
    if (contents && !contents.isDestroyed()) contents.send(eventChannel('menu.command'), { command })
  }
  const openUserGuide = () =>
    void shell.openExternal(USER_GUIDE_URL).catch((error: unknown) => logger.warn('opening the user guide failed', { error: errorName(error) }))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform, isPackaged: app.isPackaged, appName: app.getName(), messages: messagesFor(locale) }, { command: sendMenuCommand, openUserGuide })
    )
  )

  let tray: AppTray | null = null
  const trayVisible = () => tray !== null && trayProbablyVisible(platform, process.env)
  const actions = trayActions(companion, () => revealWindow(window), () => app.quit(), logger)
  try {
    tray = createAppTray({ app, companion, actions, resourcesDir: paths.resourcesDir, platform, now: Date.now, locale, logger })
  } catch (error) {
    // No tray (some Linux desktops): the window stays the way back; closing it minimises.
    logger.warn('tray unavailable', { error: errorName(error) })
  }

  const startHidden = process.argv.includes(HIDDEN_START_ARG) && trayVisible()
  // The theme the page will show, known before the engine starts: the saved choice (or the policy's), else the system's.
  let themeChoice = profileSettings(state.read(), managedConfigFrom(policy)).appearance.theme
  const paintBackground = () => {
    if (window && !window.isDestroyed()) window.setBackgroundColor(windowBackground(themeChoice, nativeTheme))
  }
  nativeTheme.on('updated', paintBackground)
  window = createMainWindow({
    page,
    backgroundColor: windowBackground(themeChoice, nativeTheme),
    preloadPath: paths.preload,
    iconPath: paths.windowIcon,
    savedBounds: state.read().window,
    saveBounds: (bounds) => state.saveWindowBounds(bounds),
    isQuitting: () => quitting,
    trayVisible,
    showOnReady: !startHidden,
    devTools: !app.isPackaged,
    logger
  })
  app.on('activate', () => revealWindow(window))

  watchPower(powerMonitor, companion)
  const followSettings = (settings: Settings) => {
    applyStartAtLogin(app, platform, settings.startAtLogin)
    notifier.setSound(settings.alerts.sound)
    themeChoice = settings.appearance.theme
    paintBackground()
  }
  companion.on('settings.changed', followSettings)
  stopCompanionOnQuit(companion, () => tray?.destroy(), logger)

  await companion.start()
  const initial = await companion.handle('app.getState', {})
  if (initial.ok) followSettings(initial.value.settings)
  tray?.update()
  // Only a policy's update feed turns updates on (updater.ts); an invalid policy is not applied at all.
  const feedUrl = policy.status === 'loaded' ? (policy.policy.updates?.feedUrl ?? null) : null
  const writeUpdateConfig = (text: string) => {
    const file = join(userDataDir, 'app-update.yml')
    writeFileSync(file, text, { mode: 0o600 })
    return file
  }
  const updates = await startUpdateChecks({ feedUrl, isPackaged: app.isPackaged, loadUpdater: loadElectronUpdater, writeUpdateConfig, logger })
  app.on('before-quit', () => updates?.stop())
  logger.info('electron shell ready', { version: app.getVersion(), trayVisible: trayVisible() })
}

/** The regional format the system uses (language, 12/24-hour clock); the UI language as a fallback. */
function systemLocale(): string | undefined {
  try {
    return app.getSystemLocale() || app.getLocale() || undefined
  } catch {
    return undefined
  }
}

function trayActions(companion: Companion, showQueue: () => void, quit: () => void, logger: Logger): TrayActions {
  const run = (what: string, call: Promise<{ ok: boolean }>) =>
    void call.then(
      (result) => {
        if (!result.ok) logger.warn('tray action failed', { action: what })
      },
      (error: unknown) => logger.error('tray action failed', { action: what, error: errorName(error) })
    )
  return {
    openStudy: (study) => run('open-study', companion.handle('study.open', study)),
    showQueue,
    refresh: () => run('refresh', companion.handle('queue.refresh', {})),
    pauseAlerts: (minutes) => run('pause-alerts', companion.handle('alerts.pause', { minutes })),
    resumeAlerts: () => run('resume-alerts', companion.handle('alerts.pause', { minutes: 0 })),
    quit
  }
}

/** Stops timers and flushes state once before the process exits. */
function stopCompanionOnQuit(companion: Companion, destroyTray: () => void, logger: Logger): void {
  let stopped = false
  app.on('will-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    void companion
      .stop()
      .catch((error: unknown) => logger.error('stopping the core failed', { error: errorName(error) }))
      .finally(() => {
        stopped = true
        destroyTray()
        app.quit()
      })
  })
}
