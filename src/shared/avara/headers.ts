/**
 * Request header assembly: the SDK's own headers, then environment custom headers, client
 * `defaultHeaders` and per-request `headers`, where a later layer wins and `null` removes.
 */

import { AvaraError } from './errors'

/** Headers as a caller may give them. A `null` value removes a header set by an earlier layer. */
export type HeadersLike =
  | Headers
  | readonly (readonly [string, string])[]
  | Readonly<Record<string, string | null | undefined>>

/** Lower-case name → value; `null` marks a removal still to apply. */
type HeaderLayer = Map<string, string | null>

export function toHeaderLayer(input: HeadersLike | undefined): HeaderLayer {
  const layer: HeaderLayer = new Map()
  if (!input) return layer
  const entries: Iterable<readonly [string, string | null | undefined]> =
    input instanceof Headers ? input.entries() : Array.isArray(input) ? input : Object.entries(input)
  for (const [name, value] of entries) {
    if (value === undefined) continue
    layer.set(name.toLowerCase(), value === null ? null : String(value))
  }
  return layer
}

/** Applies layers in order: later values replace earlier ones; `null` deletes. */
export function mergeHeaderLayers(layers: readonly HeaderLayer[]): Headers {
  const merged = new Map<string, string>()
  for (const layer of layers) {
    for (const [name, value] of layer) {
      if (value === null) merged.delete(name)
      else merged.set(name, value)
    }
  }
  const headers = new Headers()
  for (const [name, value] of merged) {
    try {
      headers.set(name, value)
    } catch {
      // The platform's TypeError quotes the value, which may be a credential: name the header only.
      throw new AvaraError(`Header "${name}" has a name or value that cannot be sent over HTTP (control or non-Latin-1 characters)`)
    }
  }
  return headers
}

/** `AVARA_CUSTOM_HEADERS`: newline-separated `Name: value` lines. Malformed lines are skipped. */
export function parseCustomHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of (text ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

const NEVER_ECHOED = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

/**
 * A copy of response headers safe to keep on an error object: a server (or proxy) that echoes
 * credentials must not put them into logs through `err.headers`.
 */
export function headersSafeToExpose(headers: Headers): Headers {
  const safe = new Headers()
  headers.forEach((value, name) => {
    if (!NEVER_ECHOED.has(name.toLowerCase())) safe.append(name, value)
  })
  return safe
}
