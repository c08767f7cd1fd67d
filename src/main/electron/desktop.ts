/**
 * What the desktop can do, guessed from the platform and environment (Electron cannot ask whether
 * a tray icon is actually visible). On vanilla GNOME a tray icon shows only with the AppIndicator
 * extension, so there closing the window minimises instead of hiding: the window must stay reachable.
 */
const LINUX_DESKTOPS_WITH_TRAY = ['kde', 'xfce', 'cinnamon', 'mate', 'lxqt', 'lxde', 'budgie', 'unity', 'pantheon', 'deepin', 'ukui', 'enlightenment']

export function trayProbablyVisible(platform: NodeJS.Platform, env: Record<string, string | undefined>): boolean {
  if (platform !== 'linux') return true
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toLowerCase()
  // Ubuntu's GNOME ships the AppIndicator extension ("ubuntu:GNOME").
  if (desktop.includes('ubuntu')) return true
  return LINUX_DESKTOPS_WITH_TRAY.some((name) => desktop.includes(name))
}

/** Launch arguments that ask for a start without showing the window (start at login). */
export const HIDDEN_START_ARG = '--hidden'
