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

/** True when any presented token is the run's token; a wrong one anywhere fails the request. */
export function isAuthorised(tokens: PresentedTokens, expected: string): boolean {
  const given = [tokens.cookie, tokens.header, tokens.query].filter((value): value is string => value !== null)
  return given.length > 0 && given.every((value) => tokensEqual(value, expected))
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
