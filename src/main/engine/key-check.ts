/**
 * Sign-in's key check: one cheap authenticated request (`users.list({limit: 1})`) and a verdict
 * in the user's words. The key never appears in a message.
 */
import type { KeyCheckResult, KeyProblem } from '@shared/ipc/contract'
import type { AvaraClient } from './avara-client'
import { readAvaraError, type AvaraErrorKind } from './avara-error-text'

export async function checkApiKey(client: AvaraClient, base: URL): Promise<KeyCheckResult> {
  try {
    await client.viewer.users.list({ limit: 1 })
    return { ok: true }
  } catch (error) {
    return { ok: false, ...describeKeyFailure(error, base) }
  }
}

const PROBLEM_OF: Record<AvaraErrorKind, KeyProblem> = {
  'key-rejected': 'key-rejected',
  forbidden: 'key-rejected',
  'rate-limited': 'rate-limited',
  timeout: 'unreachable',
  unreachable: 'unreachable',
  unreadable: 'server-error',
  'server-error': 'server-error',
  refused: 'server-error',
  unexpected: 'server-error'
}

/** The words come from the one mapper (avara-error-text.ts), naming the server being tried. */
export function describeKeyFailure(error: unknown, base: URL): { problem: KeyProblem; message: string } {
  const reading = readAvaraError(error, base.origin)
  return { problem: PROBLEM_OF[reading.kind], message: reading.text }
}
