/**
 * Which palette the page shows: the user's choice, or for 'system' what the operating system asks
 * for (light or dark, forced colours, more contrast). Pure; the media queries are read by
 * composables/system-appearance.ts.
 */
import type { Theme, ThemeChoice } from '@shared/ipc/contract'

export interface SystemAppearance {
  /** prefers-color-scheme: dark */
  dark: boolean
  /** forced-colors: active (Windows contrast themes) */
  forcedColors: boolean
  /** prefers-contrast: more */
  moreContrast: boolean
}

/** What a page that cannot ask (no matchMedia) assumes: the reading room's dark palette. */
export const UNKNOWN_SYSTEM_APPEARANCE: SystemAppearance = { dark: true, forcedColors: false, moreContrast: false }

export function effectiveTheme(choice: ThemeChoice, system: SystemAppearance): Theme {
  if (choice !== 'system') return choice
  if (system.forcedColors || system.moreContrast) return 'high-contrast'
  return system.dark ? 'dark' : 'light'
}
