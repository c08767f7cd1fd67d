/**
 * The app window: locked-down webPreferences, the theme's background from the first frame (no
 * flash of the wrong brightness; window-background.ts), shown when ready, bounds restored and saved, and a close button
 * that keeps the app running in the tray (or minimised where no tray is visible).
 */
import { BrowserWindow, screen } from 'electron'
import type { Logger, WindowBounds } from '@main/engine/ports'
import { errorName } from '@main/engine/call-errors'
import type { AppPage } from './app-page'
import { MIN_WINDOW_SIZE, restorableBounds } from './window-bounds'

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true
} as const

export interface WindowDeps {
  page: AppPage
  /** Painted before the page's first frame: the background of the theme the page will show. */
  backgroundColor: string
  preloadPath: string
  iconPath: string
  savedBounds: WindowBounds | null
  saveBounds: (bounds: WindowBounds) => void
  /** True when quitting: close really closes. */
  isQuitting: () => boolean
  /** True when a tray icon is shown: closing hides; otherwise it minimises. */
  trayVisible: () => boolean
  showOnReady: boolean
  /** DevTools only in development: a packaged app at a workstation has no use for them. */
  devTools: boolean
  logger: Logger
}

export function createMainWindow(deps: WindowDeps): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const bounds = restorableBounds(deps.savedBounds, workAreas)
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Reading Room Companion',
    backgroundColor: deps.backgroundColor,
    icon: deps.iconPath,
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: deps.devTools, preload: deps.preloadPath }
  })
  if (deps.savedBounds?.maximized) window.maximize()

  window.once('ready-to-show', () => {
    if (deps.showOnReady) window.show()
  })

  let saveTimer: ReturnType<typeof setTimeout> | undefined
  const saveNow = () => {
    if (window.isDestroyed()) return
    const normal = window.getNormalBounds()
    deps.saveBounds({ ...normal, maximized: window.isMaximized() })
  }
  const saveSoon = () => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(saveNow, 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)

  window.on('close', (event) => {
    clearTimeout(saveTimer)
    saveNow()
    if (deps.isQuitting()) return
    // Closing keeps the companion watching for stat studies.
    event.preventDefault()
    if (deps.trayVisible()) window.hide()
    else window.minimize()
  })

  window.loadURL(deps.page.url).catch((error: unknown) => {
    deps.logger.error('the app page failed to load', { error: errorName(error) })
  })
  return window
}

export function revealWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  if (!window.isVisible()) window.show()
  window.focus()
}
