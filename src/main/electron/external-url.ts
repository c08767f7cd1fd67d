/**
 * The last check before a URL leaves the app for the system browser. The core already accepted it
 * (http(s), https unless loopback); this adapter checks again and re-serialises, so whatever reaches
 * `shell.openExternal` is a URL we parsed ourselves, never a string the renderer shaped.
 */
import { checkViewerUrl } from '@main/engine/open-url'

/** The URL to hand to the OS (re-parsed by the engine's one viewer-URL check), or null. */
export function toOpenableUrl(input: URL | string): string | null {
  const checked = checkViewerUrl(typeof input === 'string' ? input : input.href)
  return checked.ok ? checked.url.href : null
}
