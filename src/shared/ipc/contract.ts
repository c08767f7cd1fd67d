/**
 * The bridge between the companion's core (main process, or Node in the web shell) and the
 * renderer: one table of calls and one of events. Main, preload, the web shell and the renderer
 * all use these names and types; main validates every call's request with the schema here.
 *
 * The API key travels over the bridge in one direction only (renderer → core, when the user
 * types it into sign-in). No call or event ever returns it.
 */
import { z } from 'zod'
import { SEVERITIES, STUDY_VIEWER_STATUSES, idSchema, type Severity, type Study, type User } from '@shared/avara/contract'
import { EVENT_NAMES as EVENT_NAME_LIST } from './names'
import { CLINIC_CALLS } from './clinic-contract'
import type { ManagedState } from './managed-policy'
import type { QueueDelta } from './queue-delta'
import { ACCOUNT_COLOURS, ACCOUNT_ID_PATTERN, type AccountsState, type AddAccountProblem, type SeverityCounts, type StudyRef } from './accounts'

// ---------------------------------------------------------------------------------------------
// Shared state types

export type ShellKind = 'electron' | 'web'

export const DEFAULT_BASE_URL = 'https://api.avarasoftware.com'

/** The Avara user this workstation follows. */
export interface Identity {
  userId: string
  email: string
  displayName: string
}

export type KeyStorageKind = 'keychain' | 'safe-storage' | 'memory' | 'none'

export interface KeyStorageInfo {
  kind: KeyStorageKind
  /** Where the key is kept, in words a user understands, e.g. "GNOME Keyring (Secret Service)". */
  label: string
  /** Why no keychain is usable, and how to fix it; null when the keychain works. */
  problem: { reason: string; fix: string } | null
  /** True when an encrypted fallback exists that needs the user's consent (safeStorage basic_text). */
  fallbackNeedsConsent: boolean
}

export interface AuthState {
  baseUrl: string
  hasKey: boolean
  identity: Identity | null
  keyStorage: KeyStorageInfo
}

export type ConnectionStatus =
  | 'signed-out' // no key
  | 'needs-identity' // key saved, nobody to follow yet
  | 'connecting' // first poll under way
  | 'online'
  | 'offline' // network unreachable
  | 'server-error' // 5xx or malformed responses
  | 'key-rejected' // 401: polling stopped until a new key is saved
  | 'rate-limited' // 429
  | 'paused' // system suspended or screen locked

export interface ConnectionState {
  status: ConnectionStatus
  /** ISO time of the last poll that succeeded. */
  lastSuccessAt: string | null
  /** Human reason for the current non-online status. */
  reason: string | null
  nextPollAt: string | null
  /** True when the data is older than two queue intervals. */
  stale: boolean
  /** "Changes cannot be saved: <reason>, <folder>" while the profile cannot be written; null once saved (docs/fault-tolerance.md). */
  saveProblem?: string | null
}

export type CloseReason = 'completed' | 'cancelled' | 'reassigned'

/**
 * A study in the work queue: the Avara study and the account it belongs to. The same study ID in
 * two accounts is two rows; `studyKey(row)` (./accounts.ts) tells them apart.
 */
export type QueueStudy = Study & { accountId: string }

export interface ClosedStudy {
  study: QueueStudy
  reason: CloseReason
  at: string
}

export type StudyAlertStatus = 'alerting' | 'acknowledged' | 'opened' | 'snoozed'

export interface StudyAlertState {
  status: StudyAlertStatus
  firstAlertedAt: string
  alertCount: number
  snoozedUntil: string | null
}

