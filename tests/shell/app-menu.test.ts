/**
 * The application menu (src/main/electron/menu.ts), the shell's string catalogue and the tray's
 * locale-aware clock, in plain Node. The smoke test checks the same menu in the built bundle.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { SEARCH_ACCELERATOR, SETTINGS_ACCELERATOR, USER_GUIDE_URL, appMenuTemplate, type AppMenuActions } from '@main/electron/menu'
import { en, format, messagesFor } from '@main/electron/strings'
import { clockTime, trayMenuTemplate } from '@main/electron/tray-menu'
import { REPO_ROOT } from './shell-process'

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...flatten(Array.isArray(item.submenu) ? item.submenu : [])])
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.role).filter(Boolean)
const actions = () => ({ command: vi.fn<AppMenuActions['command']>(), openUserGuide: vi.fn<AppMenuActions['openUserGuide']>() })
const click = (item: MenuItemConstructorOptions | undefined) => item?.click?.(undefined as never, undefined, undefined as never)

describe('the application menu', () => {
  it('has no Reload or DevTools in a packaged build, and has them under View > Developer in development', () => {
    const packaged = appMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Reading Room Companion' }, actions())
    expect(roles(packaged)).not.toContain('toggleDevTools')
    expect(roles(packaged)).not.toContain('reload')
    expect(roles(packaged)).not.toContain('forceReload')
    const development = appMenuTemplate({ platform: 'linux', isPackaged: false, appName: 'Reading Room Companion' }, actions())
    expect(roles(development)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })

  it('offers File, Edit (clipboard), View and Help on Windows and Linux; the app menu and Window on macOS', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = appMenuTemplate({ platform, isPackaged: true, appName: 'Reading Room Companion' }, actions())
      expect(menu.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help'])
      expect(roles(menu)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'about']))
    }
    const mac = appMenuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Reading Room Companion' }, actions())
    expect(mac.map((item) => item.label)).toEqual(['Reading Room Companion', 'Edit', 'View', 'Window', 'Help'])
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'copy', 'paste', 'pasteAndMatchStyle', 'windowMenu']))
    // Settings sits in the app menu on macOS, as the platform expects.
    expect((mac[0]!.submenu as MenuItemConstructorOptions[]).some((item) => item.id === 'settings')).toBe(true)
  })

  it('sends Settings (Ctrl/⌘+,), Search (Ctrl/⌘+F) and Keyboard shortcuts to the page, and opens the user guide', () => {
    const act = actions()
    const items = flatten(appMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Reading Room Companion' }, act))
    const byId = (id: string) => items.find((item) => item.id === id)
    expect(byId('settings')?.accelerator).toBe(SETTINGS_ACCELERATOR)
    expect(byId('search')?.accelerator).toBe(SEARCH_ACCELERATOR)
    expect([SETTINGS_ACCELERATOR, SEARCH_ACCELERATOR]).toEqual(['CmdOrCtrl+,', 'CmdOrCtrl+F'])
    click(byId('settings'))
    click(byId('search'))
    click(byId('keyboard-shortcuts'))
    click(byId('user-guide'))
    expect(act.command.mock.calls).toEqual([['settings'], ['search'], ['keys']])
    expect(act.openUserGuide).toHaveBeenCalledTimes(1)
  })

  it('links Help to the product home page named in package.json, never to electronjs.org', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { homepage: string }
    expect(USER_GUIDE_URL).toBe(manifest.homepage)
    const menu = appMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'Reading Room Companion' }, actions())
    expect(JSON.stringify(menu)).not.toMatch(/electron/i)
  })

  it('takes every label from the catalogue', () => {
    const upper = Object.fromEntries(Object.entries(en.menu).map(([key, text]) => [key, text.toUpperCase()])) as unknown as typeof en.menu
    const menu = appMenuTemplate({ platform: 'linux', isPackaged: false, appName: 'RRC', messages: { ...en, menu: upper } }, actions())
    const labels = flatten(menu).map((item) => item.label).filter((label): label is string => typeof label === 'string')
    expect(labels.length).toBeGreaterThan(5)
    for (const label of labels) expect(label).toBe(label.toUpperCase())
  })
})

describe('the shell string catalogue', () => {
  it('fills vue-i18n style {name} placeholders and leaves unknown ones visible', () => {
    expect(format(en.tray.statWaiting, { count: 3 })).toBe('Stat waiting (3)')
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })

  it('falls back to English for a language without a catalogue', () => {
    expect(messagesFor('de-CH')).toBe(en)
    expect(messagesFor(undefined)).toBe(en)
    expect(messagesFor('en-GB')).toBe(en)
  })
})

describe("the tray's clock", () => {
  // 18:30 UTC; formatted in the machine's time zone, so only the shape is compared.
  const iso = '2026-11-26T18:30:00Z'

  it('uses the locale: 12-hour with AM/PM in en-US, 24-hour in en-GB and de-DE', () => {
    expect(clockTime(iso, 'en-US')).toMatch(/^\d{1,2}:30\s[AP]M$/u)
    expect(clockTime(iso, 'en-GB')).toMatch(/^\d{2}:30$/)
    expect(clockTime(iso, 'de-DE')).toMatch(/^\d{2}:30$/)
  })

  it('honours an explicit hour cycle in the locale (-u-hc-h23) and survives a broken locale tag', () => {
    expect(clockTime(iso, 'en-US-u-hc-h23')).toMatch(/^\d{2}:30$/)
    expect(clockTime(iso, 'not a locale!')).toMatch(/30/)
    expect(clockTime('not a time', 'en-US')).toBe('not a time')
  })

  it('prints the pause time in the menu with the locale it is given', () => {
    const summary = { counts: { stat: 0, high: 0, normal: 0 }, topStat: [], state: 'normal' as const, newestStat: null, alertsPausedUntil: iso }
    const noop = { openStudy: vi.fn(), showQueue: vi.fn(), refresh: vi.fn(), pauseAlerts: vi.fn(), resumeAlerts: vi.fn(), quit: vi.fn() }
    const us = trayMenuTemplate(summary, noop, Date.parse(iso), { locale: 'en-US' }).find((item) => item.id === 'resume-alerts')
    const gb = trayMenuTemplate(summary, noop, Date.parse(iso), { locale: 'en-GB' }).find((item) => item.id === 'resume-alerts')
    expect(us?.label).toMatch(/^Resume alerts \(paused until \d{1,2}:30\s[AP]M\)$/u)
    expect(gb?.label).toMatch(/^Resume alerts \(paused until \d{2}:30\)$/)
  })
})
