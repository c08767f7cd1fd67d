/**
 * A failed Avara call in the user's words: the one mapper. Sign-in (key-check.ts), polling
 * (failures.ts) and bridge calls (call-errors.ts) read an error here and only choose what to do
 * with its kind. Texts never carry a path, a header or the key; the server's own message is
 * capped and redacted before it may reach the renderer.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  AvaraError,
  PermissionDeniedError,
  RateLimitError
} from '@shared/avara/errors'
import { redact } from './logging'

export type AvaraErrorKind =
  | 'key-rejected' // 401
  | 'forbidden' // 403
  | 'rate-limited' // 429
  | 'timeout'
  | 'unreachable'
  | 'unreadable' // an answer that breaks the contract
  | 'server-error' // 5xx
  | 'refused' // any other 4xx
  | 'unexpected' // not an Avara error: a bug

export interface AvaraErrorReading {
  kind: AvaraErrorKind
  status: number | null
  /** One sentence for the user. */
  text: string
  /** The server's own message, capped and redacted; null when it sent none. */
  serverText: string | null
}

export const SERVER_TEXT_MAX = 200

function serverMessage(error: APIError): string | null {
  const body = error.error as { message?: unknown } | undefined
  return typeof body?.message === 'string' ? redact(body.message.slice(0, SERVER_TEXT_MAX)) : null
}

/** @param origin the server's origin, named where the user is choosing a server (sign-in) */
export function readAvaraError(error: unknown, origin?: string): AvaraErrorReading {
  const server = origin ? `The server at ${origin}` : 'The server'
  const status = error instanceof APIError && typeof error.status === 'number' ? error.status : null
  const serverText = error instanceof APIError ? serverMessage(error) : null
  const read = (kind: AvaraErrorKind, text: string): AvaraErrorReading => ({ kind, status, text, serverText })

  if (error instanceof AuthenticationError) return read('key-rejected', 'The server rejected this API key.')
  if (error instanceof PermissionDeniedError) return read('forbidden', 'This API key may not use the viewer API (403).')
  if (error instanceof RateLimitError) return read('rate-limited', `${server} asked us to slow down (rate limited).`)
  if (error instanceof APIConnectionTimeoutError) return read('timeout', `${server} did not answer in time.`)
  if (error instanceof APIConnectionError || (error instanceof APIError && status === null)) {
    return read('unreachable', origin ? `Cannot reach the server at ${origin}.` : 'Cannot reach the server.')
  }
  if (status !== null && status >= 500) return read('server-error', `${server} reported an error (${status}).`)
  if (status !== null) return read('refused', `${server} refused the request (${status}).`)
  if (error instanceof AvaraError) return read('unreadable', `${server} sent an answer the app cannot read.`)
  return read('unexpected', 'Something unexpected went wrong while talking to the server.')
}