export interface QueueSnapshot {
  /** The engine run this snapshot belongs to: deltas of another run do not apply to it (./queue-delta.ts). */
  epoch: string
  /** The number of the last delta this snapshot contains (0: none yet); the next delta's `baseSeq`. */
  seq: number
  /**
   * The identity's incomplete, uncancelled studies in the engine's one order (stat > high > normal,
   * unknown severities with normal, longest waiting first, missing createdAt last, ties by
   * studyId). The renderer shows this order as it is.
   */
  mine: QueueStudy[]
  /** Unassigned stat studies (when the stat pool is enabled), ordered the same way. */
  statPool: QueueStudy[]
  /** Studies that left the queue since the app started, newest first. */
  closed: ClosedStudy[]
  /** Alert state of studies that raised an alert, by `studyKey` (account and study, ./accounts.ts). */
  alerts: Record<string, StudyAlertState>
  /** The oldest `fetchedAt` of the accounts shown (every account's data is at least this fresh). */
  fetchedAt: string | null
  /** True while showing the last-known snapshot from a previous run. */
  fromCache: boolean
  /**
   * Studies of `mine` per severity, counted by the engine (the renderer shows them, never counts
   * again; unknown severities count as normal). Absent from shells that predate it.
   */
  counts?: SeverityCounts
  /** The same counts per account, by account id (every account has an entry, zeros included). */
  countsByAccount?: Record<string, SeverityCounts>
}

export interface AlertNotice {
  id: string
  level: 'stat' | 'high'
  title: string
  body: string
  /** The studies' Avara IDs (for display), in the order of `studies`. */
  studyIds: string[]
  /** The studies the notice is about, with their accounts (a burst across accounts is one notice). */
  studies: StudyRef[]
  /**
   * The account's name (also in `title`) when several accounts are followed; absent with one, and
   * on the one summary of a stat burst across accounts (its title names them all, `studies` each one's).
   */
  accountName?: string
  reAlert: boolean
  /** A study that became stat (or high) in place, rather than a new arrival. */
  escalated?: boolean
  /** Whether it plays a sound: its account's `alerts.sound` in effect (absent: follow the global setting). */
  sound?: boolean
  at: string
}

export interface IdentityCandidate {
  userId: string
  email: string
  displayName: string
  clinicRole: string
}

// ---------------------------------------------------------------------------------------------
// Settings (user-editable; persisted by the core)

const minutes = (max: number) => z.number().int().min(1).max(max)

export const THEMES = ['dark', 'light', 'high-contrast'] as const
export type Theme = (typeof THEMES)[number]
/** What the user picks: one of THEMES, or 'system' (follow the OS: light or dark, forced colours, more contrast). */
export const THEME_CHOICES = ['system', ...THEMES] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

export const SettingsSchema = z.strictObject({
  queueIntervalSec: z.number().int().min(5).max(600),
  statIntervalSec: z.number().int().min(2).max(60),
  statLaneEnabled: z.boolean(),
  /**
   * The queue lane reads normal-severity (and unknown-severity) studies only on every Nth poll; stat
   * and high ones every poll, through the API's severity filter. Absent or 1: every poll reads all.
   * Cuts the steady-state API cost of a large queue (docs/core.md, "Polling lanes").
   */
  normalRefreshEvery: z.number().int().min(1).max(20).optional(),
  /** Also watch unassigned stat studies (the stat pool). */
  includeUnassignedStat: z.boolean(),
  /** Opening an unassigned stat study claims it first, so two radiologists never read the same one. */
  claimOnOpen: z.boolean(),
  alerts: z.strictObject({
    high: z.boolean(),
    reAlertMinutes: minutes(60),
    reAlertMax: z.number().int().min(0).max(10),
    sound: z.boolean(),
    doNotDisturb: z.boolean(),
    /** Whether do-not-disturb and pauses also hold stat alerts (off by default: stat always alerts). */
    holdStat: z.boolean(),
    /** Re-alert unassigned stat-pool studies too (off: a pool study alerts once; it is not mine yet). */
    reAlertPool: z.boolean()
  }),
  targets: z.strictObject({
    statMinutes: minutes(24 * 60),
    highMinutes: minutes(7 * 24 * 60),
    normalMinutes: minutes(30 * 24 * 60)
  }),
  appearance: z.strictObject({
    theme: z.enum(THEME_CHOICES),
    textScale: z.number().min(0.8).max(2)
  }),
  startAtLogin: z.boolean()
})
export type Settings = z.infer<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  queueIntervalSec: 30,
  statIntervalSec: 5,
  statLaneEnabled: true,
  includeUnassignedStat: true,
  claimOnOpen: true,
  alerts: { high: false, reAlertMinutes: 5, reAlertMax: 3, sound: true, doNotDisturb: false, holdStat: false, reAlertPool: false },
  targets: { statMinutes: 30, highMinutes: 4 * 60, normalMinutes: 24 * 60 },
  appearance: { theme: 'system', textScale: 1 },
  startAtLogin: false
}

