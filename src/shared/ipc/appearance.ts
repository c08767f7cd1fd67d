/**
 * Which theme shows, and the background colour each theme paints first: one table for the
 * renderer's stylesheet (src/renderer/src/styles/themes.css `--bg`, checked against this table by
 * tests/component/theme-backgrounds.test.ts) and the Electron window's first frame
 * (src/main/electron/window-background.ts), so a light system never sees a dark flash.
 */
import type { Theme, ThemeChoice } from './contract'

/** `--bg` of each theme. */
export const THEME_BACKGROUNDS: Readonly<Record<Theme, string>> = {
  dark: '#101317',
  light: '#eef1f4',
  'high-contrast': '#000000'
}

export interface SystemAppearance {
  /** prefers-color-scheme: dark (Electron: nativeTheme.shouldUseDarkColors) */
  dark: boolean
  /** forced-colors: active, Windows contrast themes (Electron: nativeTheme.shouldUseHighContrastColors) */
  forcedColors: boolean
  /** prefers-contrast: more */
  moreContrast: boolean
}

/** The user's choice, or for 'system' what the operating system asks for. */
export function effectiveTheme(choice: ThemeChoice, system: SystemAppearance): Theme {
  if (choice !== 'system') return choice
  if (system.forcedColors || system.moreContrast) return 'high-contrast'
  return system.dark ? 'dark' : 'light'
}
