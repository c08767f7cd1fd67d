/**
 * The per-run access token of the web shell. It is the first path segment of every address the
 * shell answers (`/<token>/…`, a capability URL): no cookie, so no other server on 127.0.0.1 or
 * localhost (same-site for the browser, whatever its port) is ever handed it. Compared in
 * constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes, base64url (43 characters, all safe in a URL path). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison; hashing first makes the comparison independent of the lengths too. */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export interface TokenPath {
  /** The first path segment (what must be the token). */
  first: string
  /** The path below it, with its leading slash (`/`, `/assets/x.js`, `/api/events`), or '' for `/<first>` alone. */
  rest: string
}

/** Splits a URL path `/<first>/<rest…>` into its first segment and the rest. */
export function splitTokenPath(pathname: string): TokenPath {
  const end = pathname.indexOf('/', 1)
  return end < 0 ? { first: pathname.slice(1), rest: '' } : { first: pathname.slice(1, end), rest: pathname.slice(end) }
}