/**
 * How the queue was last looked at (which list, which severities shown), kept across restarts.
 * Not settings: changed by the toolbar, never validated as a whole, and a patch merges into it.
 */
export const ViewPrefsSchema = z.strictObject({
  queueView: z.enum(['mine', 'pool', 'closed']).optional(),
  showStat: z.boolean().optional(),
  showHigh: z.boolean().optional(),
  showNormal: z.boolean().optional(),
  /** One line per queue row (more rows fit on small monitors and at large text sizes). */
  compactRows: z.boolean().optional(),
  /** Study metadata keys shown as queue columns, in order (docs/ui.md). */
  metadataColumns: z.array(z.string().min(1).max(100)).max(6).optional(),
  /** The web page asked once whether to allow desktop notifications (answered or declined). */
  notificationsAsked: z.boolean().optional()
})
export type ViewPrefs = z.infer<typeof ViewPrefsSchema>

/** A partial settings change: top-level keys and the keys of each group are optional. */
export const SettingsPatchSchema = z.strictObject({
  queueIntervalSec: SettingsSchema.shape.queueIntervalSec.optional(),
  statIntervalSec: SettingsSchema.shape.statIntervalSec.optional(),
  statLaneEnabled: z.boolean().optional(),
  normalRefreshEvery: SettingsSchema.shape.normalRefreshEvery,
  includeUnassignedStat: z.boolean().optional(),
  claimOnOpen: z.boolean().optional(),
  alerts: SettingsSchema.shape.alerts.partial().optional(),
  targets: SettingsSchema.shape.targets.partial().optional(),
  appearance: SettingsSchema.shape.appearance.partial().optional(),
  startAtLogin: z.boolean().optional()
})
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

// ---------------------------------------------------------------------------------------------
// Each account's own settings (docs/accounts.md, "Each clinic's own settings")

const settingShape = SettingsSchema.shape
const alertShape = settingShape.alerts.shape
/** A value that `null` clears back to the global one (absent: left as it is). */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional()

/**
 * The settings an account may set for itself: its polling (intervals and lanes) and its alerts.
 * The rest (targets, appearance, claim on open, start at login) are the workstation's. The same
 * names and bounds as SettingsSchema, taken from it.
 */
export const AccountSettingsSchema = SettingsSchema.pick({
  queueIntervalSec: true,
  statIntervalSec: true,
  statLaneEnabled: true,
  normalRefreshEvery: true,
  includeUnassignedStat: true,
  alerts: true
})
/** An account's settings in effect (AccountSummary.settings), computed by the engine. */
export type AccountSettings = z.infer<typeof AccountSettingsSchema>

/** What one account sets for itself; every absent key follows the global settings. */
export const AccountSettingsOverridesSchema = z.strictObject({
  queueIntervalSec: settingShape.queueIntervalSec.optional(),
  statIntervalSec: settingShape.statIntervalSec.optional(),
  statLaneEnabled: settingShape.statLaneEnabled.optional(),
  normalRefreshEvery: settingShape.normalRefreshEvery,
  includeUnassignedStat: settingShape.includeUnassignedStat.optional(),
  alerts: settingShape.alerts.partial().optional()
})
export type AccountSettingsOverrides = z.infer<typeof AccountSettingsOverridesSchema>

