/**
 * The Electron window's first frame and the page paint the same background: the stylesheet's `--bg`
 * of every theme is the colour src/shared/ipc/appearance.ts gives the window for that theme.
 */
/// <reference types="node" />
// Read from disk: vitest hands CSS imports (even ?raw) to tests as empty strings.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { THEMES } from '@shared/ipc/contract'
import { THEME_BACKGROUNDS, effectiveTheme } from '@shared/ipc/appearance'

const css = readFileSync(new URL('../../src/renderer/src/styles/themes.css', import.meta.url), 'utf8')

function backgroundOf(theme: string): string | undefined {
  const block = new RegExp(`\\[data-theme='${theme}'\\][^{]*\\{([^}]*)\\}`).exec(css)?.[1]
  return /--bg:\s*(#[0-9a-f]{6})/i.exec(block ?? '')?.[1]?.toLowerCase()
}

describe('theme backgrounds', () => {
  it.each(THEMES)('the %s theme: themes.css --bg is the window background of appearance.ts', (theme) => {
    expect(backgroundOf(theme)).toBe(THEME_BACKGROUNDS[theme].toLowerCase())
  })

  it('the system choice follows forced colours and contrast first, then light or dark', () => {
    const system = { dark: false, forcedColors: false, moreContrast: false }
    expect(effectiveTheme('system', system)).toBe('light')
    expect(effectiveTheme('system', { ...system, dark: true })).toBe('dark')
    expect(effectiveTheme('system', { ...system, forcedColors: true })).toBe('high-contrast')
    expect(effectiveTheme('system', { ...system, moreContrast: true })).toBe('high-contrast')
    expect(effectiveTheme('light', { ...system, dark: true, forcedColors: true })).toBe('light')
  })
})
