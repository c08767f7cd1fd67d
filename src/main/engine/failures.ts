/**
 * What a failed request means for the workstation: which connection status to show, whether to
 * keep polling, and how long the server asked us to wait. Messages are written for the user and
 * never include URLs, headers or the key.
 */
import { RateLimitError } from '@shared/avara/errors'
import { readAvaraError, type AvaraErrorKind } from './avara-error-text'
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

const FAILURE_OF: Record<AvaraErrorKind, FailureKind> = {
  'key-rejected': 'key-rejected',
  forbidden: 'request-error',
  'rate-limited': 'rate-limited',
  timeout: 'offline',
  unreachable: 'offline',
  unreadable: 'server-error',
  'server-error': 'server-error',
  refused: 'request-error',
  // A bug or an unexpected runtime failure: keep polling with backoff, report it as a server problem.
  unexpected: 'server-error'
}

/** The words come from the one mapper (avara-error-text.ts); this adds what polling does next. */
export function classifyFailure(error: unknown, now: number): Failure {
  const reading = readAvaraError(error)
  const kind = FAILURE_OF[reading.kind]
  const retryAfterMs = error instanceof RateLimitError ? serverRetryAfterMs(error.headers, now) : null
  return { kind, reason: reading.text, retryAfterMs, fatal: kind === 'key-rejected' }
}
