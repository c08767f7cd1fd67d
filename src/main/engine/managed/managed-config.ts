/**
 * What the administrator's policy does to the engine (docs/managed-configuration.md): which server
 * the profile uses, which settings it presets and which it locks. Pure: the shells read the file
 * (src/main/node/policy-file.ts) and hand over the reading; this decides what it means.
 *
 * Layers, lowest first: built-in defaults, the user's saved settings, the policy's defaults for
 * settings the user never chose, the policy's locked values. The user's layer is what is stored,
 * so a locked setting shows the policy's value while it is locked and the user's own value comes
 * back when the lock is lifted; a policy default never overrides a value the user chose.
 */
import {
  NO_MANAGED_POLICY,
  SETTING_PATHS,
  isSettingPath,
  settingPathsOf,
  settingValue,
  type ManagedPolicy,
  type ManagedState,
  type PolicyReading,
  type SettingPath
} from '@shared/ipc/managed-policy'
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@shared/ipc/contract'
import { baseUrlText, checkBaseUrl } from '../open-url'
import { validSettings } from '../settings-merge'

/** What `setByUser` (persisted) names besides setting paths: the user signed in to a server of their choice. */
export const SERVER_CHOICE = 'serverUrl'

export interface ManagedConfig {
  /** For the renderer (AppState.managed). */
  readonly state: ManagedState
  /** The policy in effect, or null (none, or one that was not applied because of a problem). */
  readonly policy: ManagedPolicy | null
}

export const NO_MANAGED_CONFIG: ManagedConfig = { state: NO_MANAGED_POLICY, policy: null }

/**
 * A reading becomes a config. A policy with any problem is not applied at all (no half policy):
 * the app runs as if there were none and reports the file and the fields.
 */
export function managedConfigFrom(reading: PolicyReading | undefined): ManagedConfig {
  if (!reading || reading.status === 'none') return NO_MANAGED_CONFIG
  if (reading.status === 'invalid') return { state: { ...NO_MANAGED_POLICY, problem: { file: reading.file, issues: reading.issues } }, policy: null }
  const { policy, file } = reading
  let serverUrl: string | null = null
  if (policy.serverUrl !== undefined) {
    // The rule every sign-in passes (https unless loopback): the schema checked the shape only.
    const checked = checkBaseUrl(policy.serverUrl)
    if (!checked.ok) return { state: { ...NO_MANAGED_POLICY, problem: { file, issues: [{ field: 'serverUrl', message: checked.error }] } }, policy: null }
    serverUrl = baseUrlText(checked.url)
  }
  // Each preset account's server passes the same rule, and is kept as every sign-in keeps it.
  const accounts: NonNullable<ManagedPolicy['accounts']> = []
  for (const [index, account] of (policy.accounts ?? []).entries()) {
    const checked = checkBaseUrl(account.serverUrl)
    if (!checked.ok) return { state: { ...NO_MANAGED_POLICY, problem: { file, issues: [{ field: `accounts[${index}].serverUrl`, message: checked.error }] } }, policy: null }
    accounts.push({ ...account, serverUrl: baseUrlText(checked.url) })
  }
  const locked = new Set(policy.locked ?? [])
  return {
    policy: { ...policy, ...(serverUrl === null ? {} : { serverUrl }), ...(policy.accounts ? { accounts } : {}) },
    state: {
      file,
      serverUrl,
      serverUrlLocked: locked.has(SERVER_CHOICE),
      allowSandbox: policy.allowSandbox ?? true,
      lockedSettings: SETTING_PATHS.filter((path) => locked.has(path)),
      presetSettings: policy.settings ? settingPathsOf(policy.settings) : [],
      problem: null
    }
  }
}

/** The settings in effect: the user's, then the policy's defaults where the user chose nothing, then its locks. */
export function effectiveSettings(user: Settings, setByUser: readonly string[], config: ManagedConfig): Settings {
  const preset = config.policy?.settings
  if (!preset) return user
  const chosen = new Set(setByUser)
  const locked = new Set(config.state.lockedSettings)
  const result = structuredClone(user)
  for (const path of config.state.presetSettings) {
    if (locked.has(path) || !chosen.has(path)) writeSetting(result, path, settingValue(preset, path))
  }
  return result
}

/**
 * A stored profile's settings in effect (its own, validated, with the policy laid over them): the
 * engine's rule at load, and what the Electron window reads before the engine starts (its first frame).
 */
