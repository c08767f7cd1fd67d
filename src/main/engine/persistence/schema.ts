/**
 * The persisted state's schema, defaults and a lenient parser. Stored data is never trusted and
 * never fatal: each part that fails validation falls back to its default (and is reported), while
 * every part that is valid is kept, down to single settings, ledger entries and cached studies.
 */
import { z } from 'zod'
import { StudySchema, idSchema, type Study } from '@shared/avara/contract'
import {
  ACCOUNT_COLOURS,
  AccountSettingsOverridesSchema,
  DEFAULT_BASE_URL,
  DEFAULT_SETTINGS,
  SettingsSchema,
  type AccountSettingsOverrides,
  type Identity,
  type Settings
} from '@shared/ipc/contract'
import { FIRST_ACCOUNT_ID } from '@shared/ipc/accounts'
import { keychainAccountFor, type AlertLedger, type CachedQueue, type LedgerEntry, type PersistedState, type StoredAccount, type WindowBounds } from '../ports'
import { checkBaseUrl } from '../open-url'
import { isRecord } from './is-record'

export const IdentitySchema = z.strictObject({
  userId: idSchema('user'),
  email: z.string().min(3).max(254),
  displayName: z.string().max(300)
}) satisfies z.ZodType<Identity>

const timeMs = z.number().int().nonnegative()
export const LedgerEntrySchema = z.strictObject({
  severityAtAlert: z.enum(['stat', 'high']),
  firstAlertedAt: timeMs,
  lastAlertedAt: timeMs,
  alertCount: z.number().int().nonnegative(),
  acknowledged: z.boolean(),
  opened: z.boolean(),
  snoozedUntil: timeMs.nullable(),
  escalatedFrom: z.enum(['high', 'normal']).optional()
}) satisfies z.ZodType<LedgerEntry>

const coordinate = z.number().int().min(-100_000).max(100_000)
const extent = z.number().int().min(100).max(100_000)
export const WindowBoundsSchema = z.strictObject({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: extent,
  height: extent,
  maximized: z.boolean().optional()
}) satisfies z.ZodType<WindowBounds>

const ViewValueSchema = z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(100)).max(20)])
const ViewKeySchema = z.string().min(1).max(100)

export const BaseUrlSchema = z
  .string()
  .max(2048)
  // The sign-in rule (open-url.ts owns it): a stored address that sign-in would refuse is not kept.
  .refine((value) => checkBaseUrl(value).ok, 'must be an https URL (http only to this computer)')

const SetByUserSchema = z.array(z.string().min(1).max(100)).max(100)

const SnapshotSchema = z.strictObject({ mine: z.array(StudySchema), statPool: z.array(StudySchema), fetchedAt: z.string().max(64) })
const AccountIdSchema = z.string().min(1).max(100)
const KeychainAccountSchema = z.string().min(1).max(2100)

/** The policy preset an account came from (server and display name as the policy wrote them). */
const PresetOriginSchema = z.strictObject({ serverUrl: z.string().max(2048), displayName: z.string().max(200) })

/** One account entry (what `write` produces). */
export const StoredAccountSchema = z.strictObject({
  id: AccountIdSchema,
  label: z.string().max(200).optional(),
  colour: z.enum(ACCOUNT_COLOURS).optional(),
  preset: PresetOriginSchema.optional(),
  overrides: AccountSettingsOverridesSchema.optional(),
  baseUrl: BaseUrlSchema,
  keychainAccount: KeychainAccountSchema,
  identity: IdentitySchema.nullable(),
  ledger: z.record(z.string().min(1).max(100), LedgerEntrySchema),
  snapshot: SnapshotSchema.nullable()
}) satisfies z.ZodType<StoredAccount>

/** The strict shape of one version-2 document (what `write` produces). */
export const PersistedStateSchema = z.strictObject({
  accounts: z
    .array(StoredAccountSchema)
    .min(1)
    .max(50)
    .refine((accounts) => new Set(accounts.map((a) => a.id)).size === accounts.length, 'account ids must be unique'),
  settings: SettingsSchema,
  window: WindowBoundsSchema.nullable(),
  view: z.record(ViewKeySchema, ViewValueSchema),
  setByUser: SetByUserSchema.optional()
}) satisfies z.ZodType<PersistedState>

/** The id of the account every profile starts with (and that a migrated profile's account gets). */
export { FIRST_ACCOUNT_ID }

export function defaultAccount(id: string = FIRST_ACCOUNT_ID): StoredAccount {
  return { id, baseUrl: DEFAULT_BASE_URL, keychainAccount: keychainAccountFor(DEFAULT_BASE_URL, id), identity: null, ledger: {}, snapshot: null }
}

export function defaultPersistedState(): PersistedState {
  return {
    accounts: [defaultAccount()],
    settings: structuredClone(DEFAULT_SETTINGS),
    window: null,
    view: {}
  }
}

export interface LenientParse {
  state: PersistedState
  /** One line per part that was replaced by its default or dropped (no values, only paths). */
  issues: string[]
}

