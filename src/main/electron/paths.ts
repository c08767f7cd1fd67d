/** Where the built pieces and icons live, relative to the main bundle (out/main/index.js). */
import { join } from 'node:path'

export interface ShellPaths {
  preload: string
  resourcesDir: string
  windowIcon: string
  notificationIcon: string
}

export function shellPaths(options: { mainDir: string; isPackaged: boolean; resourcesPath: string }): ShellPaths {
  // Packaged: icons are copied beside app.asar (extraResources) so libnotify and the tray can read
  // them as plain files; in development they are read from the repository's resources/.
  const resourcesDir = options.isPackaged ? join(options.resourcesPath, 'icons') : join(options.mainDir, '..', '..', 'resources')
  return {
    preload: join(options.mainDir, '..', 'preload', 'index.cjs'),
    resourcesDir,
    windowIcon: join(resourcesDir, 'icon-256.png'),
    notificationIcon: join(resourcesDir, 'icon-256.png')
  }
}
