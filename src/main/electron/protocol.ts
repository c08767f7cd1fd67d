/**
 * Serves the built renderer on app://companion/ with our CSP on every response. The scheme must be
 * registered as privileged before `app` is ready; the handler is installed after.
 */
import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_SCHEME, type AppPage } from './app-page'
import { mimeType } from '@main/node/static/renderer-paths'
import { resolveAppFile } from './app-files'
import { CONTENT_SECURITY_POLICY } from './csp'

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } }
  ])
}

export function serveAppPage(page: AppPage): void {
  if (page.kind !== 'app-protocol') return
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 })
    const file = resolveAppFile(page.rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': mimeType(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache'
        }
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