/** Parse stored data part by part; never throws. Unknown keys are dropped and reported. */
export function parsePersistedStateLeniently(raw: unknown): LenientParse {
  const issues: string[] = []
  const state = defaultPersistedState()
  if (raw === undefined) return { state, issues }
  if (!isRecord(raw)) {
    issues.push('stored state is not an object: using defaults')
    return { state, issues }
  }
  // setByUser is optional, so not among the defaults' keys, and still known.
  const known = new Set(['version', 'setByUser', ...Object.keys(state)])
  for (const key of Object.keys(raw)) if (!known.has(key)) issues.push(`${key}: unknown key dropped`)

  if ('accounts' in raw) state.accounts = parseAccountsLeniently(raw.accounts, issues)
  if ('settings' in raw) state.settings = parseSettingsLeniently(raw.settings, issues)
  if ('window' in raw) {
    const parsed = WindowBoundsSchema.nullable().safeParse(raw.window)
    if (parsed.success) state.window = parsed.data
    else issues.push('window: invalid bounds, cleared')
  }
  if ('view' in raw) state.view = parseViewLeniently(raw.view, issues)
  if ('setByUser' in raw) {
    // Dropped when bad: the engine then counts saved values that differ from the defaults as chosen.
    const parsed = SetByUserSchema.safeParse(raw.setByUser)
    if (parsed.success) state.setByUser = parsed.data
    else issues.push('setByUser: invalid, dropped')
  }
  return { state, issues }
}

/** Each setting on its own: a bad value falls back to its default, the others are kept. */
export function parseSettingsLeniently(raw: unknown, issues: string[] = []): Settings {
  const result = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>
  if (!isRecord(raw)) {
    issues.push('settings: not an object, using defaults')
    return result as unknown as Settings
  }
  const shape = SettingsSchema.shape as unknown as Record<string, z.ZodType>
  for (const [key, value] of Object.entries(raw)) {
    const schema = shape[key]
    if (!schema) {
      issues.push(`settings.${key}: unknown setting dropped`)
      continue
    }
    if (schema instanceof z.ZodObject) {
      const group = result[key] as Record<string, unknown>
      if (!isRecord(value)) {
        issues.push(`settings.${key}: not an object, using defaults`)
        continue
      }
      const groupShape = schema.shape as Record<string, z.ZodType>
      for (const [subKey, subValue] of Object.entries(value)) {
        const subSchema = groupShape[subKey]
        if (!subSchema) issues.push(`settings.${key}.${subKey}: unknown setting dropped`)
        else if (subSchema.safeParse(subValue).success) group[subKey] = subValue
        else issues.push(`settings.${key}.${subKey}: invalid, using the default`)
      }
    } else if (schema.safeParse(value).success) {
      result[key] = value
    } else {
      issues.push(`settings.${key}: invalid, using the default`)
    }
  }
  return result as unknown as Settings
}

/**
 * Each account on its own, and each of its parts on its own: a damaged ledger empties that
 * account's ledger only (its server, key location and identity stay). An entry that is not an
 * object, or repeats an id, is dropped; no usable entry leaves the default account.
 */
export function parseAccountsLeniently(raw: unknown, issues: string[]): StoredAccount[] {
  if (!Array.isArray(raw)) {
    issues.push('accounts: not a list, using the default account')
    return [defaultAccount()]
  }
  const accounts: StoredAccount[] = []
  raw.forEach((entry, index) => {
    const account = parseAccountLeniently(entry, `accounts.${index}`, issues)
    if (account === null) return
    if (accounts.some((a) => a.id === account.id)) issues.push(`accounts.${index}: repeats an account id, dropped`)
    else accounts.push(account)
  })
  return accounts.length > 0 ? accounts.slice(0, 50) : [defaultAccount()]
}

export function parseAccountLeniently(raw: unknown, path: string, issues: string[]): StoredAccount | null {
  if (!isRecord(raw)) {
    issues.push(`${path}: not an object, dropped`)
    return null
  }
  const id = AccountIdSchema.safeParse(raw.id)
  if (!id.success) {
    issues.push(`${path}.id: invalid, dropped`)
    return null
  }
  const account = defaultAccount(id.data)
  const known = new Set(['label', 'colour', 'preset', 'overrides', ...Object.keys(account)])
  for (const key of Object.keys(raw)) if (!known.has(key)) issues.push(`${path}.${key.slice(0, 100)}: unknown key dropped`)
  if ('label' in raw) {
    const parsed = z.string().max(200).safeParse(raw.label)
    if (parsed.success) account.label = parsed.data
    else issues.push(`${path}.label: invalid, dropped`)
  }
  if ('colour' in raw) {
    const parsed = z.enum(ACCOUNT_COLOURS).safeParse(raw.colour)
    if (parsed.success) account.colour = parsed.data
    else issues.push(`${path}.colour: invalid, dropped`)
  }
  if ('preset' in raw) {
    const parsed = PresetOriginSchema.safeParse(raw.preset)
    if (parsed.success) account.preset = parsed.data
    else issues.push(`${path}.preset: invalid, dropped`)
  }
  if ('overrides' in raw) account.overrides = parseOverridesLeniently(raw.overrides, `${path}.overrides`, issues)
  if ('baseUrl' in raw) {
    const parsed = BaseUrlSchema.safeParse(raw.baseUrl)
    if (parsed.success) account.baseUrl = parsed.data
    else issues.push(`${path}.baseUrl: invalid, using the default`)
  }
  // The key's place follows a readable server address when the stored name is unreadable.
  const keyName = KeychainAccountSchema.safeParse(raw.keychainAccount)
  if (keyName.success) account.keychainAccount = keyName.data
  else {
    account.keychainAccount = keychainAccountFor(account.baseUrl, account.id)
    if ('keychainAccount' in raw) issues.push(`${path}.keychainAccount: invalid, derived from the server address`)
  }
  if ('identity' in raw) {
    const parsed = IdentitySchema.nullable().safeParse(raw.identity)
    if (parsed.success) account.identity = parsed.data
    else issues.push(`${path}.identity: invalid, cleared`)
  }
  if ('ledger' in raw) account.ledger = parseLedgerLeniently(raw.ledger, issues, `${path}.ledger`)
  if ('snapshot' in raw) account.snapshot = parseSnapshotLeniently(raw.snapshot, issues, `${path}.snapshot`)
  return account
}

