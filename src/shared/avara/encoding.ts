/**
 * Wire encoding of URLs, exactly as docs/avara-viewer-api.md §4 describes the official SDK:
 * RFC 3986 percent-encoding, `null` as an empty value, arrays in comma format.
 */
import { AvaraError } from './errors'

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean | null)[]
export type QueryParams = Readonly<Record<string, unknown>>

/**
 * RFC 3986 component encoding: only `A-Z a-z 0-9 - . _ ~` stay as they are.
 * `encodeURIComponent` also keeps `! ' ( ) *`, so those are encoded by hand.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(wellFormed(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * Lone UTF-16 surrogates cannot be percent-encoded (`encodeURIComponent` throws URIError); like
 * `URLSearchParams`, send U+FFFD in their place.
 */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/** `?a=1&b=` from the given params, or `''` when nothing is sent. Key order is preserved. */
export function encodeQuery(params: QueryParams | undefined): string {
  if (!params) return ''
  const pairs: string[] = []
  for (const [key, value] of Object.entries(params)) {
    const encoded = encodeQueryValue(key, value)
    if (encoded !== undefined) pairs.push(`${encodeRfc3986(key)}=${encoded}`)
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`
}

function encodeQueryValue(key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined
  // `null` is a real filter ("explicitly unassigned"), so the key is sent with an empty value.
  if (value === null) return ''
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined
    // Comma format: the separator is itself percent-encoded, as the SDK does (`sent%2Crevoked`).
    return value.map((item: unknown) => encodeScalar(key, item ?? '')).join('%2C')
  }
  return encodeScalar(key, value)
}

function encodeScalar(key: string, value: unknown): string {
  if (typeof value === 'string') return encodeRfc3986(value)
  if (typeof value === 'number' || typeof value === 'boolean') return encodeRfc3986(String(value))
  throw new AvaraError(`Cannot encode query parameter "${key}": expected a string, number, boolean, null or an array of them, got ${typeof value}`)
}

/**
 * One path segment: everything outside the RFC 3986 path set (`A-Za-z0-9-._~!$&'()*+,;=:@`) is
 * percent-encoded, so `/`, `?`, `#` and space cannot change the route. `.` and `..` would still
 * walk the path, and an empty value would turn `GET /studies/{id}` into the list route, so all
 * three are refused before anything is sent.
 */
export function encodePathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new AvaraError(`Path parameter "${name}" must be a string, got ${value === null ? 'null' : typeof value}`)
  }
  if (value === '' || value === '.' || value === '..') {
    throw new AvaraError(`Path parameter "${name}" must not be ${value === '' ? 'empty' : `"${value}"`}`)
  }
  return encodeURIComponent(wellFormed(value)).replace(/%(24|26|2B|2C|3B|3D|3A|40)/gi, (escape) => decodeURIComponent(escape))
}

/** Fills `{name}` placeholders of a path template with encoded segments. */
export function fillPathTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => encodePathSegment(name, params[name]))
}

/**
 * Joins a base URL and an absolute API path: a trailing slash on the base is dropped and a path
 * prefix in it kept (`http://h/api/` + `/v1/x` gives `http://h/api/v1/x`).
 */
export function joinURL(baseURL: string, path: string): string {
  return baseURL.replace(/\/+$/, '') + path
}
