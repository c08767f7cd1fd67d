import { randomBytes, randomUUID } from 'node:crypto'
import { ID_PREFIXES, type IdKind } from '@shared/avara/contract'

/** A branded Avara ID: prefix + 32 lowercase hex (a UUIDv4 without dashes). */
export function newId(kind: IdKind): string {
  return ID_PREFIXES[kind] + randomUUID().replace(/-/g, '')
}

export function newUuid(): string {
  return randomUUID()
}

/** The sandbox's default API key: clearly a test key, never mistaken for a live `sk_live_` key. */
export function newSandboxApiKey(): string {
  return 'sk_test_sandbox_' + randomBytes(16).toString('hex')
}

export function newSecret(): string {
  return randomBytes(32).toString('hex')
}
