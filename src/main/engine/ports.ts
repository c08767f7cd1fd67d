/**
 * The small interfaces through which the shell-agnostic core reaches the outside world. Each shell
 * (Electron, web) supplies its own adapters; tests supply real ones (conf in a temp folder, a real
 * Secret Service, the sandbox) or, at OS edges that cannot run here, trivial recording ones.
 */
import type { Study } from '@shared/avara/contract'
import { FIRST_ACCOUNT_ID, type AccountColour, type AccountSettingsOverrides, type AlertNotice, type Identity, type KeyStorageInfo, type Settings, type ShellKind } from '@shared/ipc/contract'
import type { PolicyReading } from '@shared/ipc/managed-policy'
import type { ActivityLog } from './clinic/activity'

/**
 * Time and timers, injected so schedules are tested without waiting. Two readings: `now()` is the
 * wall clock (epoch ms) for display and stored timestamps only; `monotonic()` never steps and
 * measures every due time, interval, backoff, re-alert and countdown (docs/core.md, "Time").
 */
export interface Clock {
  now(): number
  monotonic(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /**
   * Resolves on a later turn of the event loop, so the steps of a large poll (look up what left,
   * merge and alert, save) run as separate tasks with timers, I/O and the page's calls between them
   * (docs/core.md, "Changes, not copies"). Left out (test clocks): at once, in the same turn.
   */
  nextTurn?(): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  nextTurn: () => new Promise((resolve) => setTimeout(resolve, 0))
}

/** `clock.nextTurn()`, or a settled promise for a clock without one. */
export function nextTurn(clock: Clock): Promise<void> {
  return clock.nextTurn?.() ?? Promise.resolve()
}

/** A source of uniform numbers in [0, 1), injected for jitter. */
export type Random = () => number

/** Where the API key lives. Implementations: keytar (OS keychain), Electron safeStorage, memory. */
export interface SecretStore {
  /** Where secrets go and whether that works; never throws (a broken keychain is reported here). */
  describe(): Promise<KeyStorageInfo>
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<void>
  /**
   * Optional: record the user's consent to a weaker fallback (Electron safeStorage with the
   * basic_text backend); the core calls it when `auth.saveKey` has `allowFallbackStorage: true`.
   */
  consentToFallback?(): Promise<void>
}

/** One entry per study that raised an alert; persisted so alerts are exactly-once across restarts. */
export interface LedgerEntry {
  severityAtAlert: 'stat' | 'high'
  firstAlertedAt: number
  lastAlertedAt: number
  alertCount: number
  acknowledged: boolean
  opened: boolean
  snoozedUntil: number | null
  /** Set when the study's stat alert was for an escalation: the severity it had before (the tray says so). */
  escalatedFrom?: 'high' | 'normal'
}
export type AlertLedger = Record<string, LedgerEntry>

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

/** The last-known queue of one account, for an offline start. */
export interface CachedQueue {
  mine: Study[]
  statPool: Study[]
  fetchedAt: string
}

/**
 * One account of the profile: a server, the key's place in the keychain and what belongs to that
 * account alone. The same study ID in two accounts is two studies (two ledgers, two caches).
 */
/** Which preset of the policy an account came from (managed/account-presets.ts). */
export interface PresetOrigin {
  serverUrl: string
  displayName: string
}

export interface StoredAccount {
  id: string
  /** The name the user gave the account (none: its server names it). */
  label?: string
  colour?: AccountColour
  /**
   * The policy preset this account was made from (its server and display name as the policy wrote
   * them), so a rename does not make the preset look missing. Absent for accounts the user made.
   */
  preset?: PresetOrigin
  /** The polling and alert settings the user set for this account only (absent or empty: all global). */
  overrides?: AccountSettingsOverrides
  baseUrl: string
  /** The keychain account name the key is stored under (never the key itself). */
  keychainAccount: string
  identity: Identity | null
  ledger: AlertLedger
  snapshot: CachedQueue | null
}

/** Everything the core persists (never the API key). */
export interface PersistedState {
  /** At least one; the first is the account the UI shows. */
  accounts: StoredAccount[]
  settings: Settings
  window: WindowBounds | null
  /** Free-form view preferences of the renderer (selected tab, filters). */
  view: Record<string, string | number | boolean | string[]>
  /**
   * Setting paths (and `serverUrl`) the user chose themselves; an administrator's policy defaults
   * never override these (docs/managed-configuration.md). Absent in profiles written before it.
   */
  setByUser?: string[]
}

/** The parts of one account a save may change (the keychain name follows `baseUrl`). */
export type AccountPatch = Partial<Pick<StoredAccount, 'baseUrl' | 'identity' | 'ledger' | 'snapshot' | 'label' | 'colour' | 'preset' | 'overrides'>>
/** A save: global parts, and account parts that go to the first (shown) account. */
export type StatePatch = Partial<Omit<PersistedState, 'accounts'>> & AccountPatch

/** Settings persistence: electron-store in the Electron shell, conf in the web shell and tests. */
export interface StateStore {
  read(): PersistedState
  /** Never loses `next`: a store that cannot write keeps it, retries and says so in `saveStatus`. */
  write(next: PersistedState): void
  /** Optional (docs/fault-tolerance.md): whether the last write reached the disk, in words when not. */
  saveStatus?(): { ok: true } | { ok: false; message: string }
  onSaveStatusChange?(listener: (status: { ok: true } | { ok: false; message: string }) => void): () => void
  /** Optional: what a start-up recovered from a damaged file (parts in words). */
  recovery?(): { message: string; fromFile: string[]; fromLastGood: string[]; lost: string[] } | null
  /** Optional: a store that writes in the background writes what is pending now (the engine's stop). */
  flush?(): void
}

/** Hands a checked viewer URL to the platform (shell.openExternal) or to the page (web shell). */
export interface ExternalOpener {
  readonly openedBy: 'shell' | 'page'
  open(url: URL): Promise<void>
}

/** Presents an alert natively (Electron Notification); the web shell's is a no-op (events carry it). */
export interface Notifier {
  show(notice: AlertNotice): void
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

/** Levelled logging; implementations redact secrets, tokens and URLs with query strings. */
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export interface CorePorts {
  shell: ShellKind
  version: string
  secrets: SecretStore
  state: StateStore
  opener: ExternalOpener
  notifier: Notifier
  logger: Logger
  clock?: Clock
  random?: Random
  /** Override the fetch the Avara client uses (tests); defaults to the global fetch. */
  fetch?: typeof fetch
  /** The administrator's policy file as the shell found it (docs/managed-configuration.md); none when absent. */
  policy?: PolicyReading
  /** Where the clinic workspace records every change it makes (docs/clinic.md); none: no log is kept. */
  activityLog?: ActivityLog
}

/** The keychain account name under which the key for a base URL is stored. */
export const KEYCHAIN_SERVICE = 'Reading Room Companion'
export const keychainAccount = (baseUrl: string): string => `avara-api-key@${new URL(baseUrl).origin}`
/**
 * The keychain account name of one Avara account: the server and the account, so two keys on one
 * server never overwrite each other. The first account keeps the name from before accounts (the
 * server only), so a single-account profile's key is still found (docs/accounts.md).
 */
export const keychainAccountFor = (baseUrl: string, accountId: string): string =>
  accountId === FIRST_ACCOUNT_ID ? keychainAccount(baseUrl) : `${keychainAccount(baseUrl)}#${accountId}`
