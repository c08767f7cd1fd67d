/**
 * The Electron shell's pure parts, in plain Node: what counts as the app's page, the IPC door
 * check, the CSP, the last URL check before openExternal, the tray menu, notification options per
 * OS, the power gate, window bounds, tray visibility, and the safeStorage fallback's consent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QueueStudy } from '@shared/ipc/contract'
import type { AlertNotice } from '@shared/ipc/contract'
import type { TraySummary } from '@main/engine/companion-api'
import { SecretStoreError, createFallbackSecretStore, createMemorySecretStore } from '@main/engine/secrets'
import { createEncryptedFileSecretStore } from '@main/node'
import { isAppPageUrl, resolveAppPage, type AppPage } from '@main/electron/app-page'
import { resolveAppFile } from '@main/electron/app-files'
import { mimeType } from '@main/node/static/renderer-paths'
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from '@main/electron/csp'
import { trayProbablyVisible } from '@main/electron/desktop'
import { toOpenableUrl } from '@main/electron/external-url'
import { notificationOptions } from '@main/electron/notification-options'
import { createPowerGate } from '@main/electron/power-gate'
import { isTrustedSender, type FrameLike, type SenderLike } from '@main/electron/sender-guard'
import { formatWait, statStudyLabel, trayMenuTemplate, trayTooltip, type TrayActions } from '@main/electron/tray-menu'
import { DEFAULT_WINDOW_SIZE, restorableBounds } from '@main/electron/window-bounds'
import { createFileConsent, safeStorageCipher } from '@main/electron/ports/secrets'
import { applyStartAtLogin } from '@main/electron/login-item'

const built: AppPage = resolveAppPage({ mainDir: '/opt/rrc/out/main', isPackaged: true, devServerUrl: 'http://localhost:5173' })

describe('app page', () => {
  it('ignores the dev-server URL in a packaged app', () => {
    expect(built).toEqual({ kind: 'app-protocol', url: 'app://companion/index.html', rendererDir: '/opt/rrc/out/renderer' })
  })
  it('uses a dev-server URL only when unpacked and only if http(s)', () => {
    expect(resolveAppPage({ mainDir: '/x/out/main', isPackaged: false, devServerUrl: 'http://localhost:5173/' }).kind).toBe('dev-server')
    expect(resolveAppPage({ mainDir: '/x/out/main', isPackaged: false, devServerUrl: 'file:///etc/passwd' }).kind).toBe('app-protocol')
  })
  it('recognises only app://companion pages', () => {
    expect(isAppPageUrl(built, 'app://companion/index.html')).toBe(true)
    expect(isAppPageUrl(built, 'app://companion/index.html#/settings')).toBe(true)
    for (const url of ['app://evil/index.html', 'file:///opt/rrc/out/renderer/index.html', 'https://companion/index.html', 'app://user@companion/', 'not a url']) {
      expect(isAppPageUrl(built, url), url).toBe(false)
    }
    const dev = resolveAppPage({ mainDir: '/x', isPackaged: false, devServerUrl: 'http://localhost:5173' })
    expect(isAppPageUrl(dev, 'http://localhost:5173/src/main.ts')).toBe(true)
    expect(isAppPageUrl(dev, 'http://localhost:5174/')).toBe(false)
  })
})

describe('app:// files', () => {
  const root = '/opt/rrc/out/renderer'
  it('maps paths inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://companion/')).toBe(`${root}/index.html`)
    expect(resolveAppFile(root, 'app://companion/assets/index-abc.js')).toBe(`${root}/assets/index-abc.js`)
    expect(mimeType('x.js')).toMatch(/javascript/)
    expect(mimeType('x.bin')).toBe('application/octet-stream')
  })
  it('never leaves the renderer folder, and refuses other hosts and NUL bytes', () => {
    for (const url of ['app://companion/%2e%2e/%2e%2e/etc/passwd', 'app://companion/..%2F..%2Fetc/passwd', 'app://companion/%2E%2E%5C..%5Cwin.ini']) {
      const file = resolveAppFile(root, url)
      expect(file === null || file.startsWith(`${root}/`), `${url} -> ${file}`).toBe(true)
    }
    for (const url of ['app://companion/..%2F..%2Fetc/passwd', 'app://other/index.html', 'app://companion/a%00.html', 'app://companion/%E0%A4%A']) {
      expect(resolveAppFile(root, url), url).toBeNull()
    }
  })
})

describe('IPC sender check', () => {
  const mainFrame: FrameLike = { url: 'app://companion/index.html', parent: null, isDestroyed: () => false }
  const app: SenderLike = { id: 7, mainFrame }
  it('accepts the main frame of the app window on the app page', () => {
    expect(isTrustedSender({ sender: app, senderFrame: mainFrame }, app, built)).toBe(true)
  })
  it('refuses subframes, other contents, foreign pages, destroyed or missing frames, and no window', () => {
    const sub: FrameLike = { url: mainFrame.url, parent: mainFrame }
    const other: SenderLike = { id: 8, mainFrame: { url: mainFrame.url, parent: null } }
    const navigated: FrameLike = { url: 'https://evil.example/', parent: null }
    const gone: FrameLike = { url: mainFrame.url, parent: null, isDestroyed: () => true }
    expect(isTrustedSender({ sender: app, senderFrame: sub }, app, built)).toBe(false)
    expect(isTrustedSender({ sender: other, senderFrame: other.mainFrame }, app, built)).toBe(false)
    expect(isTrustedSender({ sender: { id: 7, mainFrame: navigated }, senderFrame: navigated }, { id: 7, mainFrame: navigated }, built)).toBe(false)
    expect(isTrustedSender({ sender: { id: 7, mainFrame: gone }, senderFrame: gone }, { id: 7, mainFrame: gone }, built)).toBe(false)
    expect(isTrustedSender({ sender: app, senderFrame: null }, app, built)).toBe(false)
    expect(isTrustedSender({ sender: app, senderFrame: mainFrame }, null, built)).toBe(false)
  })
})

describe('CSP', () => {
  it('replaces any CSP the response carried, whatever its case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] })
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
    )
  })
})

describe('URL check before shell.openExternal', () => {
  it('re-serialises https and loopback http', () => {
    expect(toOpenableUrl(new URL('https://viewer.example/studies/1?token=a b'))).toBe('https://viewer.example/studies/1?token=a%20b')
    expect(toOpenableUrl('http://127.0.0.1:4010/viewer/studies/stu_1?token=x')).toBe('http://127.0.0.1:4010/viewer/studies/stu_1?token=x')
    expect(toOpenableUrl('http://localhost/x')).toBe('http://localhost/x')
  })
  it('refuses other schemes, plain http elsewhere, credentials and junk', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'http://viewer.example/', 'https://user:pw@viewer.example/', 'ms-msdt:/id', '']) {
      expect(toOpenableUrl(url), url).toBeNull()
    }
  })
})

const study = (id: string, description: string, minutesAgo: number, now: number): QueueStudy =>
  ({
    accountId: 'primary',
    studyId: id,
    studyInstanceUid: '1.2.3',
    studyDescription: description,
    severity: 'stat',
    studyViewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: new Date(now - minutesAgo * 60_000).toISOString(),
    updatedAt: new Date(now).toISOString()
  }) as QueueStudy

describe('tray menu', () => {
  const now = Date.parse('2026-11-26T18:00:00Z')
  const actions = (): TrayActions & Record<string, ReturnType<typeof vi.fn>> =>
    ({ openStudy: vi.fn(), showQueue: vi.fn(), refresh: vi.fn(), pauseAlerts: vi.fn(), resumeAlerts: vi.fn(), quit: vi.fn() }) as never
  const summary = (overrides: Partial<TraySummary> = {}): TraySummary => ({
    counts: { stat: 2, high: 1, normal: 4 },
    topStat: [study('stu_a', 'CT Head & Neck', 12, now), study('stu_b', 'X'.repeat(80), 75, now)],
    state: 'stat-waiting',
    newestStat: null,
    alertsPausedUntil: null,
    ...overrides
  })

  it('lists the top stat studies, then queue, refresh, pause 30/60 and quit', () => {
    const act = actions()
    const items = trayMenuTemplate(summary(), act, now)
    expect(items.map((item) => item.id ?? item.type ?? item.label)).toEqual([
      'Stat waiting (2)', 'study:stu_a', 'study:stu_b', 'separator', 'open-queue', 'refresh', 'separator', 'pause-30', 'pause-60', 'separator', 'quit'
    ])
    items.find((item) => item.id === 'study:stu_b')?.click?.(undefined as never, undefined, undefined as never)
    items.find((item) => item.id === 'pause-60')?.click?.(undefined as never, undefined, undefined as never)
    expect(act.openStudy).toHaveBeenCalledWith({ accountId: 'primary', studyId: 'stu_b' })
    expect(act.pauseAlerts).toHaveBeenCalledWith(60)
  })

  it('names the newest alerting stat study first (a click opens it), and says when it escalated to stat', () => {
    const act = actions()
    const arrived = trayMenuTemplate(summary({ newestStat: { studyId: 'stu_b', accountId: 'primary', description: 'CT Chest & Abdomen', others: 0, escalatedFrom: null } }), act, now)
    expect(arrived[0]).toMatchObject({ id: 'newest-stat', label: 'Newest stat: CT Chest && Abdomen' })
    expect(arrived.map((item) => item.id ?? item.type ?? item.label).slice(1, 4)).toEqual(['Stat waiting (2)', 'study:stu_a', 'study:stu_b'])
    arrived[0]?.click?.(undefined as never, undefined, undefined as never)
    expect(act.openStudy).toHaveBeenCalledWith({ accountId: 'primary', studyId: 'stu_b' })
    const escalated = trayMenuTemplate(summary({ newestStat: { studyId: 'stu_b', accountId: 'primary', description: 'X'.repeat(80), others: 2, escalatedFrom: 'high' } }), act, now)
    expect(escalated[0]?.label).toBe(`Newest stat: ${'X'.repeat(47)}…, escalated to stat from high (+2 more)`)
  })

  it('says in the tooltip the counts, offline, and the newest stat study with whether it escalated', () => {
    expect(trayTooltip(summary())).toBe('Reading Room Companion: 2 stat, 1 high, 4 normal')
    expect(trayTooltip(summary({ state: 'offline' }))).toBe('Reading Room Companion: 2 stat, 1 high, 4 normal (offline)')
    expect(trayTooltip(summary({ newestStat: { studyId: 'stu_b', accountId: 'primary', description: 'CT Head', others: 1, escalatedFrom: null } }))).toBe(
      'Reading Room Companion: 2 stat, 1 high, 4 normal. Newest stat: CT Head (+1 more)'
    )
    expect(trayTooltip(summary({ newestStat: { studyId: 'stu_b', accountId: 'primary', description: 'CT Head', others: 0, escalatedFrom: 'normal' } }))).toBe(
      'Reading Room Companion: 2 stat, 1 high, 4 normal. Newest stat: CT Head, escalated to stat from normal'
    )
  })

  it('offers resume instead of pause while paused, and no study section without stat studies', () => {
    const items = trayMenuTemplate(summary({ topStat: [], state: 'normal', alertsPausedUntil: '2026-11-26T18:30:00Z' }), actions(), now)
    const ids = items.map((item) => item.id).filter(Boolean)
    expect(ids).toEqual(['open-queue', 'refresh', 'resume-alerts', 'quit'])
  })

  it('labels studies by description and wait, escaping & and cutting long text', () => {
    expect(statStudyLabel('CT Head & Neck', new Date(now - 12 * 60_000).toISOString(), now)).toBe('CT Head && Neck · 12 min')
    expect(statStudyLabel('X'.repeat(80), null, now)).toHaveLength(48)
    expect(formatWait(75 * 60_000)).toBe('1 h 15 min')
  })
})

describe('notification options', () => {
  const notice = (level: 'stat' | 'high'): AlertNotice => ({ id: 'a1', level, title: 'Stat study', body: 'CT head', studyIds: ['stu_a'], studies: [{ accountId: 'primary', studyId: 'stu_a' }], reAlert: false, at: '2026-11-26T18:00:00Z' })
  it('makes stat alerts critical and persistent on Linux', () => {
    expect(notificationOptions(notice('stat'), 'linux', '/icon.png')).toEqual({ title: 'Stat study', body: 'CT head', silent: false, icon: '/icon.png', urgency: 'critical', timeoutType: 'never' })
    expect(notificationOptions(notice('stat'), 'linux', undefined, false)).toMatchObject({ silent: true })
    expect(notificationOptions(notice('high'), 'linux', undefined)).toMatchObject({ urgency: 'normal', timeoutType: 'default' })
  })
  it('sets no Linux-only fields on macOS, and keeps Windows stat toasts on screen', () => {
    expect(notificationOptions(notice('stat'), 'darwin', undefined)).not.toHaveProperty('urgency')
    expect(notificationOptions(notice('stat'), 'win32', undefined)).toMatchObject({ timeoutType: 'never' })
  })
})

describe('power gate', () => {
  it('pauses once and resumes once across overlapping lock and sleep', () => {
    const calls: string[] = []
    const gate = createPowerGate({ suspend: () => calls.push('suspend'), resume: () => calls.push('resume') })
    gate('lock-screen')
    gate('suspend')
    gate('resume') // woken but still locked
    expect(calls).toEqual(['suspend'])
    gate('unlock-screen')
    gate('unlock-screen')
    gate('resume')
    expect(calls).toEqual(['suspend', 'resume'])
  })
})

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('restores bounds that are on a display, and drops a position that is not', () => {
    expect(restorableBounds({ x: 100, y: 50, width: 900, height: 700 }, screen)).toEqual({ x: 100, y: 50, width: 900, height: 700 })
    expect(restorableBounds({ x: 4000, y: 50, width: 900, height: 700 }, screen)).toEqual({ width: 900, height: 700 })
    expect(restorableBounds(null, screen)).toEqual(DEFAULT_WINDOW_SIZE)
    expect(restorableBounds({ width: 10, height: 10 }, screen)).toEqual({ width: 480, height: 360 })
  })
})

describe('start at login', () => {
  it('sets a hidden login item on macOS and Windows, and nothing on Linux', () => {
    const calls: unknown[] = []
    const app = { setLoginItemSettings: (settings: unknown) => void calls.push(settings) }
    expect(applyStartAtLogin(app, 'darwin', true)).toBe(true)
    expect(applyStartAtLogin(app, 'win32', false)).toBe(true)
    expect(applyStartAtLogin(app, 'linux', true)).toBe(false)
    expect(calls).toEqual([{ openAtLogin: true, args: ['--hidden'] }, { openAtLogin: false, args: [] }])
  })
})

describe('tray visibility guess', () => {
  it('trusts the tray on macOS, Windows and Linux desktops that show one, not on vanilla GNOME', () => {
    expect(trayProbablyVisible('darwin', {})).toBe(true)
    expect(trayProbablyVisible('win32', {})).toBe(true)
    expect(trayProbablyVisible('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true)
    expect(trayProbablyVisible('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(true)
    expect(trayProbablyVisible('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe(false)
    expect(trayProbablyVisible('linux', {})).toBe(false)
  })
})

describe('safeStorage fallback', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  const fakeSafeStorage = (backend: 'basic_text' | 'gnome_libsecret') => ({
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8')
  })
  const noKeychain = () => createMemorySecretStore('Not stored: no usable keychain', { reason: 'No Secret Service', fix: 'Install gnome-keyring' })

  it('reports the Linux backend, and keychain/dpapi elsewhere', () => {
    expect(safeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux').backend()).toBe('gnome_libsecret')
    expect(safeStorageCipher(fakeSafeStorage('basic_text'), 'darwin').backend()).toBe('keychain')
    expect(safeStorageCipher(fakeSafeStorage('basic_text'), 'win32').backend()).toBe('dpapi')
  })

  it('keeps the key out of the file in clear, and needs consent for basic_text — remembered across restarts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rrc-safe-storage-'))
    const file = join(dir, 'secrets', 'key.json')
    const consentFile = join(dir, 'secrets', 'consent.json')
    const open = () =>
      createFallbackSecretStore(
        noKeychain(),
        createEncryptedFileSecretStore({ cipher: safeStorageCipher(fakeSafeStorage('basic_text'), 'linux'), file }),
        createFileConsent(consentFile)
      )
    const store = open()
    await expect(store.set('acct', 'sk_test_secret_value_123')).rejects.toBeInstanceOf(SecretStoreError)
    expect((await store.describe()).fallbackNeedsConsent).toBe(true)
    await store.consentToFallback()
    await store.set('acct', 'sk_test_secret_value_123')
    expect(readFileSync(file, 'utf8')).not.toContain('sk_test_secret_value_123')
    const restarted = open()
    expect(await restarted.get('acct')).toBe('sk_test_secret_value_123')
    expect((await restarted.describe()).kind).toBe('safe-storage')
    await restarted.delete('acct')
    expect(await restarted.get('acct')).toBeNull()
    expect(existsSync(consentFile)).toBe(true)
  })
})
