/**
 * Errors of bridge calls, as the renderer sees them: a code and a message written here. Messages
 * never copy a request (so never the key, a token or a URL).
 */
import { APIError, AuthenticationError } from '@shared/avara/errors'
import type { BridgeErrorCode } from '@shared/ipc/contract'
import { redact } from './logging'

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

/** A safe, short description of a failed API call (never the URL, headers or key). */
export function describeUpstream(error: unknown): string {
  if (error instanceof AuthenticationError) return 'The server rejected the API key.'
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = error.error as { message?: unknown } | undefined
    // Server text reaches the renderer: cap it and strip anything that looks like a credential.
    const text = typeof body?.message === 'string' ? redact(body.message.slice(0, 200)) : `status ${error.status}`
    return `The server refused the request (${error.status}): ${text}`
  }
  if (error instanceof APIError) return 'Cannot reach the server.'
  return 'The server sent an answer the app cannot read.'
}

/** For logs: the error's class name only (messages may quote server text). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
