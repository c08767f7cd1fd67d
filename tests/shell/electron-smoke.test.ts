/**
 * Smoke test of the BUILT Electron shell: out/main/index.js runs under plain Node with a recording
 * stand-in for `electron` (no Electron runtime exists here) against the real sandbox over HTTP, with
 * the real core, real electron-store file and real electron-log. It checks what the real module
 * would be asked to do: a locked-down window with a CommonJS preload, an IPC handler per contract
 * call, the tray and its menu, a critical native notification for a stat study, and
 * shell.openExternal reached only with a checked sandbox viewer URL from the app's own frame.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Avara from '@shared/avara'
import { CALL_NAMES, DEFAULT_SETTINGS, callChannel, type AlertNotice, type BridgeResult, type ThemeChoice } from '@shared/ipc/contract'
import { THEME_BACKGROUNDS } from '@shared/ipc/appearance'
import { defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { startSandbox } from '@sandbox/server'
import { SEARCH_ACCELERATOR, SETTINGS_ACCELERATOR, USER_GUIDE_URL } from '@main/electron/menu'
import { ensureBuiltBundles } from './build-output'
import { MAIN_BUNDLE, PRELOAD_BUNDLE, ShellProcess, writeSignedInProfile } from './shell-process'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let shell: ShellProcess
let workDir: string
let client: Avara
let userId: string
let smokeStudyId: string | undefined
let notificationIndex = -1

const STUDY_UID = () => `1.2.826.0.1.3680043.10.${Date.now()}.${Math.floor(Math.random() * 1e6)}`

beforeAll(async () => {
  ensureBuiltBundles()
  sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'demo', quiet: true })
  client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 0 })
  const email = sandbox.demoRadiologistEmail
  if (!email) throw new Error('the demo seed names no demo radiologist')
  const page = await client.viewer.users.list({ email })
  const user = page.users[0]
  if (!user) throw new Error(`no sandbox user with email ${email}`)
  userId = user.userId

  workDir = mkdtempSync(join(tmpdir(), 'rrc-electron-smoke-'))
  // A signed-in profile; the key lives in the (stand-in) keychain, never in the profile.
  const { userDataDir, keychainFile } = writeSignedInProfile(
    workDir,
    sandbox,
    { userId, email: user.email, displayName: `${user.firstName} ${user.lastName}` },
    { ...DEFAULT_SETTINGS, statIntervalSec: 2, queueIntervalSec: 10 }
  )
  shell = new ShellProcess({ userDataDir, keychainFile, recordFile: join(workDir, 'records.jsonl') })
  await shell.waitFor('the window to load the app page', () => shell.of('BrowserWindow.loadURL')[0])
}, 120_000)

afterAll(async () => {
  if (shell?.running) {
    await shell.command('quit').catch(() => undefined)
    await shell.exited().catch(() => shell.kill())
  }
  await sandbox?.close()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

const invoke = (channel: string, request: unknown, from: string) =>
  shell.command<BridgeResult<unknown>>('invoke', { channel, request, from })

describe('the built Electron main bundle', { timeout: 60_000 }, () => {
  it('is valid JavaScript for Node (node --check)', () => {
    expect(() => execFileSync(process.execPath, ['--check', MAIN_BUNDLE])).not.toThrow()
  })

  it('takes the single-instance lock and registers the app:// scheme before ready', () => {
    expect(shell.of('app.requestSingleInstanceLock')).toHaveLength(1)
    const scheme = shell.of('protocol.registerSchemesAsPrivileged')[0]
    expect(scheme?.data).toMatchObject({ beforeReady: true, schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] })
  })

  it('creates the window locked down, dark from the first frame (a dark system), with an existing CommonJS preload', () => {
    const windows = shell.of('BrowserWindow.new')
    expect(windows).toHaveLength(1)
    const options = windows[0]!.data as { show: boolean; backgroundColor: string; webPreferences: Record<string, unknown> }
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false, webviewTag: false })
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toBe(THEME_BACKGROUNDS.dark)
    const preload = String(options.webPreferences.preload)
    expect(preload).toBe(PRELOAD_BUNDLE)
    expect(existsSync(preload)).toBe(true)
    const source = readFileSync(preload, 'utf8')
    // A sandboxed preload is a classic script: no ESM syntax at the top level.
    expect(source).not.toMatch(/^\s*(import\s[\s\S]*?from\s|import\s*['"]|export\s)/m)
    expect(source).toMatch(/require\(["']electron["']\)/)
    // And it requires nothing else (the sandbox would refuse): zod and the contract are bundled in.
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(shell.of('BrowserWindow.loadURL')[0]?.data.url).toBe('app://companion/index.html')
  })

  it('shows the window when it is ready to show', async () => {
    await shell.waitFor('the window to be shown', () => shell.of('BrowserWindow.show')[0])
  })

  it('registers exactly one IPC handler per contract call, and no other', async () => {
    await shell.waitFor('IPC handlers', () => shell.of('ipcMain.handle').length >= CALL_NAMES.length)
    const removed = new Set(shell.of('ipcMain.removeHandler').map((entry) => entry.data.channel))
    const live = shell.of('ipcMain.handle').map((entry) => String(entry.data.channel)).filter((channel) => !removed.has(channel))
    expect(live.sort()).toEqual(CALL_NAMES.map(callChannel).sort())
  })

  it('hardens the session and the window contents', async () => {
    const probe = await shell.command<Record<string, unknown>>('probe-security')
    const headers = probe.appPageHeaders as Record<string, string[]>
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'")
    expect(headers['Content-Security-Policy']?.[0]).toContain("object-src 'none'")
    expect(probe).toMatchObject({
      foreignHeadersTouched: false,
      permissionRequestGranted: false,
      permissionCheck: false,
      windowOpen: { action: 'deny' },
      foreignNavigationPrevented: true,
      foreignRedirectPrevented: true,
      ownNavigationPrevented: false,
      appProtocolTraversalStatus: 404
    })
  })

  it('builds the tray with its icon, tooltip and the required menu items', async () => {
    expect(shell.of('Tray.new')).toHaveLength(1)
    const icons = shell.of('nativeImage.createFromPath').map((entry) => entry.data as { file: string; exists: boolean })
    expect(icons.length).toBeGreaterThan(0)
    expect(icons.every((icon) => icon.exists)).toBe(true)
    const menu = await shell.waitFor('a tray menu', () => shell.of('Tray.setContextMenu').at(-1))
    const ids = (menu.data.items as Array<{ id: string | null }>).map((item) => item.id)
    expect(ids).toEqual(expect.arrayContaining(['open-queue', 'refresh', 'pause-30', 'pause-60', 'quit']))
    expect(shell.of('Tray.setToolTip').at(-1)?.data.tooltip).toMatch(/stat/i)
  })

  interface AppMenuItem { id: string | null; label: string | null; role: string | null; accelerator: string | null; submenu: AppMenuItem[] | null }
  const menuItems = (items: AppMenuItem[]): AppMenuItem[] => items.flatMap((item) => [item, ...menuItems(item.submenu ?? [])])

  it('installs its own application menu: clipboard roles, Settings and Search accelerators, Help, DevTools only unpackaged', async () => {
    const menu = await shell.waitFor('the application menu', () => shell.of('Menu.setApplicationMenu').at(-1))
    const top = menu.data.items as AppMenuItem[]
    const all = menuItems(top)
    expect(top.map((item) => item.id)).toEqual(['file', 'edit', 'view', 'help'])
    expect(top.find((item) => item.id === 'edit')?.submenu?.map((item) => item.role)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
    expect(all.find((item) => item.id === 'settings')).toMatchObject({ accelerator: SETTINGS_ACCELERATOR, label: 'Settings…' })
    expect(all.find((item) => item.id === 'search')).toMatchObject({ accelerator: SEARCH_ACCELERATOR })
    expect(all.filter((item) => item.id === 'keyboard-shortcuts' || item.id === 'user-guide')).toHaveLength(2)
    // The stand-in reports an unpackaged app: Reload and DevTools exist, under View > Developer only.
    expect(all.filter((item) => item.role === 'toggleDevTools' || item.role === 'reload')).toHaveLength(2)
    expect(top.find((item) => item.id === 'view')?.submenu?.find((item) => item.id === 'developer')?.submenu?.map((item) => item.role)).toEqual(['reload', 'forceReload', 'toggleDevTools'])
  })

  it("sends the menu's Settings, Search and Keyboard shortcuts to the page", async () => {
    for (const [itemId, command] of [['settings', 'settings'], ['search', 'search'], ['keyboard-shortcuts', 'keys']] as const) {
      const mark = shell.records.at(-1)?.seq ?? 0
      await shell.command('click-app-menu-item', { itemId })
      const sent = await shell.waitFor(`menu.command ${command}`, () =>
        shell.of('webContents.send').find((entry) => entry.seq > mark && entry.data.channel === 'rrc:event:menu.command')
      )
      expect(sent.data.payload).toEqual({ command })
    }
  })

  it('raises a critical native notification for a stat study created in the sandbox', async () => {
    // The first successful poll (not just the cached queue shown at start).
    await shell.waitFor('the first successful poll', () =>
      shell.of('webContents.send').find((entry) => entry.data.channel === 'rrc:event:connection.changed' && (entry.data.payload as { status?: string }).status === 'online')
    )
    const mark = shell.records.at(-1)?.seq ?? 0
    const study = await client.viewer.studies.create({ severity: 'stat', studyDescription: 'CT head without contrast (smoke)', studyInstanceUid: STUDY_UID(), assignedTo: userId })
    smokeStudyId = study.studyId
    const shown = await shell.waitFor('an alert for the new stat study', () =>
      shell.of('webContents.send').find((entry) => entry.seq > mark && entry.data.channel === 'rrc:event:alert.shown' && (entry.data.payload as AlertNotice).studyIds.includes(study.studyId))
    )
    const notice = shown.data.payload as AlertNotice
    expect(notice.level).toBe('stat')
    const native = shell.of('Notification.new').find((entry) => entry.seq > mark && entry.data.title === notice.title && entry.data.body === notice.body)
    expect(native?.data).toMatchObject({ urgency: 'critical', timeoutType: 'never' })
    await shell.waitFor('the notification to be shown', () => shell.of('Notification.show').find((entry) => entry.data.index === native?.data.index))
    notificationIndex = Number(native?.data.index)
    // The tray counts it (its menu lists only the five longest-waiting stat studies); the badge too.
    const statCount = (entry: { data: Record<string, unknown> } | undefined) => Number(/(\d+) stat/.exec(String(entry?.data.tooltip))?.[1] ?? -1)
    const before = statCount(shell.of('Tray.setToolTip').filter((entry) => entry.seq < mark).at(-1))
    await shell.waitFor('the tray tooltip to count the new stat study', () => shell.of('Tray.setToolTip').find((entry) => entry.seq > mark && statCount(entry) === before + 1))
    const menu = shell.of('Tray.setContextMenu').at(-1)?.data.items as Array<{ id: string | null; label: string | null }>
    expect(menu.find((item) => item.label?.startsWith('Stat waiting'))).toBeDefined()
    expect(menu.filter((item) => item.id?.startsWith('study:')).length).toBeGreaterThan(0)
    expect(shell.of('Tray.setImage').some((entry) => String(entry.data.image).includes('tray-stat'))).toBe(true)
    expect(Number(shell.of('app.setBadgeCount').at(-1)?.data.count)).toBeGreaterThan(0)
  })

  it('alerts for that study exactly once over the following polls', async () => {
    const alertsFor = (studyId: string) =>
      shell.of('webContents.send').filter((entry) => entry.data.channel === 'rrc:event:alert.shown' && (entry.data.payload as AlertNotice).studyIds.includes(studyId))
    const studyId = smokeStudyId ?? ''
    const first = alertsFor(studyId)[0]
    expect(first).toBeDefined()
    // Two more completed polls (each ends with a connection update) after the alert.
    await shell.waitFor('two more polls', () => shell.of('webContents.send').filter((entry) => entry.seq > (first?.seq ?? 0) && entry.data.channel === 'rrc:event:connection.changed').length >= 2)
    expect(alertsFor(studyId)).toHaveLength(1)
  })

  it('refuses study.open from any frame but the app main frame, and never reaches openExternal', async () => {
    const studyId = smokeStudyId
    expect(studyId).toBeDefined()
    const opensBefore = shell.of('shell.openExternal').length
    for (const from of ['subframe', 'foreign-page', 'other-contents', 'no-frame']) {
      const result = await invoke(callChannel('study.open'), { studyId }, from)
      expect(result, from).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(shell.of('shell.openExternal')).toHaveLength(opensBefore)
  })

  it('validates arguments from the app frame and opens a checked sandbox viewer URL', async () => {
    const studyId = smokeStudyId
    const bad = await invoke(callChannel('study.open'), { studyId: 'javascript:alert(1)' }, 'app-main-frame')
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const result = await invoke(callChannel('study.open'), { studyId }, 'app-main-frame')
    expect(result).toEqual({ ok: true, value: { ok: true, openedBy: 'shell' } })
    const opened = shell.of('shell.openExternal')
    expect(opened).toHaveLength(1)
    const url = new URL(String(opened[0]!.data.url))
    expect(opened[0]!.data.type).toBe('string')
    expect(url.origin).toBe(new URL(sandbox.baseURL).origin)
    expect(url.pathname).toBe(`/viewer/studies/${studyId}`)
    expect(url.searchParams.get('token')).toBeTruthy()
  })

  it('never lets the API key reach the renderer channel, the profile or the log', async () => {
    const userData = join(workDir, 'userData')
    const profile = readFileSync(join(userData, 'companion-state.json'), 'utf8')
    expect(profile).not.toContain(sandbox.apiKey)
    const records = readFileSync(join(workDir, 'records.jsonl'), 'utf8')
    expect(records).not.toContain(sandbox.apiKey)
    const logFile = join(userData, 'logs', 'companion.log')
    if (existsSync(logFile)) expect(readFileSync(logFile, 'utf8')).not.toContain(sandbox.apiKey)
  })

  it('brings the window forward and tells the page when the notification is clicked', async () => {
    expect(notificationIndex).toBeGreaterThanOrEqual(0)
    const mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('click-notification', { index: notificationIndex })
    await shell.waitFor('the window to be focused', () => shell.of('BrowserWindow.focus').find((entry) => entry.seq > mark))
  })

  it('pauses polling on suspend and resumes once on wake (powerMonitor)', async () => {
    const status = (entry: { data: Record<string, unknown> }) => (entry.data.payload as { status?: string } | undefined)?.status
    const connectionAfter = (seq: number) => shell.of('webContents.send').filter((entry) => entry.seq > seq && entry.data.channel === 'rrc:event:connection.changed')
    let mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('power', { signal: 'suspend' })
    await shell.waitFor('the paused state', () => connectionAfter(mark).find((entry) => status(entry) === 'paused'))
    mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('power', { signal: 'resume' })
    await shell.waitFor('polling to resume', () => connectionAfter(mark).find((entry) => status(entry) === 'online'))
  })

  it('pauses and resumes alerts from the tray menu', async () => {
    const mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('click-tray-item', { itemId: 'pause-30' })
    const paused = await shell.waitFor('the pause event', () =>
      shell.of('webContents.send').find((entry) => entry.seq > mark && entry.data.channel === 'rrc:event:alerts.pauseChanged')
    )
    expect((paused.data.payload as { pausedUntil: string | null }).pausedUntil).toEqual(expect.any(String))
    await shell.waitFor('the resume item in the tray menu', () =>
      shell.of('Tray.setContextMenu').find((entry) => entry.seq > mark && (entry.data.items as Array<{ id: string | null }>).some((item) => item.id === 'resume-alerts'))
    )
    const resumeMark = shell.records.at(-1)?.seq ?? 0
    await shell.command('click-tray-item', { itemId: 'resume-alerts' })
    await shell.waitFor('alerts to resume', () =>
      shell.of('webContents.send').find((entry) => entry.seq > resumeMark && entry.data.channel === 'rrc:event:alerts.pauseChanged' && (entry.data.payload as { pausedUntil: string | null }).pausedUntil === null)
    )
  })

  it("prints the tray's pause time in the system's locale (en-US here: 12-hour with AM/PM)", async () => {
    const resumeItem = shell
      .of('Tray.setContextMenu')
      .flatMap((entry) => entry.data.items as Array<{ id: string | null; label: string | null }>)
      .find((item) => item.id === 'resume-alerts')
    expect(resumeItem?.label).toMatch(/^Resume alerts \(paused until \d{1,2}:\d{2}\s[AP]M\)$/u)
  })

  it('opens the user guide from the Help menu in the system browser', async () => {
    const mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('click-app-menu-item', { itemId: 'user-guide' })
    const opened = await shell.waitFor('the user guide', () => shell.of('shell.openExternal').find((entry) => entry.seq > mark))
    expect(opened.data.url).toBe(USER_GUIDE_URL)
  })

  it('keeps a key typed into the page out of every answer, event, record, profile and log line', async () => {
    const wrongKey = `sk_live_${'7e'.repeat(16)}`
    const rejected = await invoke(callChannel('auth.saveKey'), { baseUrl: sandbox.baseURL, apiKey: wrongKey }, 'app-main-frame')
    expect(rejected).toMatchObject({ ok: true, value: { ok: false, problem: 'key-rejected' } })
    const saved = await invoke(callChannel('auth.saveKey'), { baseUrl: sandbox.baseURL, apiKey: ` ${sandbox.apiKey} ` }, 'app-main-frame')
    // The key check's outcome only: the sign-in itself is the auth.changed event below.
    expect(saved).toEqual({ ok: true, value: { ok: true, needsIdentity: expect.any(Boolean) } })
    await shell.waitFor('the auth event after saving the key', () => shell.of('webContents.send').find((entry) => entry.data.channel === 'rrc:event:auth.changed'))
    const answers = JSON.stringify([rejected, saved])
    const userData = join(workDir, 'userData')
    const logFile = join(userData, 'logs', 'companion.log')
    expect(existsSync(logFile)).toBe(true)
    for (const text of [answers, readFileSync(join(workDir, 'records.jsonl'), 'utf8'), readFileSync(join(userData, 'companion-state.json'), 'utf8'), readFileSync(logFile, 'utf8')]) {
      expect(text).not.toContain(sandbox.apiKey)
      expect(text).not.toContain(wrongKey)
    }
  })

  it('keeps running in the tray when the window is closed, and quits cleanly', async () => {
    await shell.command('close-window')
    const close = shell.of('BrowserWindow.close').at(-1)
    expect(close?.data.prevented).toBe(true)
    expect(shell.of('BrowserWindow.hide').length + shell.of('BrowserWindow.minimize').length).toBeGreaterThan(0)
    await shell.command('quit')
    expect(await shell.exited()).toBe(0)
    expect(shell.of('Tray.destroy')).toHaveLength(1)
  })
})

describe('the built Electron main bundle under an administrator policy (READING_ROOM_POLICY)', { timeout: 60_000 }, () => {
  /** A second main process on its own profile with READING_ROOM_POLICY pointing at `policy`; quits when `check` is done. */
  async function withPolicyShell(name: string, policy: string, check: (managed: ShellProcess, policyFile: string, userDataDir: string) => Promise<void>) {
    const policyFile = join(workDir, `${name}.policy.json`)
    writeFileSync(policyFile, policy)
    const userDataDir = join(workDir, `userData-${name}`)
    const keychainFile = join(workDir, `keychain-${name}.json`)
    writeFileSync(keychainFile, '{}')
    const managed = new ShellProcess({ userDataDir, keychainFile, recordFile: join(workDir, `records-${name}.jsonl`), env: { READING_ROOM_POLICY: policyFile } })
    try {
      await managed.waitFor('IPC handlers', () => managed.of('ipcMain.handle').length >= CALL_NAMES.length)
      await check(managed, policyFile, userDataDir)
    } finally {
      if (managed.running) {
        await managed.command('quit').catch(() => undefined)
        await managed.exited().catch(() => managed.kill())
      }
    }
  }
  const call = (managed: ShellProcess, name: Parameters<typeof callChannel>[0], request: unknown) =>
    managed.command<BridgeResult<Record<string, unknown>>>('invoke', { channel: callChannel(name), request, from: 'app-main-frame' })
  const logOf = (userDataDir: string) => {
    const file = join(userDataDir, 'logs', 'companion.log')
    return existsSync(file) ? readFileSync(file, 'utf8') : ''
  }

  it('reads the policy file at start: the server and an alert setting are locked, the sandbox hidden, the update feed handed to the updater', async () => {
    const policy = {
      serverUrl: sandbox.baseURL,
      allowSandbox: false,
      settings: { statIntervalSec: 3, alerts: { sound: false } },
      locked: ['serverUrl', 'statIntervalSec', 'alerts.sound'],
      updates: { feedUrl: 'https://updates.clinic.example/companion/internal-path/' }
    }
    await withPolicyShell('locked', JSON.stringify(policy), async (managed, policyFile, userDataDir) => {
      const state = await call(managed, 'app.getState', {})
      expect(state).toMatchObject({
        ok: true,
        value: {
          auth: { baseUrl: sandbox.baseURL },
          settings: { statIntervalSec: 3, alerts: { sound: false } },
          managed: { file: policyFile, serverUrl: sandbox.baseURL, serverUrlLocked: true, allowSandbox: false, lockedSettings: ['statIntervalSec', 'alerts.sound'], problem: null }
        }
      })
      expect(await call(managed, 'settings.update', { alerts: { sound: true } })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('alerts.sound') } })
      const elsewhere = await call(managed, 'auth.saveKey', { baseUrl: 'https://api.avarasoftware.com', apiKey: sandbox.apiKey })
      expect(elsewhere).toMatchObject({ ok: true, value: { ok: false, problem: 'invalid-url', message: expect.stringContaining('Set by your administrator') } })
      await expect.poll(() => logOf(userDataDir), { timeout: 10_000 }).toContain('policy applied')
      expect(logOf(userDataDir)).toContain(policyFile)
      // The feed reaches the update adapter, which loads nothing in an unpackaged build and logs the feed's origin only.
      await expect.poll(() => logOf(userDataDir), { timeout: 10_000 }).toContain('updates: not checked in an unpackaged build')
      expect(logOf(userDataDir)).toContain('https://updates.clinic.example')
      expect(logOf(userDataDir)).not.toContain('internal-path')
      expect(existsSync(join(userDataDir, 'app-update.yml'))).toBe(false)
    })
  })

  it('an invalid policy file is reported to the page and the log with its file and field, and not applied', async () => {
    await withPolicyShell('invalid', JSON.stringify({ allowSandbox: false, settings: { statIntervalSec: 1 } }), async (managed, policyFile, userDataDir) => {
      const state = await call(managed, 'app.getState', {})
      expect(state).toMatchObject({
        ok: true,
        value: { settings: { statIntervalSec: DEFAULT_SETTINGS.statIntervalSec }, managed: { file: null, allowSandbox: true, problem: { file: policyFile, issues: [{ field: 'settings.statIntervalSec' }] } } }
      })
      await expect.poll(() => logOf(userDataDir), { timeout: 10_000 }).toContain('policy file not applied')
      expect(logOf(userDataDir)).toContain('settings.statIntervalSec')
    })
  })
})

