/**
 * Several Avara accounts on one workstation (issue 11, docs/accounts.md): the account shapes the
 * page sees, the account limit and its text, the colour palette, and the one key that names a
 * study across accounts. Each account is its own Avara clinic (its own server, key and user), so
 * the same study ID in two accounts is two studies: everything the page keys by study uses
 * `studyKey`, never the bare study ID.
 */
import type { Severity } from '@shared/avara/contract'
import type { AccountSettings, AccountSettingsOverrides, ConnectionState, Identity } from './contract'

/** At most this many accounts; one more is refused with ACCOUNT_LIMIT_MESSAGE. */
export const MAX_ACCOUNTS = 10
/** The one text for the limit (the engine refuses with it; the page may show it beside a disabled Add). */
export const ACCOUNT_LIMIT_MESSAGE = `This workstation follows at most ${MAX_ACCOUNTS} accounts. Remove one before adding another.`

/** The id the first account of every profile has (a single-account profile's account keeps it). */
export const FIRST_ACCOUNT_ID = 'primary'
/** Account ids: the engine makes them (`primary`, then `acc-` and a few random letters). */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/

/**
 * Colour names, not CSS: the renderer maps each to a swatch per theme (dark, light, high
 * contrast). A colour is never the only sign of an account: its name is always shown beside it.
 */
export const ACCOUNT_COLOURS = ['blue', 'teal', 'green', 'olive', 'orange', 'red', 'magenta', 'purple', 'brown', 'slate'] as const
export type AccountColour = (typeof ACCOUNT_COLOURS)[number]

/** A study of one account. */
export interface StudyRef {
  accountId: string
  studyId: string
}

/**
 * The one key of a study across accounts, `<accountId>/<studyId>` (neither contains `/`): the
 * keys of `QueueSnapshot.alerts`, of the page's selection and of queue deltas.
 */
export function studyKey(ref: StudyRef): string {
  return `${ref.accountId}/${ref.studyId}`
}

export function parseStudyKey(key: string): StudyRef | null {
  const slash = key.indexOf('/')
  if (slash <= 0 || slash === key.length - 1 || key.indexOf('/', slash + 1) !== -1) return null
  return { accountId: key.slice(0, slash), studyId: key.slice(slash + 1) }
}

export type SeverityCounts = Record<Severity, number>

/** One account as the page sees it: its label, its identity and its own health. */
export interface AccountSummary {
  accountId: string
  /** The label shown on every row, notice and screen of this account, e.g. "St Mary's (night)". */
  displayName: string
  colour: AccountColour
  baseUrl: string
  identity: Identity | null
  hasKey: boolean
  /** This account's connection alone: its lanes, backoff, rate limit and key state. */
  connection: ConnectionState
  /** Its studies (of `mine`) per severity, counted by the engine. */
  counts: SeverityCounts
  /**
   * The polling and alert settings this account sets for itself (`accounts.setOverrides`); absent
   * keys follow the global settings. An override of a setting the administrator's policy locks is
   * not listed (it is ignored while the lock lasts).
   */
  overrides: AccountSettingsOverrides
  /** Its polling and alert settings in effect (global, its overrides, the policy's locks), computed by the engine. */
  settings: AccountSettings
}

/** The accounts in the user's order (the first is the default for calls that name none) and a summary of their health. */
export interface AccountsState {
  accounts: AccountSummary[]
  health: AccountsHealth
  /** MAX_ACCOUNTS, so the page never hard-codes it. */
  max: number
}

/**
 * How the accounts are doing, summarised by the engine: `live` accounts poll successfully;
 * `problems` names every other one (e.g. "Clinic B: offline"); `text` is one line for the status
 * bar, null when every account is live.
 */
export interface AccountsHealth {
  total: number
  live: number
  problems: Array<{ accountId: string; displayName: string; status: ConnectionState['status']; reason: string | null }>
  text: string | null
}

/** Why adding an account was refused (besides the key problems of first sign-in). */
export type AddAccountProblem = 'account-limit' | 'duplicate' | 'identity-not-found'
