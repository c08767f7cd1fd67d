/**
 * Recovery, not reset: what a damaged state file still holds is kept field by field, and what it
 * lost is taken from the last good copy. Pure (no I/O): the state store reads the files and hands
 * their text here. See docs/fault-tolerance.md.
 */
import { SettingsSchema } from '@shared/ipc/contract'
import type { PersistedState, StoredAccount } from '@main/engine/ports'
import { isRecord } from '@main/engine/persistence/is-record'
import { migrateState, type StateMigration } from '@main/engine/persistence/migrations'
import {
  defaultAccount,
  defaultPersistedState,
  LedgerEntrySchema,
  parseAccountLeniently,
  parsePersistedStateLeniently,
  PersistedStateSchema,
  StoredAccountSchema
} from '@main/engine/persistence/schema'

/** Why a state file counts as damaged (null: it is sound). */
export type Damage = 'missing' | 'empty' | 'not-json' | 'not-an-object' | 'bad-version' | 'invalid-parts'

export interface InspectedDocument {
  /** The document as an object, migrated to the current layout; null when nothing could be read. */
  document: Record<string, unknown> | null
  damage: Damage | null
  /** Top-level parts that failed their schema (for 'invalid-parts'). */
  invalidParts: string[]
  /** Written by a newer version of the app: read what this one understands, never set aside. */
  newer: boolean
  /** Migration and per-part problems, for the log (paths, never values). */
  issues: string[]
  /** The migration steps applied (the document is already migrated: never migrate it twice). */
  applied: string[]
  fromVersion: number
}

const FIELDS = Object.keys(PersistedStateSchema.shape) as Array<keyof PersistedState>
const fieldSchema = (field: string) => (PersistedStateSchema.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)[field]!

/** Classify the text of a state file (`null`: the file does not exist). */
export function inspectStateText(text: string | null, currentVersion: number, migrations?: readonly StateMigration[]): InspectedDocument {
  const none = (damage: Damage | null): InspectedDocument => ({ document: null, damage, invalidParts: [], newer: false, issues: [], applied: [], fromVersion: currentVersion })
  if (text === null) return none(null)
  if (text.trim() === '') return none('empty')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return none('not-json')
  }
  if (!isRecord(raw)) return none('not-an-object')
  const version = raw.version
  const badVersion = version !== undefined && !(typeof version === 'number' && Number.isInteger(version) && version >= 0)
  const outcome = migrateState(raw, migrations, currentVersion)
  const newer = outcome.fromVersion > currentVersion
  const document = outcome.document
  const invalidParts = FIELDS.filter((field) => field in document && !fieldSchema(field).safeParse(document[field]).success).flatMap((field) =>
    // Name an account's bad parts (its ledger, its server), not the whole list of accounts.
    field === 'accounts' && Array.isArray(document.accounts) ? invalidAccountParts(document.accounts) : [field]
  )
  const { issues } = parsePersistedStateLeniently(document)
  const damage: Damage | null = badVersion ? 'bad-version' : invalidParts.length > 0 && !newer ? 'invalid-parts' : null
  return { document, damage, invalidParts, newer, issues: [...outcome.warnings, ...issues], applied: outcome.applied, fromVersion: outcome.fromVersion }
}

function invalidAccountParts(accounts: unknown[]): string[] {
  const parts = new Set<string>()
  for (const entry of accounts) {
    if (!isRecord(entry)) parts.add('accounts')
    else for (const key of Object.keys(entry)) if (!(StoredAccountSchema.shape as Record<string, unknown>)[key] || !accountFieldSchema(key).safeParse(entry[key]).success) parts.add(key in StoredAccountSchema.shape ? key : 'accounts')
  }
  return parts.size > 0 ? [...parts] : ['accounts']
}

/** The user's words for each part of the state. */
export const PART_LABELS: Record<string, string> = {
  accounts: 'accounts',
  baseUrl: 'server address',
  keychainAccount: 'where the key is kept',
  identity: 'followed radiologist',
  settings: 'settings',
  ledger: 'alert history',
  snapshot: 'cached queue',
  window: 'window position',
  view: 'view preferences',
  setByUser: 'which settings you chose yourself'
}
const label = (field: string): string => PART_LABELS[field] ?? field

