/**
 * Start at login follows settings.startAtLogin. macOS and Windows only: Electron has no login items
 * on Linux (there, a desktop file in ~/.config/autostart does the job; see docs/electron-shell.md).
 * On Windows a login start passes --hidden and the app opens in the tray (macOS ignores `args`).
 */
import type { App } from 'electron'
import { HIDDEN_START_ARG } from './desktop'

export function applyStartAtLogin(app: Pick<App, 'setLoginItemSettings'>, platform: NodeJS.Platform, enabled: boolean): boolean {
  if (platform !== 'darwin' && platform !== 'win32') return false
  app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? [HIDDEN_START_ARG] : [] })
  return true
}
