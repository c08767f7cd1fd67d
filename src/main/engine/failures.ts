/**
 * What a failed request means for the workstation: which connection status to show, whether to
 * keep polling, and how long the server asked us to wait. Messages are written for the user and
 * never include URLs, headers or the key.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  AvaraResponseValidationError,
  PermissionDeniedError,
  RateLimitError
} from '@shared/avara/errors'
import { serverRetryAfterMs } from './backoff'

export type FailureKind = 'offline' | 'server-error' | 'rate-limited' | 'key-rejected' | 'request-error'

export interface Failure {
  kind: FailureKind
  reason: string
  /** A server-given wait (429), in ms. */
  retryAfterMs: number | null
  /** Stop polling until a new key is saved (401). */
  fatal: boolean
}

export function classifyFailure(error: unknown, now: number): Failure {
  if (error instanceof AuthenticationError) {
    return { kind: 'key-rejected', reason: 'The server rejected this API key.', retryAfterMs: null, fatal: true }
  }
  if (error instanceof RateLimitError) {
    const wait = serverRetryAfterMs(error.headers, now)
    return { kind: 'rate-limited', reason: 'The server asked us to slow down (rate limited).', retryAfterMs: wait, fatal: false }
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { kind: 'offline', reason: 'The server did not answer in time.', retryAfterMs: null, fatal: false }
  }
  if (error instanceof APIConnectionError) {
    return { kind: 'offline', reason: 'Cannot reach the server.', retryAfterMs: null, fatal: false }
  }
  if (error instanceof AvaraResponseValidationError) {
    return { kind: 'server-error', reason: 'The server sent a response the app cannot read.', retryAfterMs: null, fatal: false }
  }
  if (error instanceof PermissionDeniedError) {
    return { kind: 'request-error', reason: 'This API key may not read the viewer studies (403).', retryAfterMs: null, fatal: false }
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    if (error.status >= 500) {
      return { kind: 'server-error', reason: `The server reported an error (${error.status}).`, retryAfterMs: null, fatal: false }
    }
    return { kind: 'request-error', reason: `The server refused the request (${error.status}).`, retryAfterMs: null, fatal: false }
  }
  // A bug or an unexpected runtime failure: keep polling with backoff, report it as a server problem.
  return { kind: 'server-error', reason: 'Unexpected error while polling.', retryAfterMs: null, fatal: false }
}
