/**
 * DNS-rebinding and cross-site defences: the Host must be this shell's loopback address, and an
 * Origin, when a browser sends one, must be exactly the page's own origin.
 */
import type { IncomingMessage } from 'node:http'

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

/** The validated Host header, or null when it is not one of ours. */
export function checkHost(request: IncomingMessage, port: number): string | null {
  const host = request.headers.host?.toLowerCase()
  return host !== undefined && allowedHosts(port).includes(host) ? host : null
}

/** True when there is no Origin header, or it equals `http://<host>` (the page's own origin). */
export function checkOrigin(request: IncomingMessage, host: string): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  return origin === `http://${host}`
}

/** POSTs to the API must be JSON (no simple cross-site form posts). */
export function isJsonContentType(request: IncomingMessage): boolean {
  const type = request.headers['content-type']
  return typeof type === 'string' && type.split(';')[0]!.trim().toLowerCase() === 'application/json'
}