/** A change of an account's own settings: a value sets it for that account, `null` gives it back to the global setting. */
export const AccountSettingsOverridesPatchSchema = z.strictObject({
  queueIntervalSec: clearable(settingShape.queueIntervalSec),
  statIntervalSec: clearable(settingShape.statIntervalSec),
  statLaneEnabled: clearable(settingShape.statLaneEnabled),
  normalRefreshEvery: clearable(settingShape.normalRefreshEvery.unwrap()),
  includeUnassignedStat: clearable(settingShape.includeUnassignedStat),
  alerts: z
    .strictObject({
      high: clearable(alertShape.high),
      reAlertMinutes: clearable(alertShape.reAlertMinutes),
      reAlertMax: clearable(alertShape.reAlertMax),
      sound: clearable(alertShape.sound),
      doNotDisturb: clearable(alertShape.doNotDisturb),
      holdStat: clearable(alertShape.holdStat),
      reAlertPool: clearable(alertShape.reAlertPool)
    } satisfies Record<keyof typeof alertShape, z.ZodType>)
    .optional()
})
export type AccountSettingsOverridesPatch = z.infer<typeof AccountSettingsOverridesPatchSchema>

export interface AppState {
  shell: ShellKind
  version: string
  /** The first account's sign-in (the only account of a single-account profile). */
  auth: AuthState
  settings: Settings
  /**
   * The connection of the one account, or with several a summary of all of them: the first
   * problem status in the accounts' order (its `reason` names the account), `online` when all are
   * live; `stale` when any account's data is stale. Each account's own is in `accounts`.
   */
  connection: ConnectionState
  queue: QueueSnapshot
  /** Alerts paused (do-not-disturb for a while) until this ISO time, or null. */
  alertsPausedUntil: string | null
  /** Remembered queue view; absent from shells that predate it. */
  view?: ViewPrefs
  /** What the administrator's policy file sets and locks, and any problem with it (managed-policy.ts). */
  managed?: ManagedState
  /** Whether changes reach the profile, and what a start-up recovered from a damaged state file. */
  storage?: StorageState
  /** Every account in the user's order, each with its own health and counts (docs/accounts.md). */
  accounts?: AccountsState
}

/** docs/fault-tolerance.md: honest persistence and recovery, in the user's words. */
export interface StorageState {
  saveProblem: string | null
  recovery: { message: string; recovered: string[]; lost: string[] } | null
}

export type KeyProblem = 'key-rejected' | 'unreachable' | 'invalid-url' | 'server-error' | 'rate-limited' | 'storage-unavailable'

/**
 * The answer of a command whose change reaches the page as an event, not in the answer: every
 * command's result comes back one way (src/shared/ipc/README.md, "One way").
 */
export type CommandDone = { ok: true }
/** `note`: something the user should know about the key as typed (e.g. whitespace was removed from it). */
export type KeyCheckResult = { ok: true; note?: string } | { ok: false; problem: KeyProblem; message: string }
/**
 * The key check's outcome, not the sign-in state (that arrives as `auth.changed`, `accounts.changed`).
 * `needsIdentity`: the account follows nobody now (first sign-in, or another server): pick a user next.
 */
export type SaveKeyResult = { ok: true; needsIdentity: boolean; note?: string } | { ok: false; problem: KeyProblem; message: string }

/**
 * Adding an account checks its key (and finds its user) as first sign-in does. The answer names the
 * new account and whether it still needs a user picked; the account itself arrives as `accounts.changed`.
 */
export type AddAccountResult =
  | { ok: true; accountId: string; needsIdentity: boolean; note?: string }
  | { ok: false; problem: KeyProblem | AddAccountProblem; message: string }

/** How a study was opened: by the shell (system browser), or handed to the page (web shell: new tab). */
export type OpenStudyResult =
  | { ok: true; openedBy: 'shell'; claimed?: boolean }
  | { ok: true; openedBy: 'page'; url: string; claimed?: boolean }
  /** `claimedBy`: another radiologist claimed the unassigned study first (claim on open); not opened. */
  | { ok: false; message: string; claimedBy?: string }

/**
 * Why a study changed or left the queue, as the engine's queue diff classified it (docs/core.md),
 * so the page never has to guess. `openedRecently`: opened from this app in the last hour.
 */
export type StudyChangeKind = 'cancelled' | 'uncancelled' | 'reassignedAway' | 'reassignedToMe' | 'completed' | 'severityChanged' | 'departed'
export interface StudyChange {
  id: string
  kind: StudyChangeKind
  accountId: string
  studyId: string
  description: string
  at: string
  /** severityChanged: the severity before and after. */
  from?: string
  to?: string
  /** reassignedAway: who has it now (null: nobody, back to the pool). */
  assignee?: string | null
  openedRecently: boolean
}

