/**
 * Which page is the app's own. Everything that trusts a renderer (IPC sender checks, the CSP, the
 * navigation guard) asks this module, so "our page" is defined once.
 *
 * Built pages are served from the privileged `app://companion/` scheme (protocol.ts), not file://:
 * with the grantFileProtocolExtraPrivileges fuse off, file:// pages are opaque origins that cannot
 * load the bundle's module scripts, and a custom scheme lets us send our own CSP header.
 * The dev-server URL (set by `electron-vite dev`) is honoured only when the app is not packaged, so
 * an environment variable can never point a shipped app at a foreign page.
 */
import { join } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'companion'

export type AppPage =
  | { kind: 'app-protocol'; url: string; rendererDir: string }
  | { kind: 'dev-server'; url: string; origin: string }

export function resolveAppPage(options: { mainDir: string; isPackaged: boolean; devServerUrl: string | undefined }): AppPage {
  const dev = options.isPackaged ? undefined : parseHttpUrl(options.devServerUrl)
  if (dev) return { kind: 'dev-server', url: dev.href, origin: dev.origin }
  return { kind: 'app-protocol', url: `${APP_SCHEME}://${APP_HOST}/index.html`, rendererDir: join(options.mainDir, '..', 'renderer') }
}

/** True when `candidate` belongs to the app's page origin (any path of app://companion, or the dev server). */
export function isAppPageUrl(page: AppPage, candidate: string): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  if (page.kind === 'dev-server') return url.origin === page.origin
  // Node's URL gives custom schemes an opaque origin ("null"): compare scheme and host instead.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password
}

function parseHttpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}