export function profileSettings(stored: { settings: unknown; setByUser?: readonly string[] }, config: ManagedConfig): Settings {
  const user = validSettings(stored.settings)
  return effectiveSettings(user, storedChoices(user, stored.setByUser), config)
}

/** The locked settings a patch tries to change (an empty list lets it through). */
export function lockedSettingsIn(patch: SettingsPatch, config: ManagedConfig): SettingPath[] {
  const locked = new Set(config.state.lockedSettings)
  return settingPathsOf(patch).filter((path) => locked.has(path))
}

/** The refusal for a patch that names locked settings: says who decided, where, and what. */
export function lockedSettingsMessage(paths: readonly SettingPath[], config: ManagedConfig): string {
  const names = paths.join(', ')
  return `Set by your administrator: ${names} ${paths.length === 1 ? 'is' : 'are'} locked by the policy file ${config.state.file ?? ''} and cannot be changed here.`
}

/** The refusal of an account's own value for a locked setting: the policy's value holds for every account. */
export function lockedOverridesMessage(paths: readonly SettingPath[], config: ManagedConfig): string {
  const names = paths.join(', ')
  return `Set by your administrator: ${names} ${paths.length === 1 ? 'is' : 'are'} locked by the policy file ${config.state.file ?? ''} for every account and cannot be set for one account.`
}

/** The user's own choices after a patch (or after signing in to a server: SERVER_CHOICE); they now override the policy's defaults. */
export function withChoices(setByUser: readonly string[], patch: SettingsPatch | typeof SERVER_CHOICE): string[] {
  const added = patch === SERVER_CHOICE ? [SERVER_CHOICE] : settingPathsOf(patch)
  return [...new Set([...setByUser, ...added])]
}

/** One log line's fields for what the policy did at start (never values: only names and the file). */
export function describeForLog(config: ManagedConfig): { message: string; fields: Record<string, string | number | boolean> } | null {
  const { state } = config
  if (state.problem) {
    const problems = state.problem.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ')
    return { message: 'policy file not applied', fields: { file: state.problem.file, problems } }
  }
  if (state.file === null) return null
  return {
    message: 'policy applied',
    fields: { file: state.file, serverLocked: state.serverUrlLocked, allowSandbox: state.allowSandbox, locked: state.lockedSettings.join(','), preset: state.presetSettings.join(',') }
  }
}

/**
 * The server the profile should use: a locked one always; a preset one until the user signs in to
 * a server of their own (or the profile already points away from the built-in default).
 */
export function policyServerFor(profile: ProfileChoices, config: ManagedConfig): string | null {
  const { serverUrl, serverUrlLocked } = config.state
  if (serverUrl === null) return null
  if (serverUrlLocked) return serverUrl
  const chosen =
    profile.choices.includes(SERVER_CHOICE) || profile.identity !== null || (profile.baseUrl !== '' && profile.baseUrl !== DEFAULT_BASE_URL)
  return chosen ? null : serverUrl
}

/** What of a stored profile tells the user's own choices apart from defaults. */
export interface ProfileChoices {
  baseUrl: string
  identity: unknown
  choices: readonly string[]
}

/**
 * The user's choices as stored; a profile written before they were recorded counts every saved
 * value that differs from the built-in default as chosen (so a policy default cannot hide it).
 */
export function storedChoices(settings: Settings, setByUser: readonly string[] | undefined): string[] {
  if (setByUser) return knownChoices(setByUser)
  return SETTING_PATHS.filter((path) => JSON.stringify(settingValue(settings, path)) !== JSON.stringify(settingValue(DEFAULT_SETTINGS, path)))
}

/** The refusal when a key for another server is saved while the administrator locked the server. */
export function serverLockedMessage(config: ManagedConfig): string {
  return `Set by your administrator: this computer connects only to ${config.state.serverUrl ?? ''} (policy file ${config.state.file ?? ''}).`
}

/** Setting paths of a persisted choice list that are still settings (old names are dropped). */
export function knownChoices(setByUser: readonly string[]): string[] {
  return setByUser.filter((name) => name === SERVER_CHOICE || isSettingPath(name))
}

function writeSetting(settings: Settings, path: SettingPath, value: unknown): void {
  const [group, key] = path.split('.') as [string, string | undefined]
  const target = settings as unknown as Record<string, unknown>
  if (key === undefined) target[group] = value
  else (target[group] as Record<string, unknown>)[key] = value
}