export interface Recovered {
  state: PersistedState
  /** Parts kept from the damaged file itself (wholly or partly). */
  fromFile: string[]
  /** Parts taken (wholly or partly) from the last good copy. */
  fromLastGood: string[]
  /** Parts that had data and could not be recovered from either. */
  lost: string[]
}

/**
 * Merge a damaged document with the last good copy, part by part: a part that validates in the
 * damaged file wins; otherwise its valid pieces (single settings, ledger entries, view entries)
 * are laid over the last good copy's; otherwise the last good copy's part; otherwise the default.
 */
export function recoverState(damaged: Record<string, unknown> | null, lastGood: PersistedState | null): Recovered {
  const base = lastGood ?? defaultPersistedState()
  const defaults = defaultPersistedState()
  const state = structuredClone(base)
  const fromFile: string[] = []
  const fromLastGood: string[] = []
  const lost: string[] = []
  const doc = damaged ?? {}
  const salvaged = parsePersistedStateLeniently(doc).state
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b)
  const target = state as unknown as Record<string, unknown>

  for (const field of FIELDS) {
    const inFile = field in doc
    if (inFile && fieldSchema(field).safeParse(doc[field]).success) {
      target[field] = structuredClone(doc[field])
      // The user knows an account by its parts (server, radiologist, alert history), not by the list.
      if (field === 'accounts') fromFile.push(...['baseUrl', 'keychainAccount', 'identity', 'ledger', 'snapshot'].map(label))
      else fromFile.push(label(field))
      continue
    }
    const hadLastGood = lastGood !== null
    let tookFromFile = false
    if (field === 'accounts' && Array.isArray(doc.accounts)) {
      const merged = recoverAccounts(doc.accounts, lastGood?.accounts ?? [], { fromFile, fromLastGood, lost })
      if (merged.length > 0) {
        state.accounts = merged
        continue
      }
    } else if (field === 'settings' && isRecord(doc.settings)) {
      tookFromFile = layValidKeys(SettingsSchema.shape as unknown as Shape, doc.settings, target.settings as Record<string, unknown>)
    } else if (field === 'view' && isRecord(doc.view)) {
      Object.assign(state.view, salvaged.view)
      tookFromFile = Object.keys(salvaged.view).length > 0
    }
    if (field === 'accounts') {
      // No account entry readable: the last good copy's accounts (already in `state`), named by part.
      const heldData = damaged === null ? true : inFile && differs(doc.accounts, defaults.accounts)
      for (const part of ['baseUrl', 'identity', 'ledger', 'snapshot']) {
        const fromCopy = hadLastGood && part !== 'snapshot'
        if (fromCopy) fromLastGood.push(label(part))
        else if (heldData) lost.push(label(part))
      }
      if (!hadLastGood) state.accounts = defaults.accounts
      continue
    }
    if (tookFromFile) fromFile.push(label(field))
    if (hadLastGood) fromLastGood.push(label(field))
    // An unreadable file may have held anything; a readable one held what is in it.
    const heldData = damaged === null ? true : inFile && differs(doc[field], defaults[field])
    if (heldData && !tookFromFile && !hadLastGood) lost.push(label(field))
  }
  return { state: parsePersistedStateLeniently(state).state, fromFile: unique(fromFile), fromLastGood: unique(fromLastGood), lost: unique(lost) }
}

interface Tally {
  fromFile: string[]
  fromLastGood: string[]
  lost: string[]
}

const ACCOUNT_FIELDS = ['baseUrl', 'keychainAccount', 'identity', 'ledger', 'snapshot'] as const
const accountFieldSchema = (field: string) =>
  (StoredAccountSchema.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)[field]!

/**
 * The damaged file's accounts, each merged with the last good copy's account of the same id, part
 * by part: a damaged ledger loses only its bad entries (laid over the last good ledger), and the
 * account keeps its server, key place and identity. Accounts only in the last good copy come back.
 */
