/**
 * The colour the window paints before the page's first frame: the background of the theme the page
 * will show (the user's saved choice, or what the system asks for), from the one table the
 * stylesheet also follows (src/shared/ipc/appearance.ts). A dark flash on a light desktop, or a
 * light one in a dark reading room, is what this avoids.
 */
import type { NativeTheme } from 'electron'
import { THEME_BACKGROUNDS, effectiveTheme } from '@shared/ipc/appearance'
import type { ThemeChoice } from '@shared/ipc/contract'

export type SystemTheme = Pick<NativeTheme, 'shouldUseDarkColors' | 'shouldUseHighContrastColors'>

export function windowBackground(choice: ThemeChoice, system: SystemTheme): string {
  // Electron reports no separate "more contrast" wish: high contrast is the forced-colours one.
  const theme = effectiveTheme(choice, { dark: system.shouldUseDarkColors, forcedColors: system.shouldUseHighContrastColors, moreContrast: false })
  return THEME_BACKGROUNDS[theme]
}
