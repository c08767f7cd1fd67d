/**
 * Which palette the page shows: the user's choice, or for 'system' what the operating system asks
 * for (light or dark, forced colours, more contrast). The rule is shared with the Electron window's
 * first frame (src/shared/ipc/appearance.ts); the media queries are read by
 * composables/system-appearance.ts.
 */
import type { SystemAppearance } from '@shared/ipc/appearance'

export { effectiveTheme, type SystemAppearance } from '@shared/ipc/appearance'

/** What a page that cannot ask (no matchMedia) assumes: the reading room's dark palette. */
export const UNKNOWN_SYSTEM_APPEARANCE: SystemAppearance = { dark: true, forcedColors: false, moreContrast: false }
