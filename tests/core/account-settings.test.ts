/**
 * Each account's own settings (docs/accounts.md, "Each clinic's own settings"): the global
 * settings with the account's overrides laid over them, a locked setting the policy's for every
 * account, `null` giving a value back to the global one, stored overrides read value by value,
 * and the alert desk deciding each account's alerts with that account's settings.
 */
import { describe, expect, it } from 'vitest'
import { AccountSettingsOverridesPatchSchema, DEFAULT_SETTINGS, type AlertNotice, type Settings } from '@shared/ipc/contract'
import { ACCOUNT_SETTING_PATHS } from '@shared/ipc/managed-policy'
import {
  accountPart,
  applyOverridesPatch,
  effectiveAccountSettings,
  lockedOverridesIn,
  overriddenPaths,
  overridesInEffect
} from '@main/engine/account-settings'
import { AlertDesk } from '@main/engine/alert-desk'
import { parseAccountLeniently } from '@main/engine/persistence/schema'
import { ManualClock, study } from './helpers'

const GLOBAL: Settings = { ...DEFAULT_SETTINGS, statIntervalSec: 5, alerts: { ...DEFAULT_SETTINGS.alerts, sound: true, high: false } }

describe('an account’s settings in effect', () => {
  it('are the global settings when the account sets nothing (the same object: nothing to merge)', () => {
    expect(effectiveAccountSettings(GLOBAL, {}, [])).toBe(GLOBAL)
  })

  it('lay the account’s values over the global ones, alert by alert; the rest follows the global settings', () => {
    const own = effectiveAccountSettings(GLOBAL, { statIntervalSec: 2, alerts: { sound: false } }, [])
    expect(own.statIntervalSec).toBe(2)
    expect(own.alerts).toEqual({ ...GLOBAL.alerts, sound: false })
    expect(own.queueIntervalSec).toBe(GLOBAL.queueIntervalSec)
    // A new global value reaches every setting the account does not set itself.
    const later = effectiveAccountSettings({ ...GLOBAL, queueIntervalSec: 90, statIntervalSec: 10, alerts: { ...GLOBAL.alerts, high: true } }, { statIntervalSec: 2, alerts: { sound: false } }, [])
    expect(later).toMatchObject({ queueIntervalSec: 90, statIntervalSec: 2, alerts: { high: true, sound: false } })
  })

  it('ignore an override of a setting the policy locks (kept, not applied), and list only those that apply', () => {
    const overrides = { statIntervalSec: 2, alerts: { sound: false, high: true } }
    const locked = ['statIntervalSec', 'alerts.sound'] as const
    const own = effectiveAccountSettings(GLOBAL, overrides, locked)
    expect(own.statIntervalSec).toBe(GLOBAL.statIntervalSec)
    expect(own.alerts.sound).toBe(true)
    expect(own.alerts.high).toBe(true)
    expect(overridesInEffect(overrides, locked)).toEqual({ alerts: { high: true } })
    expect(overriddenPaths(overrides)).toEqual(['statIntervalSec', 'alerts.high', 'alerts.sound'])
  })

  it('show the page the account part only: intervals, lanes and alerts', () => {
    expect(Object.keys(accountPart(GLOBAL)).sort()).toEqual(['alerts', 'includeUnassignedStat', 'queueIntervalSec', 'statIntervalSec', 'statLaneEnabled'])
    expect(accountPart({ ...GLOBAL, normalRefreshEvery: 4 }).normalRefreshEvery).toBe(4)
    expect(ACCOUNT_SETTING_PATHS).toContain('alerts.doNotDisturb')
    expect(ACCOUNT_SETTING_PATHS).not.toContain('targets.statMinutes')
    expect(ACCOUNT_SETTING_PATHS).not.toContain('claimOnOpen')
  })
})

