/**
 * The managed configuration (policy file) an administrator deploys: its schema, the names of what
 * it can set and lock, and what the renderer is told about it. A contract other tools rely on
 * (an administrator's validator, deployment scripts): docs/managed-configuration.md describes it.
 *
 * The schema is strict: an unknown key or a wrong type is reported with its field path, and a
 * policy with any problem is not applied at all (the app starts as if there were none and says
 * why), so nobody runs under half of what the administrator wrote.
 */
import { z } from 'zod'
import { AccountSettingsSchema, SettingsPatchSchema, SettingsSchema, type Settings, type SettingsPatch } from './contract'
import { ACCOUNT_COLOURS, MAX_ACCOUNTS } from './accounts'

// ---------------------------------------------------------------------------------------------
// What a policy can name

type Leaf<T> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? `${K}.${keyof T[K] & string}` : K
}[keyof T & string]

/** One setting, by its path in the Settings schema: `statIntervalSec`, `alerts.sound`, … */
export type SettingPath = Leaf<Settings>

/** Every setting path of the Settings schema, in schema order. */
export const SETTING_PATHS: readonly SettingPath[] = Object.entries(SettingsSchema.shape).flatMap(([key, schema]) =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape).map((sub) => `${key}.${sub}`) : [key]
) as SettingPath[]

/** The setting paths an account may set for itself (its polling and alerts; docs/accounts.md), in schema order. */
export const ACCOUNT_SETTING_PATHS: readonly SettingPath[] = SETTING_PATHS.filter((path) => Object.hasOwn(AccountSettingsSchema.shape, path.split('.')[0]!))

/** What `locked` may list: the server URL and any setting path. */
export type LockableName = 'serverUrl' | SettingPath
export const LOCKABLE_NAMES: readonly LockableName[] = ['serverUrl', ...SETTING_PATHS]

export function isSettingPath(value: string): value is SettingPath {
  return (SETTING_PATHS as readonly string[]).includes(value)
}

/** The value of one setting path in a settings object or patch (undefined when the patch lacks it). */
export function settingValue(settings: Settings | SettingsPatch, path: SettingPath): unknown {
  const [group, key] = path.split('.') as [string, string | undefined]
  const top = (settings as Record<string, unknown>)[group]
  if (key === undefined) return top
  return typeof top === 'object' && top !== null ? (top as Record<string, unknown>)[key] : undefined
}

/** The setting paths a patch names (with a value). */
export function settingPathsOf(patch: SettingsPatch): SettingPath[] {
  return SETTING_PATHS.filter((path) => settingValue(patch, path) !== undefined)
}

// ---------------------------------------------------------------------------------------------
// The file's schema

export const POLICY_VERSION = 1

/**
 * A string only: the engine checks it with the rule every sign-in passes (engine/open-url.ts, the
 * one owner of base-URL checks) and reports a refusal against the field `serverUrl`.
 */
const ServerUrlSchema = z.string().trim().min(1).max(2048)

/**
 * Where the Electron app looks for updates (electron-updater's generic provider;
 * docs/packaging.md): https only, because what it serves is code, and no user name, password,
 * query or fragment (the app logs the feed by its origin, and a secret in the address would be
 * one more copy of a credential on every workstation).
 */
const FeedUrlSchema = z
  .string()
  .trim()
  .min(1, 'empty: give the https:// address of the folder holding latest.yml')
  .max(2048)
  .superRefine((text, context) => {
    if (text === '') return
    let url: URL
    try {
      url = new URL(text)
    } catch {
      context.addIssue({ code: 'custom', message: 'not a URL: give the https:// address of the folder holding latest.yml' })
      return
    }
    if (url.protocol !== 'https:') context.addIssue({ code: 'custom', message: `must be an https:// address (updates are code), not ${url.protocol.slice(0, 20)}` })
    else if (url.username || url.password) context.addIssue({ code: 'custom', message: 'must not carry a user name or password' })
    else if (url.search || url.hash) context.addIssue({ code: 'custom', message: 'must not have a query or fragment' })
  })

/** The Electron app's update feed; absent means the app never checks for updates. */
const UpdatesSchema = z.strictObject({
  /** The folder of the clinic's update server that holds latest.yml and the installers. */
  feedUrl: FeedUrlSchema
})

/**
 * One account the policy presets (docs/managed-configuration.md, "Preset accounts"): its server
 * (checked like `serverUrl`) and the name shown on its studies. Never a key: the user enters it.
 */
const PresetAccountSchema = z.strictObject({
  serverUrl: ServerUrlSchema,
  displayName: z.string().trim().min(1, 'enter the name shown on the account\'s studies').max(60),
  colour: z.enum(ACCOUNT_COLOURS).optional()
})
export type PresetAccount = z.infer<typeof PresetAccountSchema>

/** Checked one by one, so an unknown name is reported beside the file's other problems. */
const LockableNameSchema = z.string().superRefine((name, context) => {
  if (!(LOCKABLE_NAMES as readonly string[]).includes(name)) {
    context.addIssue({ code: 'custom', message: `"${name.slice(0, 100)}" is not a setting that can be locked (serverUrl or a setting path such as alerts.sound)` })
  }
})

