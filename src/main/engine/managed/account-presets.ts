/**
 * The accounts an administrator's policy presets (docs/managed-configuration.md, "Preset
 * accounts"): which of them the profile lacks. Pure: the engine stores what this decides.
 *
 * The rule: a preset is already there when a stored account came from it (its `preset`, kept
 * through renames) or, for accounts stored before that was recorded, has the same server and the
 * same display name. Presets only add: they never remove, rename or move what the user has. A profile
 * whose only account is new (no identity, no name, no server the user chose) takes the first
 * preset's server and name instead of keeping an empty account beside it.
 */
import { MAX_ACCOUNTS } from '@shared/ipc/accounts'
import type { PresetAccount } from '@shared/ipc/managed-policy'
import type { StoredAccount } from '../ports'

export interface PresetPlan {
  /** The first preset, for the profile's new and empty first account; null to leave it as it is. */
  first: PresetAccount | null
  /** Presets to add as new accounts (without keys), in the policy's order. */
  add: PresetAccount[]
  /** Presets left out because the workstation would follow more than MAX_ACCOUNTS. */
  overLimit: PresetAccount[]
}

/** Whether a stored account is this preset: it came from it, or has the same server and display name. */
export function isPresetOf(account: Pick<StoredAccount, 'baseUrl' | 'label' | 'preset'>, preset: PresetAccount): boolean {
  if (account.preset && account.preset.serverUrl === preset.serverUrl && account.preset.displayName === preset.displayName) return true
  return account.baseUrl === preset.serverUrl && (account.label ?? '') === preset.displayName
}

/** What a stored account records of the preset it was made from. */
export function presetOrigin(preset: PresetAccount): { serverUrl: string; displayName: string } {
  return { serverUrl: preset.serverUrl, displayName: preset.displayName }
}

/** What to do with the presets (their servers already normalised) on a profile with these accounts. */
export function planPresets(stored: readonly StoredAccount[], presets: readonly PresetAccount[], firstIsNew: boolean): PresetPlan {
  const missing = presets.filter((preset) => !stored.some((account) => isPresetOf(account, preset)))
  const first = firstIsNew && stored.length === 1 && missing.length > 0 ? missing[0]! : null
  const rest = first === null ? missing : missing.slice(1)
  const room = Math.max(0, MAX_ACCOUNTS - stored.length)
  return { first, add: rest.slice(0, room), overLimit: rest.slice(room) }
}