describe('a change of an account’s settings', () => {
  it('sets values, and null gives one back to the global setting (no empty group is kept)', () => {
    const set = applyOverridesPatch({}, { statIntervalSec: 2, alerts: { sound: false, doNotDisturb: true } })
    expect(set).toEqual({ statIntervalSec: 2, alerts: { sound: false, doNotDisturb: true } })
    const partly = applyOverridesPatch(set, { alerts: { sound: null } })
    expect(partly).toEqual({ statIntervalSec: 2, alerts: { doNotDisturb: true } })
    expect(applyOverridesPatch(partly, { statIntervalSec: null, alerts: { doNotDisturb: null } })).toEqual({})
    // The input is not changed.
    expect(set.alerts?.sound).toBe(false)
  })

  it('is refused for a locked setting it sets, not for one it clears', () => {
    expect(lockedOverridesIn({ statIntervalSec: 2, alerts: { sound: false } }, ['alerts.sound'])).toEqual(['alerts.sound'])
    expect(lockedOverridesIn({ alerts: { sound: null } }, ['alerts.sound'])).toEqual([])
    expect(lockedOverridesIn({ queueIntervalSec: 60 }, ['statIntervalSec'])).toEqual([])
  })

  it('has the bounds of the global settings and knows only the account settings', () => {
    expect(AccountSettingsOverridesPatchSchema.safeParse({ statIntervalSec: 1 }).success).toBe(false)
    expect(AccountSettingsOverridesPatchSchema.safeParse({ statIntervalSec: 2, alerts: { reAlertMinutes: null } }).success).toBe(true)
    expect(AccountSettingsOverridesPatchSchema.safeParse({ targets: { statMinutes: 5 } }).success).toBe(false)
    expect(AccountSettingsOverridesPatchSchema.safeParse({ claimOnOpen: true }).success).toBe(false)
  })
})

describe('stored overrides', () => {
  const stored = (overrides: unknown) => ({ id: 'acc-b', baseUrl: 'https://b.example.org', keychainAccount: 'k', identity: null, ledger: {}, snapshot: null, overrides })

  it('are read value by value: a bad one is dropped (that setting follows the global one), the others kept', () => {
    const issues: string[] = []
    const account = parseAccountLeniently(stored({ statIntervalSec: 1, queueIntervalSec: 60, alerts: { sound: false, reAlertMax: 'x', volume: 3 }, targets: {} }), 'accounts.1', issues)
    expect(account?.overrides).toEqual({ queueIntervalSec: 60, alerts: { sound: false } })
    expect(issues).toEqual([
      'accounts.1.overrides.statIntervalSec: invalid, dropped',
      'accounts.1.overrides.alerts.reAlertMax: invalid, dropped',
      'accounts.1.overrides.alerts.volume: unknown setting, dropped',
      'accounts.1.overrides.targets: unknown setting dropped'
    ])
  })

  it('are absent from an account stored before them', () => {
    const { overrides: _none, ...before } = stored(undefined)
    const issues: string[] = []
    expect(parseAccountLeniently(before, 'accounts.0', issues)).not.toHaveProperty('overrides')
    expect(issues).toEqual([])
  })
})

describe('the alert desk with each account’s own settings', () => {
  function desk(byAccount: Record<string, Settings>) {
    const clock = new ManualClock()
    const raised: Array<{ account: string; notice: AlertNotice }> = []
    const d = new AlertDesk({ clock, settings: (id) => byAccount[id] ?? GLOBAL, raise: (account, notice) => raised.push({ account, notice }), pauseChanged: () => undefined })
    return { d, raised }
  }

  it('holds only the account whose do-not-disturb holds stat, and sounds only where the account wants a sound', () => {
    const quiet = effectiveAccountSettings(GLOBAL, { alerts: { doNotDisturb: true, holdStat: true } }, [])
    const silent = effectiveAccountSettings(GLOBAL, { alerts: { sound: false } }, [])
    const { d, raised } = desk({ a: GLOBAL, b: quiet, c: silent })
    const s = study({ n: 1, severity: 'stat' })
    for (const account of ['a', 'b', 'c']) d.decide(account, { events: [], present: [s], fullView: true, firstPoll: false })
    expect(raised.map((r) => [r.account, r.notice.sound])).toEqual([
      ['a', true],
      ['c', false]
    ])
    expect([d.isHolding('a'), d.isHolding('b'), d.isHolding('c')]).toEqual([false, true, false])
  })

  it('alerts high studies only in the account that turned high alerts on', () => {
    const withHigh = effectiveAccountSettings(GLOBAL, { alerts: { high: true } }, [])
    const { d, raised } = desk({ a: GLOBAL, b: withHigh })
    const high = study({ n: 2, severity: 'high' })
    for (const account of ['a', 'b']) {
      d.decide(account, { events: [], present: [], fullView: true, firstPoll: true })
      d.decide(account, { events: [{ kind: 'arrived', study: high }], present: [high], fullView: true, firstPoll: false })
    }
    expect(raised.map((r) => [r.account, r.notice.level])).toEqual([['b', 'high']])
  })
})
