/**
 * The last check before a URL leaves the app for the system browser. The core already accepted it
 * (http(s), https unless loopback); this adapter checks again and re-serialises, so whatever reaches
 * `shell.openExternal` is a URL we parsed ourselves, never a string the renderer shaped.
 */
import { isLoopbackHost } from '@main/engine/open-url'

/** The URL to hand to the OS, or null when it must not be opened. */
export function toOpenableUrl(input: URL | string): string | null {
  let url: URL
  try {
    url = new URL(typeof input === 'string' ? input : input.href)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return null
  if (url.username || url.password) return null
  return url.href
}
