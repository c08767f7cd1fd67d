/**
 * The pure rules of managed configuration: how a policy reading becomes what the engine applies,
 * how the layers (defaults, the user's, the policy's defaults, its locks) combine, and when a
 * preset server applies.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS, type Settings } from '@shared/ipc/contract'
import { checkManagedPolicy, type ManagedPolicy, type PolicyReading } from '@shared/ipc/managed-policy'
import {
  NO_MANAGED_CONFIG,
  SERVER_CHOICE,
  effectiveSettings,
  lockedSettingsIn,
  managedConfigFrom,
  policyServerFor,
  storedChoices,
  withChoices
} from '@main/engine/managed/managed-config'

const FILE = '/etc/reading-room-companion/policy.json'
const config = (policy: ManagedPolicy) => {
  const checked = checkManagedPolicy(policy, () => null) // the engine's own URL rule is what these tests exercise
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues))
  return managedConfigFrom({ status: 'loaded', file: FILE, policy: checked.policy })
}
const user = (overrides: Partial<Settings> = {}): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...overrides })

describe('a reading becomes a config', () => {
  it('applies nothing for no file, and nothing but the problem for an invalid one', () => {
    expect(managedConfigFrom(undefined)).toBe(NO_MANAGED_CONFIG)
    expect(managedConfigFrom({ status: 'none', file: FILE })).toBe(NO_MANAGED_CONFIG)
    const invalid: PolicyReading = { status: 'invalid', file: FILE, issues: [{ field: 'locked[0]', message: 'x' }] }
    const applied = managedConfigFrom(invalid)
    expect(applied.policy).toBeNull()
    expect(applied.state).toMatchObject({ file: null, lockedSettings: [], allowSandbox: true, problem: { file: FILE, issues: invalid.issues } })
  })

  it('normalises the server address and refuses, whole, a policy whose server sign-in would refuse', () => {
    expect(config({ serverUrl: 'https://avara.example/api/' }).state.serverUrl).toBe('https://avara.example/api')
    const refused = config({ serverUrl: 'http://avara.example', settings: { statIntervalSec: 3 }, locked: ['statIntervalSec'] })
    expect(refused.policy).toBeNull()
    expect(refused.state.lockedSettings).toEqual([])
    expect(refused.state.problem?.issues[0]?.field).toBe('serverUrl')
  })
})

describe('layers', () => {
  const managed = config({ settings: { statIntervalSec: 3, queueIntervalSec: 60, alerts: { sound: false } }, locked: ['alerts.sound'] })

  it('policy defaults fill what the user never chose; locks always win', () => {
    const result = effectiveSettings(user({ statIntervalSec: 20, queueIntervalSec: 90 }), ['statIntervalSec'], managed)
    expect(result.statIntervalSec).toBe(20) // chosen by the user
    expect(result.queueIntervalSec).toBe(60) // saved but never chosen: the policy's default
    expect(result.alerts.sound).toBe(false) // locked
  })

  it('leaves the stored user layer untouched, and is the identity without a policy', () => {
    const mine = user({ alerts: { ...DEFAULT_SETTINGS.alerts, sound: true } })
    effectiveSettings(mine, ['alerts.sound'], managed)
    expect(mine.alerts.sound).toBe(true)
    expect(effectiveSettings(mine, [], NO_MANAGED_CONFIG)).toBe(mine)
  })

  it('names the locked settings a patch touches, nested ones included', () => {
    expect(lockedSettingsIn({ alerts: { sound: true, high: true }, queueIntervalSec: 30 }, managed)).toEqual(['alerts.sound'])
    expect(lockedSettingsIn({ alerts: { high: true } }, managed)).toEqual([])
  })

  it('records choices from patches and sign-ins without duplicates', () => {
    expect(withChoices(['statIntervalSec'], { statIntervalSec: 4, alerts: { high: true } })).toEqual(['statIntervalSec', 'alerts.high'])
    expect(withChoices(['statIntervalSec'], SERVER_CHOICE)).toEqual(['statIntervalSec', SERVER_CHOICE])
  })

  it('reads choices from an older profile as the values that differ from the defaults, and drops unknown names', () => {
    expect(storedChoices(user({ queueIntervalSec: 90, appearance: { theme: 'light', textScale: 1 } }), undefined)).toEqual(['queueIntervalSec', 'appearance.theme'])
    expect(storedChoices(user({ queueIntervalSec: 90 }), ['alerts.volume', 'statIntervalSec', SERVER_CHOICE])).toEqual(['statIntervalSec', SERVER_CHOICE])
  })
})

describe('the server', () => {
  const fresh = { baseUrl: DEFAULT_BASE_URL, identity: null, choices: [] }

  it('a locked server applies to every profile', () => {
    const locked = config({ serverUrl: 'https://avara.clinic.example', locked: ['serverUrl'] })
    expect(policyServerFor(fresh, locked)).toBe('https://avara.clinic.example')
    expect(policyServerFor({ baseUrl: 'https://elsewhere.example', identity: { userId: 'u' }, choices: [SERVER_CHOICE] }, locked)).toBe('https://avara.clinic.example')
  })

  it('a preset server applies only while the profile has no server of its own', () => {
    const preset = config({ serverUrl: 'https://avara.clinic.example' })
    expect(policyServerFor(fresh, preset)).toBe('https://avara.clinic.example')
    expect(policyServerFor({ ...fresh, choices: [SERVER_CHOICE] }, preset)).toBeNull()
    expect(policyServerFor({ ...fresh, identity: { userId: 'u' } }, preset)).toBeNull()
    expect(policyServerFor({ ...fresh, baseUrl: 'http://127.0.0.1:4010' }, preset)).toBeNull()
    expect(policyServerFor(fresh, NO_MANAGED_CONFIG)).toBeNull()
  })
})
