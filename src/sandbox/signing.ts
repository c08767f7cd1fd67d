import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * `base64url(JSON payload) + "." + base64url(HMAC-SHA256)`: used for list cursors and reroute
 * tokens, so the sandbox rejects anything it did not issue itself.
 */
export function signPayload(secret: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
  return `${body}.${mac(secret, body)}`
}

/** The payload if the signature is genuine, else undefined (never throws on garbage input). */
export function verifyPayload(secret: string, token: string): unknown {
  if (typeof token !== 'string' || token.length > 2048) return undefined
  const dot = token.indexOf('.')
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined
  const body = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1), 'utf8')
  const expected = Buffer.from(mac(secret, body), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url')
}
