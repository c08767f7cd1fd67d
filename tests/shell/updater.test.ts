/**
 * The update adapter (src/main/electron/updater.ts) with a recording stand-in for electron-updater's
 * autoUpdater, injected as the module loader: without a feed (or unpackaged) the module is never
 * loaded; with one, the generic provider gets the feed, downloads run in the background and install
 * at quit, the feed is asked at start and on the interval, and the log names the feed by origin only.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UPDATE_CHECK_INTERVAL_MS, startUpdateChecks, type AppUpdaterPort } from '@main/electron/updater'
import { recordingLogger } from '../persistence/helpers'
import { ensureBuiltBundles } from './build-output'
import { MAIN_BUNDLE } from './shell-process'

const FEED = 'https://updates.clinic.example/companion/internal-path/'

/** Records what the adapter asks of electron-updater's autoUpdater. */
function fakeUpdater(checkResult: Promise<unknown> = Promise.resolve(null)) {
  const calls: string[] = []
  const listeners = new Map<string, (value: never) => void>()
  const updater: AppUpdaterPort & { feed?: unknown } = {
    updateConfigPath: null,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: 'its own',
    setFeedURL(options) {
      updater.feed = options
    },
    checkForUpdates() {
      calls.push('check')
      return checkResult
    },
    on(event: string, listener: (value: never) => void) {
      listeners.set(event, listener)
      return updater
    }
  }
  return { updater, calls, emit: (event: string, value: unknown) => listeners.get(event)?.(value as never) }
}

/** Keeps the updater configuration in memory. */
function configFiles() {
  const written: string[] = []
  return { written, writeUpdateConfig: (text: string) => (written.push(text), '/profile/app-update.yml') }
}

function timers() {
  const scheduled: Array<{ run: () => void; ms: number }> = []
  let cleared = 0
  return {
    scheduled,
    cleared: () => cleared,
    setInterval: (run: () => void, ms: number) => (scheduled.push({ run, ms }), { unref: () => undefined }),
    clearInterval: () => void cleared++
  }
}

describe('update checks', () => {
  it('never load electron-updater without a feed, or in an unpackaged build', async () => {
    let loads = 0
    const loadUpdater = async () => (loads++, fakeUpdater().updater)
    const logger = recordingLogger()
    const config = configFiles()
    expect(await startUpdateChecks({ feedUrl: null, isPackaged: true, loadUpdater, logger, ...config })).toBeNull()
    expect(await startUpdateChecks({ feedUrl: FEED, isPackaged: false, loadUpdater, logger, ...config })).toBeNull()
    expect(loads).toBe(0)
    expect(config.written).toEqual([])
    expect(logger.entries.map((entry) => entry.message)).toEqual(['updates: not checked in an unpackaged build'])
  })

  it('with a feed, set the generic provider to it, download in the background, install at quit, check at start and on the interval', async () => {
    const fake = fakeUpdater()
    const clock = timers()
    const logger = recordingLogger()
    const config = configFiles()
    const checks = await startUpdateChecks({ feedUrl: FEED, isPackaged: true, loadUpdater: async () => fake.updater, logger, ...clock, ...config })
    expect(fake.updater.feed).toEqual({ provider: 'generic', url: FEED })
    expect(fake.updater.updateConfigPath).toBe('/profile/app-update.yml')
    expect(config.written).toEqual([`provider: generic\nurl: "${FEED}"\nupdaterCacheDirName: "reading-room-companion-updater"\n`])
    expect(fake.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, logger: null })
    expect(fake.calls).toEqual(['check'])
    expect(clock.scheduled.map((entry) => entry.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS])
    clock.scheduled[0]!.run()
    expect(fake.calls).toEqual(['check', 'check'])
    fake.emit('update-downloaded', { version: '9.9.9' })
    expect(logger.entries).toContainEqual({ level: 'info', message: 'updates: downloaded; installs when the app quits', fields: { version: '9.9.9' } })
    checks?.stop()
    expect(clock.cleared()).toBe(1)
    // The log names the feed by its origin: never its path.
    expect(JSON.stringify(logger.entries)).toContain('https://updates.clinic.example')
    expect(JSON.stringify(logger.entries)).not.toContain('internal-path')
  })

  it('log a failed check or update by error name, without the address', async () => {
    const fake = fakeUpdater(Promise.reject(new TypeError(`fetch ${FEED}latest.yml failed`)))
    const logger = recordingLogger()
    await startUpdateChecks({ feedUrl: FEED, isPackaged: true, loadUpdater: async () => fake.updater, logger, ...timers(), ...configFiles() })
    fake.emit('error', new RangeError(`bad ${FEED}`))
    await expect.poll(() => logger.entries.filter((entry) => entry.level === 'warn').length).toBe(2)
    expect(JSON.stringify(logger.entries)).not.toContain('internal-path')
    expect(logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.fields?.error).sort()).toEqual(['RangeError', 'TypeError'])
  })

  it('are loaded lazily: the built main bundle imports electron-updater only dynamically', () => {
    ensureBuiltBundles()
    const bundle = readFileSync(MAIN_BUNDLE, 'utf8')
    expect(bundle).toMatch(/\bimport\(\s*["']electron-updater["']\s*\)/)
    expect(bundle).not.toMatch(/^import\s[^;]*["']electron-updater["']/m)
  })
})
