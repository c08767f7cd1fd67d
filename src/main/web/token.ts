/**
 * The per-run access token of the web shell and how a request presents it: the `rrc_token`
 * cookie (set when the printed URL is opened), the `x-companion-token` header, or a `token` query
 * parameter. Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { WEB_TOKEN_HEADER } from '../../shared/ipc/contract'

export const TOKEN_COOKIE = 'rrc_token'

/** 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison; hashing first makes the comparison independent of the lengths too. */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export function cookieValue(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index < 0) continue
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim()
  }
  return null
}

export interface PresentedTokens {
  cookie: string | null
  header: string | null
  query: string | null
}

export function presentedTokens(request: IncomingMessage, url: URL): PresentedTokens {
  const header = request.headers[WEB_TOKEN_HEADER]
  return {
    cookie: cookieValue(request, TOKEN_COOKIE),
    header: typeof header === 'string' ? header : null,
    query: url.searchParams.get('token')
  }
}

/**
 * True when a presented token is the run's token. One valid token is enough: a browser still holds
 * the cookie of an earlier run when the user opens the newly printed address, and that stale
 * cookie must not lock them out (it is replaced by the 303 that follows).
 */
export function isAuthorised(tokens: PresentedTokens, expected: string): boolean {
  // Every candidate is compared (no early exit), so timing does not tell which one matched.
  let valid = false
  for (const value of [tokens.cookie, tokens.header, tokens.query]) {
    if (value !== null && tokensEqual(value, expected)) valid = true
  }
  return valid
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