function recoverAccounts(raw: unknown[], lastGood: readonly StoredAccount[], tally: Tally): StoredAccount[] {
  const accounts: StoredAccount[] = []
  for (const entry of raw) {
    const salvaged = parseAccountLeniently(entry, 'account', [])
    if (salvaged === null || !isRecord(entry) || accounts.some((a) => a.id === salvaged.id)) continue
    const previous = lastGood.find((a) => a.id === salvaged.id) ?? null
    const account = structuredClone(previous ?? defaultAccount(salvaged.id))
    if (salvaged.label !== undefined) account.label = salvaged.label
    if (salvaged.colour !== undefined) account.colour = salvaged.colour
    if (salvaged.overrides !== undefined) account.overrides = salvaged.overrides
    const fresh = defaultAccount(salvaged.id) as unknown as Record<string, unknown>
    const target = account as unknown as Record<string, unknown>
    for (const field of ACCOUNT_FIELDS) {
      const inFile = field in entry
      if (inFile && accountFieldSchema(field).safeParse(entry[field]).success) {
        target[field] = structuredClone(entry[field])
        tally.fromFile.push(label(field))
        continue
      }
      // The last good copy holds every part but the cached queue (it is written without it).
      const hadLastGood = previous !== null && field !== 'snapshot'
      let tookFromFile = false
      if (field === 'ledger' && isRecord(entry.ledger)) {
        for (const [studyId, item] of Object.entries(entry.ledger)) {
          if (studyId.length > 0 && studyId.length <= 100 && LedgerEntrySchema.safeParse(item).success) {
            account.ledger[studyId] = item as StoredAccount['ledger'][string]
            tookFromFile = true
          }
        }
      } else if (field === 'snapshot' && salvaged.snapshot !== null) {
        account.snapshot = salvaged.snapshot
        tookFromFile = true
      } else if (field === 'keychainAccount' && !hadLastGood) {
        // Derived from the (recovered) server address: where the key was saved for it.
        account.keychainAccount = salvaged.keychainAccount
        continue
      }
      if (tookFromFile) tally.fromFile.push(label(field))
      if (hadLastGood) tally.fromLastGood.push(label(field))
      const heldData = inFile && JSON.stringify(entry[field]) !== JSON.stringify(fresh[field])
      if (heldData && !tookFromFile && !hadLastGood) tally.lost.push(label(field))
    }
    accounts.push(account)
  }
  for (const previous of lastGood) {
    if (accounts.some((a) => a.id === previous.id)) continue
    accounts.push(structuredClone(previous))
    tally.fromLastGood.push(label('accounts'))
  }
  return accounts
}

type Shape = Record<string, { safeParse(value: unknown): { success: boolean }; shape?: Shape }>

/** Copy into `target` every key of `source` that validates, descending into groups (settings.alerts.*). */
function layValidKeys(shape: Shape, source: Record<string, unknown>, target: Record<string, unknown>): boolean {
  let took = false
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in source)) continue
    if (schema.safeParse(source[key]).success) {
      target[key] = structuredClone(source[key])
      took = true
    } else if (schema.shape && isRecord(source[key]) && isRecord(target[key])) {
      took = layValidKeys(schema.shape, source[key], target[key]) || took
    }
  }
  return took
}

const unique = (items: string[]): string[] => [...new Set(items)]

const DAMAGE_WORDS: Record<Damage, string> = {
  missing: 'it was missing',
  empty: 'it was empty',
  'not-json': 'it was cut short or overwritten (not valid JSON)',
  'not-an-object': 'it held no settings (not a JSON object)',
  'bad-version': 'its version number was unreadable',
  'invalid-parts': 'some parts were invalid'
}

export function describeDamage(damage: Damage, invalidParts: readonly string[] = []): string {
  return damage === 'invalid-parts' && invalidParts.length > 0 ? `these parts were invalid: ${invalidParts.map(label).join(', ')}` : DAMAGE_WORDS[damage]
}
