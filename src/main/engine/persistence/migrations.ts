/**
 * Ordered, numbered migrations of the stored document. The document carries `version`; a document
 * without one is version 0 (the prototype layout). To change the layout: bump
 * CURRENT_STATE_VERSION, append a step `{ from: n, to: n + 1 }`, and extend the schema. Steps get a
 * plain object and return a new one; a step that throws stops migration there (reported, never
 * fatal) and the lenient parser keeps whatever is still valid.
 */

import { DEFAULT_BASE_URL } from '@shared/ipc/contract'
import { keychainAccount } from '../ports'
import { isRecord } from './is-record'

export const CURRENT_STATE_VERSION = 2

export type StoredDocument = Record<string, unknown>

export interface StateMigration {
  from: number
  to: number
  /** What the step changes, for the log. */
  description: string
  up(document: StoredDocument): StoredDocument
}

/** Rename `from` to `to` unless `to` is already there (then the newer value wins). */
export function renameKey(document: StoredDocument, from: string, to: string): StoredDocument {
  if (!(from in document)) return document
  const { [from]: value, ...rest } = document
  return to in rest ? rest : { ...rest, [to]: value }
}

export const STATE_MIGRATIONS: readonly StateMigration[] = [
  {
    from: 0,
    to: 1,
    description: 'prototype layout: serverUrl → baseUrl, alertLedger → ledger, windowBounds → window',
    up: (document) => renameKey(renameKey(renameKey(document, 'serverUrl', 'baseUrl'), 'alertLedger', 'ledger'), 'windowBounds', 'window')
  },
  {
    from: 1,
    to: 2,
    description: 'per-account layout: baseUrl, identity, ledger and snapshot move into accounts[0] with the keychain name the key is stored under',
    up: (document) => {
      const { baseUrl, identity, ledger, snapshot, ...global } = document
      // Already per-account (a v2 file whose version was lost): the newer layout wins, as in renameKey.
      if ('accounts' in document) return global
      // A part v1 did not have took its default there; a bad one is the parser's to judge, per part.
      const server = baseUrl ?? DEFAULT_BASE_URL
      const account: StoredDocument = { id: 'primary', baseUrl: server, identity: identity ?? null, ledger: ledger ?? {}, snapshot: snapshot ?? null }
      const keyName = keyNameFor(server)
      if (keyName !== null) account.keychainAccount = keyName
      return { ...global, accounts: [account] }
    }
  }
]

/**
 * Where v1 kept the key for this address (`avara-api-key@<origin>`), so a migrated profile finds
 * its key without asking; null when the address is unreadable (the parser derives it later).
 */
function keyNameFor(baseUrl: unknown): string | null {
  if (typeof baseUrl !== 'string') return null
  try {
    return keychainAccount(baseUrl)
  } catch {
    return null
  }
}

export interface MigrationOutcome {
  /** The migrated document, without `version`. */
  document: StoredDocument
  fromVersion: number
  /** The version the document has now (the target unless a step failed or it came from a newer app). */
  version: number
  applied: string[]
  warnings: string[]
}

/** The version a stored document declares: absent → 0 (or current, for an empty new file). */
export function storedVersion(document: StoredDocument): number {
  const version = document.version
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return version
  return Object.keys(document).length === 0 ? CURRENT_STATE_VERSION : 0
}

export function migrateState(
  raw: unknown,
  migrations: readonly StateMigration[] = STATE_MIGRATIONS,
  target: number = CURRENT_STATE_VERSION
): MigrationOutcome {
  const warnings: string[] = []
  const applied: string[] = []
  if (!isRecord(raw)) {
    return { document: {}, fromVersion: target, version: target, applied, warnings: raw === undefined ? [] : ['stored state is not an object: using defaults'] }
  }
  const declared = raw.version
  if (declared !== undefined && !(typeof declared === 'number' && Number.isInteger(declared) && declared >= 0)) {
    warnings.push('version: not a whole number, treating the data as version 0')
  }
  const fromVersion = storedVersion(raw)
  const { version: _ignored, ...rest } = raw
  let document: StoredDocument = rest
  let version = fromVersion
  if (fromVersion > target) {
    warnings.push(`stored state was written by a newer version (v${fromVersion}); reading what this version understands`)
    return { document, fromVersion, version: target, applied, warnings }
  }
  while (version < target) {
    const step = migrations.find((migration) => migration.from === version)
    if (!step || step.to <= version) {
      warnings.push(`no migration from v${version}; reading what this version understands`)
      break
    }
    try {
      const next = step.up(structuredClone(document))
      if (!isRecord(next)) throw new Error('step returned a non-object')
      document = next
      version = step.to
      applied.push(`v${step.from}→v${step.to}: ${step.description}`)
    } catch (error) {
      warnings.push(`migration v${step.from}→v${step.to} failed (${error instanceof Error ? error.message : 'unknown error'}); reading what this version understands`)
      break
    }
  }
  return { document, fromVersion, version, applied, warnings }
}
