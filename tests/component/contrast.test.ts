/**
 * WCAG 2.2 AA contrast for every colour pair the stylesheet uses, in every theme: 4.5:1 for text,
 * 3:1 for focus rings and control borders (non-text contrast, SC 1.4.11).
 */
/// <reference types="node" />
// Read from disk: vitest hands CSS imports (even ?raw) to tests as empty strings.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACCOUNT_COLOURS, THEMES } from '@shared/ipc/contract'

const css = readFileSync(new URL('../../src/renderer/src/styles/themes.css', import.meta.url), 'utf8')

function themeVars(theme: string): Record<string, string> {
  const block = new RegExp(`\\[data-theme='${theme}'\\][^{]*\\{([^}]*)\\}`).exec(css)?.[1]
  if (!block) throw new Error(`no block for theme ${theme}`)
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]))
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const SURFACES = ['bg', 'surface', 'surface-2', 'surface-raised', 'selected']
const TEXT_ON_SURFACES = ['text', 'muted', 'stat', 'high', 'normal', 'ok', 'amber', 'red', 'accent']
const TEXT_PAIRS: Array<[string, string]> = [
  ...TEXT_ON_SURFACES.flatMap((fg) => SURFACES.map((bg) => [fg, bg] as [string, string])),
  ['accent-text', 'accent'],
  ['banner-stat-text', 'banner-stat-bg'],
  ['stat', 'banner-stat-bg'],
  ['banner-down-text', 'banner-down-bg'],
  ['error-text', 'error-bg']
]
const UI_PAIRS: Array<[string, string]> = [
  ...SURFACES.map((bg) => ['focus', bg] as [string, string]),
  ['border', 'surface'],
  ['border', 'surface-2'],
  ['banner-stat-border', 'banner-stat-bg'],
  ['banner-down-border', 'banner-down-bg'],
  // Account swatches (issue 11): each stands out from the rows and panels it sits on (the name is always beside it).
  ...ACCOUNT_COLOURS.flatMap((colour) =>
    ['bg', 'surface', 'surface-2', 'selected', 'banner-stat-bg', 'banner-down-bg'].map((bg) => [`account-${colour}`, bg] as [string, string])
  )
]

describe.each(THEMES)('theme %s', (theme) => {
  const vars = themeVars(theme)
  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(vars[fg], fg).toBeDefined()
    expect(vars[bg], bg).toBeDefined()
    expect(contrast(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(4.5)
  })
  it.each(UI_PAIRS)('%s on %s is at least 3:1', (fg, bg) => {
    expect(contrast(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(3)
  })
})
