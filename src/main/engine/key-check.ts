/**
 * Sign-in's key check: one cheap authenticated request (`users.list({limit: 1})`) and a verdict
 * in the user's words. The key never appears in a message.
 */
import { APIConnectionError, APIError, AuthenticationError, PermissionDeniedError, RateLimitError } from '@shared/avara/errors'
import type { KeyCheckResult, KeyProblem } from '@shared/ipc/contract'
import type { AvaraClient } from './avara-client'

export async function checkApiKey(client: AvaraClient, base: URL): Promise<KeyCheckResult> {
  try {
    await client.viewer.users.list({ limit: 1 })
    return { ok: true }
  } catch (error) {
    return { ok: false, ...describeKeyFailure(error, base) }
  }
}

export function describeKeyFailure(error: unknown, base: URL): { problem: KeyProblem; message: string } {
  if (error instanceof AuthenticationError) return { problem: 'key-rejected', message: 'The server rejected this API key.' }
  if (error instanceof PermissionDeniedError) return { problem: 'key-rejected', message: 'This API key may not use the viewer API.' }
  if (error instanceof RateLimitError) return { problem: 'rate-limited', message: 'The server is limiting requests right now. Try again in a minute.' }
  if (error instanceof APIConnectionError) return { problem: 'unreachable', message: `Cannot reach the server at ${base.origin}.` }
  if (error instanceof APIError && typeof error.status === 'number') {
    return { problem: 'server-error', message: `The server at ${base.origin} answered with an error (${error.status}). Try again shortly.` }
  }
  return { problem: 'server-error', message: `The server at ${base.origin} sent an answer the app cannot read.` }
}
