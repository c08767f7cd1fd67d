/**
 * Hardening of every web contents and of the default session: our CSP on the app's pages, no
 * navigation away, no new windows, no permissions, no <webview>. Applied to any web contents the
 * app ever creates (`web-contents-created`), not just the main window.
 */
import type { App, Session, WebContents } from 'electron'
import type { Logger } from '@main/engine/ports'
import { isAppPageUrl, type AppPage } from './app-page'
import { withContentSecurityPolicy } from './csp'

export function hardenSession(session: Session, page: AppPage): void {
  // The app:// handler already sends the CSP; this also covers the dev server (http) in development.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppPageUrl(page, details.url)) callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
    else callback({})
  })
  // Notifications are native, from main; the page needs no permission at all.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

export function hardenWebContents(contents: WebContents, page: AppPage, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    // Reloads of our own page are fine; everything else is refused (links open via study.open).
    if (isAppPageUrl(page, url)) return
    event.preventDefault()
    logger.warn('navigation refused', { scheme: schemeOf(url) })
  })
  contents.on('will-redirect', (event, url) => {
    if (isAppPageUrl(page, url)) return
    event.preventDefault()
    logger.warn('redirect refused', { scheme: schemeOf(url) })
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('webview refused')
  })
  contents.setWindowOpenHandler(() => {
    logger.warn('window.open refused')
    return { action: 'deny' }
  })
}

/** Every web contents, whoever creates it, gets the same rules. */
export function hardenAllWebContents(app: App, page: AppPage, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page, logger))
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  return match?.[1]?.toLowerCase() ?? 'unknown'
}
