/**
 * The application menu as data (no `electron` import at run time; tests/shell/app-menu.test.ts
 * checks it in plain Node): our own instead of Electron's default, which offers Reload, DevTools
 * and links to electronjs.org. app.ts turns it into the application menu.
 *
 * - Edit has the clipboard roles, so copy and paste work in the page (and on macOS at all).
 * - Settings… (Ctrl/⌘+,) and Search queue (Ctrl/⌘+F) ask the page through the `menu.command`
 *   event; the page's keyboard map handles the same keys in the web shell (lib/keys.ts).
 * - Reload, Force reload and DevTools exist only in development builds.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '@shared/ipc/contract'
import { en, format, type ShellMessages } from './strings'

export const SETTINGS_ACCELERATOR = 'CmdOrCtrl+,'
export const SEARCH_ACCELERATOR = 'CmdOrCtrl+F'
/** The product's home page (package.json `homepage`), where the user guide is published. */
export const USER_GUIDE_URL = 'https://readingroom.org/companion'

export interface AppMenuActions {
  /** Shows the window and sends the command to the page. */
  command(command: MenuCommand): void
  openUserGuide(): void
}

export interface AppMenuOptions {
  platform: NodeJS.Platform
  /** Packaged builds have no Reload or DevTools. */
  isPackaged: boolean
  appName: string
  messages?: ShellMessages
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const m = (options.messages ?? en).menu
  const mac = options.platform === 'darwin'
  const settings: MenuItemConstructorOptions = { id: 'settings', label: m.settings, accelerator: SETTINGS_ACCELERATOR, click: () => actions.command('settings') }
  const template: MenuItemConstructorOptions[] = []

  if (mac) {
    template.push({
      id: 'app',
      label: options.appName,
      submenu: [{ role: 'about' }, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { id: 'quit', role: 'quit' }]
    })
  } else {
    template.push({
      id: 'file',
      label: m.file,
      submenu: [settings, separator, { id: 'close-window', role: 'close', label: m.closeWindow }, { id: 'quit', role: 'quit', label: m.quit }]
    })
  }

  template.push({
    id: 'edit',
    label: m.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'selectAll' },
      separator,
      { id: 'search', label: m.search, accelerator: SEARCH_ACCELERATOR, click: () => actions.command('search') }
    ]
  })

  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }]
  if (!options.isPackaged) view.push(separator, { id: 'developer', label: m.developer, submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] })
  template.push({ id: 'view', label: m.view, submenu: view })

  if (mac) template.push({ id: 'window', role: 'windowMenu', label: m.window })

  template.push({
    id: 'help',
    role: 'help',
    label: m.help,
    submenu: [
      { id: 'keyboard-shortcuts', label: m.keyboardShortcuts, click: () => actions.command('keys') },
      { id: 'user-guide', label: m.userGuide, click: () => actions.openUserGuide() },
      // macOS has About in the app menu.
      ...(mac ? [] : [separator, { id: 'about', role: 'about', label: format(m.about, { app: options.appName }) } as const])
    ]
  })
  return template
}
