/**
 * Errors of bridge calls, as the renderer sees them: a code and a message written here. Messages
 * never copy a request (so never the key, a token or a URL).
 */
import type { BridgeErrorCode } from '@shared/ipc/contract'
import { readAvaraError } from './avara-error-text'

/** Thrown by a call handler to answer `{ ok: false, error: { code, message } }`. */
export class CallError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'CallError'
  }
}

/** "field.path: what is wrong", from the first zod issue. */
export function describeZodIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'The request is not valid.'
  const field = issue.path.map(String).join('.')
  return field ? `${field}: ${issue.message}` : issue.message
}

/** A failed API call for the renderer: the one reading (avara-error-text.ts) plus what the server said. */
export function describeUpstream(error: unknown): string {
  const reading = readAvaraError(error)
  return reading.serverText && reading.kind !== 'key-rejected' ? `${reading.text} The server said: ${reading.serverText}` : reading.text
}

/** For logs: the error's class name only (messages may quote server text). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
