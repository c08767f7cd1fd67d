/**
 * The 'system' theme became the default for new profiles; profiles that stored a theme keep it
 * (tests/component/desktop-conventions.test.ts covers how the page resolves 'system').
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { defaultPersistedState, parseSettingsLeniently } from '@main/engine/persistence'

describe('stored themes across the new system default', () => {
  it('loads dark, light and high-contrast as they were stored', () => {
    for (const theme of ['dark', 'light', 'high-contrast'] as const) {
      const issues: string[] = []
      const loaded = parseSettingsLeniently({ ...DEFAULT_SETTINGS, appearance: { theme, textScale: 1.2 } }, issues)
      expect(loaded.appearance).toEqual({ theme, textScale: 1.2 })
      expect(issues).toEqual([])
    }
  })

  it("gives a new profile the 'system' theme", () => {
    expect(defaultPersistedState().settings.appearance.theme).toBe('system')
  })
})