/**
 * An account's own settings, each on its own (the rule of `parseSettingsLeniently`): a bad or
 * unknown one is dropped, so that setting follows the global one again; the others are kept.
 */
export function parseOverridesLeniently(raw: unknown, path: string, issues: string[]): AccountSettingsOverrides {
  const result: Record<string, unknown> = {}
  if (!isRecord(raw)) {
    issues.push(`${path}: not an object, dropped`)
    return result
  }
  const shape = AccountSettingsOverridesSchema.shape as unknown as Record<string, z.ZodType>
  for (const [key, value] of Object.entries(raw)) {
    const schema = shape[key.slice(0, 100)]
    if (!schema) issues.push(`${path}.${key.slice(0, 100)}: unknown setting dropped`)
    else if (key !== 'alerts') {
      if (schema.safeParse(value).success) result[key] = value
      else issues.push(`${path}.${key}: invalid, dropped`)
    } else if (!isRecord(value)) issues.push(`${path}.alerts: not an object, dropped`)
    else {
      const alertShape = SettingsSchema.shape.alerts.shape as unknown as Record<string, z.ZodType>
      const alerts: Record<string, unknown> = {}
      for (const [subKey, subValue] of Object.entries(value)) {
        if (alertShape[subKey]?.safeParse(subValue).success) alerts[subKey] = subValue
        else issues.push(`${path}.alerts.${subKey.slice(0, 100)}: ${alertShape[subKey] ? 'invalid' : 'unknown setting'}, dropped`)
      }
      if (Object.keys(alerts).length > 0) result.alerts = alerts
    }
  }
  return result as AccountSettingsOverrides
}

export function parseLedgerLeniently(raw: unknown, issues: string[], path = 'ledger'): AlertLedger {
  const ledger: AlertLedger = {}
  if (!isRecord(raw)) {
    issues.push(`${path}: not an object, starting empty`)
    return ledger
  }
  let dropped = 0
  for (const [studyId, entry] of Object.entries(raw)) {
    const parsed = LedgerEntrySchema.safeParse(entry)
    if (parsed.success && studyId.length > 0 && studyId.length <= 100) ledger[studyId] = parsed.data
    else dropped++
  }
  if (dropped > 0) issues.push(`${path}: ${dropped} invalid entr${dropped === 1 ? 'y' : 'ies'} dropped`)
  return ledger
}

function parseStudies(raw: unknown, label: string, issues: string[]): Study[] {
  if (!Array.isArray(raw)) {
    issues.push(`${label}: not a list, emptied`)
    return []
  }
  const studies: Study[] = []
  for (const item of raw) {
    const parsed = StudySchema.safeParse(item)
    if (parsed.success) studies.push(parsed.data)
  }
  if (studies.length < raw.length) issues.push(`${label}: ${raw.length - studies.length} invalid studies dropped`)
  return studies
}

export function parseSnapshotLeniently(raw: unknown, issues: string[], path = 'snapshot'): CachedQueue | null {
  if (raw === null) return null
  if (!isRecord(raw) || typeof raw.fetchedAt !== 'string' || raw.fetchedAt.length > 64 || Number.isNaN(Date.parse(raw.fetchedAt))) {
    issues.push(`${path}: invalid, dropped`)
    return null
  }
  return { mine: parseStudies(raw.mine, `${path}.mine`, issues), statPool: parseStudies(raw.statPool, `${path}.statPool`, issues), fetchedAt: raw.fetchedAt }
}

function parseViewLeniently(raw: unknown, issues: string[]): PersistedState['view'] {
  const view: PersistedState['view'] = {}
  if (!isRecord(raw)) {
    issues.push('view: not an object, using defaults')
    return view
  }
  for (const [key, value] of Object.entries(raw)) {
    if (ViewKeySchema.safeParse(key).success && ViewValueSchema.safeParse(value).success) view[key] = value as PersistedState['view'][string]
    else issues.push(`view.${key.slice(0, 100)}: invalid, dropped`)
  }
  return view
}
