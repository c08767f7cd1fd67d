/**
 * Each account's own settings (docs/accounts.md, "Each clinic's own settings"): an account may set
 * its polling and its alerts for itself; everything it does not set follows the global settings,
 * and a setting the administrator's policy locks is the policy's for every account (an override of
 * it stays stored but is ignored while the lock lasts, as a locked global setting keeps the user's
 * own value). The one owner of an account's settings in effect: its lanes, its alerts and the
 * page's AccountSummary all take them from here. Pure.
 */
import {
  type AccountSettings,
  type AccountSettingsOverrides,
  type AccountSettingsOverridesPatch,
  type Settings,
  type SettingsPatch
} from '@shared/ipc/contract'
import { ACCOUNT_SETTING_PATHS, settingValue, type SettingPath } from '@shared/ipc/managed-policy'

/** The paths an overrides object (or patch) names with a value; `null` (clear) counts when `withNull`. */
function namedPaths(overrides: AccountSettingsOverrides | AccountSettingsOverridesPatch, withNull: boolean): SettingPath[] {
  return ACCOUNT_SETTING_PATHS.filter((path) => {
    const value = settingValue(overrides as SettingsPatch, path)
    return value !== undefined && (withNull || value !== null)
  })
}

/** The settings an account overrides (stored, locked or not). */
export function overriddenPaths(overrides: AccountSettingsOverrides): SettingPath[] {
  return namedPaths(overrides, false)
}

/** The overrides that apply: those of settings the policy does not lock. */
export function overridesInEffect(overrides: AccountSettingsOverrides, locked: readonly SettingPath[]): AccountSettingsOverrides {
  const result: AccountSettingsOverrides = {}
  for (const path of overriddenPaths(overrides)) if (!locked.includes(path)) write(result, path, settingValue(overrides as SettingsPatch, path))
  return result
}

/** The account's settings in effect: the global settings (policy already laid over them) with its unlocked overrides. */
export function effectiveAccountSettings(global: Settings, overrides: AccountSettingsOverrides, locked: readonly SettingPath[]): Settings {
  const own = overridesInEffect(overrides, locked)
  if (Object.keys(own).length === 0) return global
  return { ...global, ...own, alerts: { ...global.alerts, ...own.alerts } }
}

/** What the page is shown of an account's settings: the account-level part only. */
export function accountPart(settings: Settings): AccountSettings {
  const { queueIntervalSec, statIntervalSec, statLaneEnabled, normalRefreshEvery, includeUnassignedStat, alerts } = settings
  return { queueIntervalSec, statIntervalSec, statLaneEnabled, ...(normalRefreshEvery === undefined ? {} : { normalRefreshEvery }), includeUnassignedStat, alerts }
}

/** The settings a patch would set (not clear) that the policy locks: such a patch is refused. */
export function lockedOverridesIn(patch: AccountSettingsOverridesPatch, locked: readonly SettingPath[]): SettingPath[] {
  return namedPaths(patch, false).filter((path) => locked.includes(path))
}

/** The overrides after a patch: a value sets the setting for the account, `null` gives it back to the global one. */
export function applyOverridesPatch(current: AccountSettingsOverrides, patch: AccountSettingsOverridesPatch): AccountSettingsOverrides {
  const result = structuredClone(current)
  for (const path of namedPaths(patch, true)) {
    const value = settingValue(patch as SettingsPatch, path)
    if (value === null) remove(result, path)
    else write(result, path, value)
  }
  return result
}

function write(target: AccountSettingsOverrides, path: SettingPath, value: unknown): void {
  const [group, key] = path.split('.') as [string, string | undefined]
  const record = target as Record<string, unknown>
  if (key === undefined) record[group] = value
  else record[group] = { ...(record[group] as Record<string, unknown> | undefined), [key]: value }
}

function remove(target: AccountSettingsOverrides, path: SettingPath): void {
  const [group, key] = path.split('.') as [string, string | undefined]
  const record = target as Record<string, unknown>
  if (key === undefined) {
    delete record[group]
    return
  }
  const inner = record[group] as Record<string, unknown> | undefined
  if (!inner) return
  delete inner[key]
  // No empty group is kept: an account without overrides stores none.
  if (Object.keys(inner).length === 0) delete record[group]
}
