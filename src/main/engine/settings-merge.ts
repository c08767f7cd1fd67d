/** Applying a settings patch from the bridge: merge group by group, then validate the whole. */
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '@shared/ipc/contract'

/** Persisted settings that fail the schema (an old or hand-edited file) fall back to defaults. */
export function validSettings(value: unknown): Settings {
  const parsed = SettingsSchema.safeParse(value)
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS)
}

/** The patch over the current settings; absent keys keep their value. Validate the result. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...defined(patch),
    alerts: { ...current.alerts, ...defined(patch.alerts ?? {}) },
    targets: { ...current.targets, ...defined(patch.targets ?? {}) },
    appearance: { ...current.appearance, ...defined(patch.appearance ?? {}) }
  } as Settings
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
