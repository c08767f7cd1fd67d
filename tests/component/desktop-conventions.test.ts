// @vitest-environment happy-dom
/**
 * Desktop conventions in the page: Ctrl/⌘+, and Ctrl/⌘+F (keyboard map and the Electron menu's
 * `menu.command` event), and the 'system' theme following the operating system's media queries.
 * matchMedia is replaced by a controllable stand-in: it is the OS edge a test cannot switch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useUiStore } from '@renderer/stores/ui'
import { commandFor } from '@renderer/lib/keys'
import { effectiveTheme } from '@renderer/lib/theme'
import { formatClock } from '@renderer/lib/time'
import { DEFAULT_SETTINGS, SettingsSchema, type ThemeChoice } from '@shared/ipc/contract'
import { FakeBridge, appState, flush } from './fake-bridge'

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; code: string }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods
})
const idle = { typing: false, onControl: false }
const typing = { typing: true, onControl: false }

describe('Ctrl/⌘+, and Ctrl/⌘+F in the key map', () => {
  it('open settings and search with Ctrl or ⌘, also while typing', () => {
    expect(commandFor(press(',', { ctrlKey: true }), idle)).toBe('openSettings')
    expect(commandFor(press(',', { metaKey: true }), typing)).toBe('openSettings')
    expect(commandFor(press('f', { ctrlKey: true }), typing)).toBe('search')
    expect(commandFor(press('F', { metaKey: true }), idle)).toBe('search')
    // A Cyrillic layout: the physical F key.
    expect(commandFor(press('а', { ctrlKey: true, code: 'KeyF' }), idle)).toBe('search')
  })

  it('leave other modified keys alone', () => {
    expect(commandFor(press('f', { ctrlKey: true, shiftKey: true }), idle)).toBeNull()
    expect(commandFor(press('f', { ctrlKey: true, altKey: true }), idle)).toBeNull()
    expect(commandFor(press('r', { ctrlKey: true }), idle)).toBeNull()
    expect(commandFor(press('f', { altKey: true }), idle)).toBeNull()
  })
})

describe('clock times in the page', () => {
  const at = Date.parse('2026-11-26T18:30:00Z')

  it("use the locale's hour cycle: 12-hour with AM/PM in en-US, 24-hour in en-GB", () => {
    expect(formatClock(at, at, 'en-US')).toMatch(/^\d{1,2}:30\s[AP]M$/u)
    expect(formatClock(at, at, 'en-GB')).toMatch(/^\d{2}:30$/)
  })

  it('add the date in the locale when it is not today', () => {
    const nextWeek = at + 7 * 24 * 3_600_000
    expect(formatClock(at, nextWeek, 'en-GB')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:30$/)
    expect(formatClock(at, nextWeek, 'en-US')).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2} \d{1,2}:30\s[AP]M$/u)
  })
})

describe("the 'system' theme", () => {
  it('is the default for new profiles, and stored themes stay valid', () => {
    expect(DEFAULT_SETTINGS.appearance.theme).toBe('system')
    for (const theme of ['dark', 'light', 'high-contrast', 'system'] as ThemeChoice[]) {
      expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, appearance: { theme, textScale: 1 } }).success).toBe(true)
    }
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, appearance: { theme: 'sepia', textScale: 1 } }).success).toBe(false)
  })

  it('resolves to dark, light or high contrast from the system, and a chosen theme ignores the system', () => {
    const system = { dark: false, forcedColors: false, moreContrast: false }
    expect(effectiveTheme('system', system)).toBe('light')
    expect(effectiveTheme('system', { ...system, dark: true })).toBe('dark')
    expect(effectiveTheme('system', { ...system, forcedColors: true })).toBe('high-contrast')
    expect(effectiveTheme('system', { ...system, moreContrast: true })).toBe('high-contrast')
    expect(effectiveTheme('dark', system)).toBe('dark')
    expect(effectiveTheme('light', { dark: true, forcedColors: true, moreContrast: true })).toBe('light')
  })
})

/** matchMedia for the three queries the page asks, switchable like the OS settings. */
class FakeMedia {
  readonly state: Record<string, boolean> = { '(prefers-color-scheme: dark)': false, '(forced-colors: active)': false, '(prefers-contrast: more)': false }
  readonly listeners = new Map<string, Set<(event: { matches: boolean }) => void>>()
  matchMedia = (query: string) => {
    const listeners = this.listeners.get(query) ?? new Set()
    this.listeners.set(query, listeners)
    return {
      media: query,
      matches: this.state[query] ?? false,
      addEventListener: (_: 'change', listener: (event: { matches: boolean }) => void) => listeners.add(listener),
      removeEventListener: (_: 'change', listener: (event: { matches: boolean }) => void) => listeners.delete(listener)
    }
  }
  set(query: string, matches: boolean) {
    this.state[query] = matches
    for (const listener of this.listeners.get(query) ?? []) listener({ matches })
  }
}

describe('the page follows the system and the Electron menu', () => {
  let bridge: FakeBridge
  let wrapper: VueWrapper
  let stop: () => void
  let media: FakeMedia

  async function start(theme: ThemeChoice) {
    const settings = structuredClone(DEFAULT_SETTINGS)
    settings.appearance.theme = theme
    bridge = new FakeBridge().handle('app.getState', () => appState({ settings }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
  }

  beforeEach(() => {
    setActivePinia(createPinia())
    media = new FakeMedia()
    vi.stubGlobal('matchMedia', media.matchMedia)
  })
  afterEach(() => {
    wrapper.unmount()
    stop()
    useClockStore().stop()
    vi.unstubAllGlobals()
  })

  it("shows the system's light or dark palette, and switches when the system does", async () => {
    await start('system')
    const root = document.documentElement
    expect(root.dataset.theme).toBe('light')
    media.set('(prefers-color-scheme: dark)', true)
    await flush()
    expect(root.dataset.theme).toBe('dark')
    media.set('(forced-colors: active)', true)
    await flush()
    expect(root.dataset.theme).toBe('high-contrast')
  })

  it('keeps a chosen theme whatever the system says', async () => {
    media.set('(prefers-color-scheme: dark)', true)
    await start('light')
    expect(document.documentElement.dataset.theme).toBe('light')
  })

  it("opens settings (never closes them), search and the key list on the menu's command", async () => {
    await start('dark')
    const ui = useUiStore()
    const searchRequests = ui.searchFocusRequest
    bridge.emit('menu.command', { command: 'settings' })
    await flush()
    expect(ui.settingsOpen).toBe(true)
    // The accelerator may reach the page as a key press too: opening twice keeps it open.
    bridge.emit('menu.command', { command: 'settings' })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ',', ctrlKey: true, bubbles: true }))
    await flush()
    expect(ui.settingsOpen).toBe(true)
    bridge.emit('menu.command', { command: 'search' })
    await flush()
    expect(ui.searchFocusRequest).toBe(searchRequests + 1)
    bridge.emit('menu.command', { command: 'keys' })
    await flush()
    expect(ui.keysOpen).toBe(true)
  })

  it('focuses search on Ctrl+F even from a text field, and keeps the browser from opening its own find bar', async () => {
    await start('dark')
    const ui = useUiStore()
    const before = ui.searchFocusRequest
    const field = document.createElement('input')
    document.body.appendChild(field)
    field.focus()
    const event = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, cancelable: true })
    field.dispatchEvent(event)
    await flush()
    expect(ui.searchFocusRequest).toBe(before + 1)
    expect(event.defaultPrevented).toBe(true)
    field.remove()
  })
})