describe("the built Electron main bundle's first frame (the stand-in's nativeTheme via RRC_STANDIN_NATIVE_THEME)", { timeout: 60_000 }, () => {
  /** Starts the shell on a fresh profile (with a saved theme choice if given) under a system theme. */
  async function withThemeShell(name: string, systemTheme: string, savedChoice: ThemeChoice | null, check: (themed: ShellProcess) => Promise<void>) {
    const userDataDir = join(workDir, `userData-theme-${name}`)
    if (savedChoice) {
      createConfStateStore({ cwd: userDataDir, configName: 'companion-state' }).write({
        ...defaultPersistedState(),
        settings: { ...DEFAULT_SETTINGS, appearance: { ...DEFAULT_SETTINGS.appearance, theme: savedChoice } }
      })
    }
    const keychainFile = join(workDir, `keychain-theme-${name}.json`)
    writeFileSync(keychainFile, '{}')
    const themed = new ShellProcess({ userDataDir, keychainFile, recordFile: join(workDir, `records-theme-${name}.jsonl`), env: { RRC_STANDIN_NATIVE_THEME: systemTheme } })
    try {
      await themed.waitFor('the window', () => themed.of('BrowserWindow.new')[0])
      await check(themed)
    } finally {
      if (themed.running) {
        await themed.command('quit').catch(() => undefined)
        await themed.exited().catch(() => themed.kill())
      }
    }
  }
  const firstFrame = (themed: ShellProcess) => (themed.of('BrowserWindow.new')[0]!.data as { backgroundColor: string }).backgroundColor

  it.each([
    ['light', THEME_BACKGROUNDS.light],
    ['dark', THEME_BACKGROUNDS.dark],
    ['high-contrast', THEME_BACKGROUNDS['high-contrast']]
  ])('under a %s system (the user chose "same as the system") paints %s', async (systemTheme, colour) => {
    await withThemeShell(`system-${systemTheme}`, systemTheme, null, async (themed) => {
      expect(firstFrame(themed)).toBe(colour)
    })
  })

  it("paints the user's saved theme over the system's, and follows a theme changed in Settings", async () => {
    await withThemeShell('saved-light', 'dark', 'light', async (themed) => {
      expect(firstFrame(themed)).toBe(THEME_BACKGROUNDS.light)
      await themed.waitFor('IPC handlers', () => themed.of('ipcMain.handle').length >= CALL_NAMES.length)
      const changed = await themed.command<BridgeResult<unknown>>('invoke', { channel: callChannel('settings.update'), request: { appearance: { theme: 'high-contrast' } }, from: 'app-main-frame' })
      expect(changed).toMatchObject({ ok: true })
      await themed.waitFor('the new background', () => themed.of('BrowserWindow.setBackgroundColor').find((entry) => entry.data.color === THEME_BACKGROUNDS['high-contrast']))
    })
  })
})