// ---------------------------------------------------------------------------------------------
// Calls

const studyId = idSchema('study')
const userId = idSchema('user')
const baseUrl = z.string().trim().min(1).max(2048)
const apiKey = z.string().trim().min(1, 'enter the API key').max(512)
const empty = z.strictObject({})
/** The account a call acts on (./accounts.ts); left out: the first account (single-account profiles never name it). */
const accountRef = z.string().regex(ACCOUNT_ID_PATTERN, 'must be an account id of this workstation')
const accountId = accountRef.optional()
const accountName = z.string().trim().min(1, 'enter a name for the account').max(60)
const accountColour = z.enum(ACCOUNT_COLOURS)

interface CallSpec<Req extends z.ZodType, Res> {
  request: Req
  /** Phantom: the response type. */
  response?: Res
}
const call = <Res>() => <Req extends z.ZodType>(request: Req): CallSpec<Req, Res> => ({ request })

export const CALLS = {
  'app.getState': call<AppState>()(empty),
  /** Sign-in of one account (the first when `accountId` is left out); a new key for a rejected one. */
  'auth.saveKey': call<SaveKeyResult>()(
    z.strictObject({ accountId, baseUrl, apiKey, allowFallbackStorage: z.boolean().optional() })
  ),
  'auth.findUsers': call<IdentityCandidate[]>()(z.strictObject({ accountId, query: z.string().trim().max(254) })),
  /** The new sign-in arrives as `auth.changed` (and `accounts.changed`); the answer is only "done". */
  'auth.setIdentity': call<CommandDone>()(z.strictObject({ accountId, userId })),
  'auth.signOut': call<CommandDone>()(z.strictObject({ accountId })),
  /** Several accounts (./accounts.ts, docs/accounts.md). */
  'accounts.list': call<AccountsState>()(empty),
  /**
   * Add an account: the key is checked like first sign-in, then its user is found by `email` (exact,
   * in that clinic) or taken by `userId`; with neither it waits for `auth.setIdentity`. Past
   * MAX_ACCOUNTS it is refused with ACCOUNT_LIMIT_MESSAGE.
   */
  'accounts.add': call<AddAccountResult>()(
    z
      .strictObject({
        baseUrl,
        apiKey,
        displayName: accountName,
        colour: accountColour.optional(),
        email: z.string().trim().min(3).max(254).optional(),
        userId: userId.optional(),
        allowFallbackStorage: z.boolean().optional()
      })
      .refine((r) => r.email === undefined || r.userId === undefined, { message: 'give an email or a user ID, not both', path: ['email'] })
  ),
  /** Rename or recolour. `accounts.update`, `accounts.reorder` and `accounts.remove` answer "done"; the accounts arrive as `accounts.changed`. */
  'accounts.update': call<CommandDone>()(
    z.strictObject({ accountId: accountRef, displayName: accountName.optional(), colour: accountColour.optional() })
  ),
  /** The accounts' new order: every account id once (the first becomes the default account). */
  'accounts.reorder': call<CommandDone>()(z.strictObject({ accountIds: z.array(accountRef).min(1).max(10) })),
  /**
   * An account's own polling and alert settings (a value overrides the global one for this account,
   * `null` gives it back). A setting the administrator's policy locks is refused. The new values
   * reach the page as `accounts.changed` (AccountSummary.overrides and .settings); the answer is only "done".
   */
  'accounts.setOverrides': call<CommandDone>()(z.strictObject({ accountId: accountRef, overrides: AccountSettingsOverridesPatchSchema })),
  /** Remove an account (the page asks for confirmation first): its key leaves the keychain, its cached queue and alert ledger are deleted. */
  'accounts.remove': call<CommandDone>()(z.strictObject({ accountId: accountRef })),
  /** Poll every account now; the connection arrives as `connection.changed` (when it changed), the studies as `queue.delta`. */
  'queue.refresh': call<CommandDone>()(empty),
  /** The whole queue, for a page that found a gap in the deltas (./queue-delta.ts). */
  'queue.snapshot': call<QueueSnapshot>()(empty),
  'study.get': call<Study>()(z.strictObject({ accountId, studyId })),
  'study.open': call<OpenStudyResult>()(z.strictObject({ accountId, studyId })),
  'study.claim': call<Study>()(z.strictObject({ accountId, studyId })),
  'study.setViewerStatus': call<Study>()(z.strictObject({ accountId, studyId, status: z.enum(STUDY_VIEWER_STATUSES) })),
  /**
   * Acknowledge or snooze a study's alert. The new alert state reaches the page once, as a
   * `queue.delta`; the answer only says it was done (never the queue: several MiB at 10,000 studies).
   */
  'alerts.acknowledge': call<CommandDone>()(z.strictObject({ accountId, studyId })),
  'alerts.snoozeStudy': call<CommandDone>()(z.strictObject({ accountId, studyId, minutes: minutes(240) })),
  /**
   * Pause non-stat alerts (and stat ones if settings.alerts.holdStat) for a while; 0 resumes. The
   * new pause reaches every page as `alerts.pauseChanged` (as its end does); the answer is only "done".
   */
  'alerts.pause': call<CommandDone>()(z.strictObject({ minutes: z.number().int().min(0).max(240) })),
  /** The new settings arrive as `settings.changed` (as a policy's changes do); the answer is only "done". */
  'settings.update': call<CommandDone>()(SettingsPatchSchema),
  /** Merges into the remembered queue view and returns the whole of it (no event carries the view: one way). */
  'view.update': call<ViewPrefs>()(ViewPrefsSchema),
  /** The clinic workspace: one call per Avara operation it needs (./clinic-contract.ts, docs/clinic.md). */
  ...CLINIC_CALLS
} as const