export const ManagedPolicySchema = z
  .strictObject({
    /** The format's version; only 1 exists. Optional so the minimal file stays minimal. */
    version: z.literal(POLICY_VERSION).optional(),
    /** The Avara API address the app connects to (a default unless locked). */
    serverUrl: ServerUrlSchema.optional(),
    /** Whether the sign-in screen offers "Use local sandbox" (default true). */
    allowSandbox: z.boolean().optional(),
    /** Defaults for any setting, same names and ranges as the Settings schema. */
    settings: SettingsPatchSchema.optional(),
    /** Names the user cannot change: `serverUrl` and setting paths. Each needs a value above. */
    locked: z.array(LockableNameSchema).max(LOCKABLE_NAMES.length).optional(),
    /** The Electron app's update feed (the web shell ignores it). */
    updates: UpdatesSchema.optional(),
    /** Accounts added at start, without keys, when the profile has none like them (a teleradiology workstation). */
    accounts: z.array(PresetAccountSchema).max(MAX_ACCOUNTS).optional()
  })
  .superRefine((policy, context) => {
    const named = new Set<string>()
    for (const [index, account] of (policy.accounts ?? []).entries()) {
      // Same server and name is the same account (the rule that finds a preset among the stored ones).
      const same = `${account.serverUrl.replace(/\/+$/, '')}\n${account.displayName}`
      if (named.has(same)) context.addIssue({ code: 'custom', path: ['accounts', index, 'displayName'], message: `"${account.displayName.slice(0, 60)}" on this server is listed twice` })
      named.add(same)
    }
    const seen = new Set<string>()
    for (const [index, name] of (policy.locked ?? []).entries()) {
      const path = ['locked', index]
      if (seen.has(name)) {
        context.addIssue({ code: 'custom', path, message: `"${name}" is listed twice` })
      } else if (name === 'serverUrl' ? policy.serverUrl === undefined : settingValue(policy.settings ?? {}, name as SettingPath) === undefined) {
        const where = name === 'serverUrl' ? 'serverUrl' : `settings.${name}`
        context.addIssue({ code: 'custom', path, message: `"${name}" is locked but ${where} gives it no value` })
      }
      seen.add(name)
    }
  })
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>

// ---------------------------------------------------------------------------------------------
// Problems, readings and what the renderer is told

/** One thing wrong with a policy file: the field (`settings.alerts.sound`, `locked[1]`) or null for the whole file. */
export interface PolicyIssue {
  field: string | null
  message: string
}

/** At most this many issues are reported (the first ones, in file order as the schema finds them). */
export const MAX_POLICY_ISSUES = 20

export type PolicyCheck = { ok: true; policy: ManagedPolicy } | { ok: false; issues: PolicyIssue[] }

/**
 * Check parsed JSON against the schema; every unknown key and wrong type is its own issue.
 * `checkServerUrl` is the engine's sign-in rule (engine/open-url.ts, the one owner of base-URL
 * checks), injected because this layer may not import the engine; it returns a refusal or null.
 */
export function checkManagedPolicy(raw: unknown, checkServerUrl: (url: string) => string | null): PolicyCheck {
  const parsed = ManagedPolicySchema.safeParse(raw)
  const urlRefusals = serverUrlsOf(raw).flatMap(({ field, url }) => {
    const refusal = checkServerUrl(url)
    return refusal === null ? [] : [{ field, message: refusal }]
  })
  if (parsed.success && urlRefusals.length === 0) return { ok: true, policy: parsed.data }
  const issues: PolicyIssue[] = [...urlRefusals]
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ field: fieldPath([...issue.path, key]), message: 'unknown key (not a policy field)' })
    } else {
      issues.push({ field: fieldPath(issue.path), message: issue.message })
    }
  }
  return { ok: false, issues: issues.slice(0, MAX_POLICY_ISSUES) }
}

/** The server addresses a raw policy names (`serverUrl`, `accounts[i].serverUrl`), trimmed, for the engine's URL rule. */
function serverUrlsOf(raw: unknown): Array<{ field: string; url: string }> {
  if (typeof raw !== 'object' || raw === null) return []
  const found: Array<{ field: string; url: string }> = []
  const add = (field: string, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') found.push({ field, url: value.trim() })
  }
  const { serverUrl, accounts } = raw as { serverUrl?: unknown; accounts?: unknown }
  add('serverUrl', serverUrl)
  if (Array.isArray(accounts)) {
    for (const [index, account] of accounts.entries()) {
      if (typeof account === 'object' && account !== null) add(`accounts[${index}].serverUrl`, (account as { serverUrl?: unknown }).serverUrl)
    }
  }
  return found
}

/** `settings.alerts.sound`, `locked[1]`; null for the document itself. */
export function fieldPath(path: readonly PropertyKey[]): string | null {
  let text = ''
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`
  return text || null
}

/** What a shell found when it looked for the policy file (src/main/node/policy-file.ts). */
export type PolicyReading =
  | { status: 'none'; file: string }
  | { status: 'loaded'; file: string; policy: ManagedPolicy }
  | { status: 'invalid'; file: string; issues: PolicyIssue[] }

/** A policy that was not applied, and why: shown in the UI and written to the log. */
export interface PolicyProblem {
  file: string
  issues: PolicyIssue[]
}

/** What the renderer knows about the managed configuration (AppState.managed). */
export interface ManagedState {
  /** The policy file in effect, or null when none is applied. */
  file: string | null
  /** The server address the administrator set (a default unless `serverUrlLocked`). */
  serverUrl: string | null
  serverUrlLocked: boolean
  /** Whether the sign-in screen offers the local sandbox. */
  allowSandbox: boolean
  /** Settings the user cannot change ("Set by your administrator"). */
  lockedSettings: SettingPath[]
  /** Settings the policy gives a default (the user may change them). */
  presetSettings: SettingPath[]
  /** The policy file that was found but not applied, and why; null when none. */
  problem: PolicyProblem | null
}

export const NO_MANAGED_POLICY: ManagedState = {
  file: null,
  serverUrl: null,
  serverUrlLocked: false,
  allowSandbox: true,
  lockedSettings: [],
  presetSettings: [],
  problem: null
}
