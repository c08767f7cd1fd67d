/**
 * Updates from a feed the clinic hosts (docs/packaging.md, "Updates"): off unless the
 * administrator's policy names one (`updates.feedUrl`) and the app is packaged. Only then is
 * electron-updater loaded (lazily: no feed, no module), pointed at the feed with its generic
 * provider, asked at start and every few hours, and what happened is logged without the address
 * (the feed's origin only, errors by name).
 *
 * A newer version is downloaded in the background and installed when the app quits
 * (autoInstallOnAppQuit). The app never restarts itself to install: a radiologist reading a study
 * in the viewer is never interrupted, and the update waits for the next quit or restart.
 */
import type { Logger } from '@main/engine/ports'
import { errorName } from '@main/engine/call-errors'

/** How often a running app asks the feed again after the check at start. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000

/** Where electron-updater keeps downloads (electron-builder's default for our package name). */
export const UPDATER_CACHE_DIR_NAME = 'reading-room-companion-updater'

/**
 * electron-updater reads an `app-update.yml` before it downloads (its cache folder), which
 * electron-builder writes only when a build has a `publish` feed; ours have none (the feed is the
 * policy's), so the adapter writes the equivalent into the profile. JSON strings are YAML strings.
 */
export function updateConfigText(feedUrl: string): string {
  return `provider: generic\nurl: ${JSON.stringify(feedUrl)}\nupdaterCacheDirName: ${JSON.stringify(UPDATER_CACHE_DIR_NAME)}\n`
}

/** The parts of electron-updater's `autoUpdater` this adapter uses. */
export interface AppUpdaterPort {
  /** The app-update.yml it reads (see updateConfigText). */
  updateConfigPath: string | null
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  logger: unknown
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdates(): Promise<unknown>
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown
}

export interface UpdaterDeps {
  /** The policy's `updates.feedUrl`, or null when it names none. */
  feedUrl: string | null
  isPackaged: boolean
  /** Loads electron-updater; called only when a feed is configured and the app is packaged. */
  loadUpdater: () => Promise<AppUpdaterPort>
  /** Writes the updater's app-update.yml (text from updateConfigText) and returns its path. */
  writeUpdateConfig: (text: string) => string
  logger: Logger
  setInterval?: (run: () => void, ms: number) => { unref?: () => void }
  clearInterval?: (timer: unknown) => void
}

export interface UpdateChecks {
  stop(): void
}

/** Starts update checks when configured; resolves null (and loads nothing) otherwise. */
export async function startUpdateChecks(deps: UpdaterDeps): Promise<UpdateChecks | null> {
  const { feedUrl, logger } = deps
  if (!feedUrl) return null
  const origin = feedOrigin(feedUrl)
  if (!deps.isPackaged) {
    logger.info('updates: not checked in an unpackaged build', { feed: origin })
    return null
  }
  let updater: AppUpdaterPort
  try {
    updater = await deps.loadUpdater()
  } catch (error) {
    logger.error('updates: electron-updater could not be loaded', { error: errorName(error) })
    return null
  }
  try {
    updater.updateConfigPath = deps.writeUpdateConfig(updateConfigText(feedUrl))
  } catch (error) {
    logger.error('updates: the updater configuration could not be written', { error: errorName(error) })
    return null
  }
  updater.autoDownload = true
  updater.autoInstallOnAppQuit = true
  // Its own logger would write the feed's full address and file names; this adapter logs instead.
  updater.logger = null
  updater.setFeedURL({ provider: 'generic', url: feedUrl })
  updater.on('update-available', (info) => logger.info('updates: a newer version is downloading', { version: info.version }))
  updater.on('update-not-available', (info) => logger.info('updates: up to date', { version: info.version }))
  updater.on('update-downloaded', (info) => logger.info('updates: downloaded; installs when the app quits', { version: info.version }))
  updater.on('error', (error) => logger.warn('updates: failed', { feed: origin, error: errorName(error) }))

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => logger.warn('updates: check failed', { feed: origin, error: errorName(error) }))
  }
  logger.info('updates: checking the feed at start and every few hours', { feed: origin, everyHours: UPDATE_CHECK_INTERVAL_MS / 3_600_000 })
  check()
  const every = deps.setInterval ?? setInterval
  const timer = every(check, UPDATE_CHECK_INTERVAL_MS)
  // The timer alone must not keep the app alive.
  timer.unref?.()
  return { stop: () => (deps.clearInterval ?? clearInterval)(timer as never) }
}

/** electron-updater's `autoUpdater`, imported on first use (CommonJS: named export or on `default`). */
export async function loadElectronUpdater(): Promise<AppUpdaterPort> {
  const module = (await import('electron-updater')) as unknown as { autoUpdater?: unknown; default?: { autoUpdater?: unknown } }
  const updater = module.autoUpdater ?? module.default?.autoUpdater
  if (!updater) throw new Error('electron-updater exports no autoUpdater')
  return updater as AppUpdaterPort
}

/** What the log may say about the feed: its origin (the path can name a clinic's internal layout). */
function feedOrigin(feedUrl: string): string {
  try {
    return new URL(feedUrl).origin
  } catch {
    return '(not a URL)'
  }
}