export type CallName = keyof typeof CALLS
export type CallRequest<K extends CallName> = z.input<(typeof CALLS)[K]['request']>
export type CallResponse<K extends CallName> = NonNullable<(typeof CALLS)[K]['response']>
export const CALL_NAMES = Object.keys(CALLS) as CallName[]

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(CALLS, value)
}

// ---------------------------------------------------------------------------------------------
// Events (core → renderer)

export interface EventPayloads {
  /** What changed in the queue since the previous delta (./queue-delta.ts): the page applies it in order. */
  'queue.delta': QueueDelta
  /**
   * The whole queue. The engine sends changes as `queue.delta`; a shell sends this to a page that
   * cannot have had them all (the web shell, after it dropped deltas for a page that did not read).
   */
  'queue.updated': QueueSnapshot
  'connection.changed': ConnectionState
  'auth.changed': AuthState
  'settings.changed': Settings
  'alert.shown': AlertNotice
  /** The user clicked a notification (native or browser): the renderer selects that study. */
  'alert.clicked': { studyId: string; accountId: string }
  /** An account was added, renamed, recoloured, reordered or removed, or its health or counts changed. */
  'accounts.changed': AccountsState
  'alerts.pauseChanged': { pausedUntil: string | null }
  /** Studies that changed or left the queue in one poll, classified by the engine. */
  'queue.changes': { changes: StudyChange[] }
  /** The Electron application menu (or its accelerator) asked the page to do something. */
  'menu.command': { command: MenuCommand }
}
export const MENU_COMMANDS = ['settings', 'search', 'keys'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
export type EventName = keyof EventPayloads
/** Declared without schemas in ./names.ts (what the preload carries); equal to EventPayloads' keys. */
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST

// ---------------------------------------------------------------------------------------------
// Wire envelope and the renderer-facing API

// The envelope, channel names and web paths live in ./names.ts (zod-free, for the preload).
export {
  BridgeError,
  WEB_CALL_PATH,
  WEB_EVENTS_PATH,
  callChannel,
  eventChannel,
  unwrapBridgeResult,
  type BridgeErrorCode,
  type BridgeResult
} from './names'

/** The only thing the renderer gets: `window.companion`. */
export interface CompanionBridge {
  readonly shell: ShellKind
  invoke<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export { SEVERITIES, type Severity, type Study, type User }
export type { ListChange, QueueDelta } from './queue-delta'
export * from './accounts'
