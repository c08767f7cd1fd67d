/**
 * Maps an app://companion/<path> request to a file of the built renderer, refusing anything that
 * would step outside that folder. Pure, so traversal attempts are unit-tested.
 */
import { APP_HOST } from './app-page'
import { rendererPathSegments, resolveInside } from '@main/node/static/renderer-paths'

/** The file to serve for `requestUrl`, or null when the request is not for a file inside `rendererDir`. */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.host !== APP_HOST) return null
  const segments = rendererPathSegments(url.pathname)
  if (segments === null) return null
  return resolveInside(rendererDir, segments.length === 0 ? ['index.html'] : segments)
}
