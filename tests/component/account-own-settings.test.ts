// @vitest-environment happy-dom
/**
 * Settings › Accounts › "Use this clinic's own settings" (docs/accounts.md): the global polling and
 * alert controls for one account, showing the engine's values for it, marking the values it sets
 * itself with a way back to the global value, locked where the policy locks; every change is an
 * `accounts.setOverrides` patch and the page changes only when `accounts.changed` says so. An alert
 * plays its sound by its account's choice (AlertNotice.sound).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import { startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { DEFAULT_SETTINGS, MAX_ACCOUNTS, type AccountsState, type AccountSummary, type AlertNotice, type ConnectionState } from '@shared/ipc/contract'
import { NO_MANAGED_POLICY } from '@shared/ipc/managed-policy'
import { FakeBridge, ME, appState, flush } from './fake-bridge'

const tones = vi.hoisted(() => [] as string[])
vi.mock('@renderer/lib/tone', () => ({ playAlertTone: (level: string) => tones.push(level) }))

const ONLINE: ConnectionState = { status: 'online', lastSuccessAt: '2026-01-01T12:00:00.000Z', reason: null, nextPollAt: null, stale: false }
const { queueIntervalSec, statIntervalSec, statLaneEnabled, includeUnassignedStat, alerts } = DEFAULT_SETTINGS
const GLOBAL = { queueIntervalSec, statIntervalSec, statLaneEnabled, includeUnassignedStat, alerts }

function account(accountId: string, displayName: string, own: Partial<Pick<AccountSummary, 'overrides' | 'settings'>> = {}): AccountSummary {
  return {
    accountId,
    displayName,
    colour: 'blue',
    baseUrl: `https://${accountId}.example.org`,
    identity: { userId: ME.userId, email: ME.email, displayName: ME.displayName },
    hasKey: true,
    connection: ONLINE,
    counts: { stat: 0, high: 0, normal: 0 },
    overrides: {},
    settings: GLOBAL,
    ...own
  }
}
const stateOf = (list: AccountSummary[]): AccountsState => ({ accounts: list, health: { total: list.length, live: list.length, problems: [], text: null }, max: MAX_ACCOUNTS })

const FIRST = account('primary', "St Mary's")
/** The engine says: its own stat interval and no sound; everything else global. */
const NORTH = account('acc-north', 'Northside Imaging', {
  overrides: { statIntervalSec: 2, alerts: { sound: false } },
  settings: { ...GLOBAL, statIntervalSec: 2, alerts: { ...GLOBAL.alerts, sound: false } }
})

let wrapper: VueWrapper | null = null
let stop: (() => void) | null = null
let bridge: FakeBridge
beforeEach(() => {
  setActivePinia(createPinia())
  tones.length = 0
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  stop?.()
  stop = null
  useClockStore().stop()
  document.body.innerHTML = ''
})

async function open(list: AccountSummary[], lockedSettings: Array<'alerts.sound' | 'statIntervalSec'> = []) {
  bridge = new FakeBridge()
    .handle('app.getState', () => appState({ accounts: stateOf(list), managed: { ...NO_MANAGED_POLICY, file: lockedSettings.length ? '/etc/rrc/policy.json' : null, lockedSettings } }))
    .handle('accounts.setOverrides', () => ({ ok: true }))
  stop = await startApp(bridge)
  wrapper = mount(SettingsPanel, { attachTo: document.body })
  await flush()
  return wrapper
}

const sectionOf = (panel: VueWrapper, accountId: string) => panel.get(`[data-account-id="${accountId}"] [data-testid="account-own-settings"]`)
async function expand(panel: VueWrapper, accountId: string) {
  await sectionOf(panel, accountId).get('[data-testid="own-settings-toggle"]').trigger('click')
  return sectionOf(panel, accountId)
}
const checkboxIn = (section: ReturnType<VueWrapper['get']>, label: string) => section.findAll('label').find((l) => l.text().includes(label))!.get<HTMLInputElement>('input[type="checkbox"]')

describe('an account’s own settings in Settings › Accounts', () => {
  it('is closed at first and says which settings each account sets itself', async () => {
    const panel = await open([FIRST, NORTH])
    expect(sectionOf(panel, 'primary').get('[data-testid="own-settings-summary"]').text()).toBe('Follows the global settings.')
    expect(sectionOf(panel, 'acc-north').get('[data-testid="own-settings-summary"]').text()).toBe('Its own: Check for stat studies every; Play a sound.')
    const toggle = sectionOf(panel, 'acc-north').get('[data-testid="own-settings-toggle"]')
    expect(toggle.text()).toBe("Use this clinic's own settings for Northside Imaging")
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(panel.find('#account-own-acc-north-stat-interval').exists()).toBe(false)
  })

  it('shows the engine’s values for the account beside the global ones, and marks the account’s own', async () => {
    const panel = await open([FIRST, NORTH])
    const section = await expand(panel, 'acc-north')
    expect(section.get('[data-testid="own-settings-toggle"]').attributes('aria-expanded')).toBe('true')
    expect(section.get<HTMLInputElement>('#account-own-acc-north-stat-interval').element.value).toBe('2')
    expect(panel.get<HTMLInputElement>('#stat-interval').element.value).toBe(String(DEFAULT_SETTINGS.statIntervalSec))
    expect(section.get<HTMLInputElement>('#account-own-acc-north-queue-interval').element.value).toBe(String(DEFAULT_SETTINGS.queueIntervalSec))
    expect(checkboxIn(section, 'Play a sound').element.checked).toBe(false)
    expect(checkboxIn(panel.get('section[aria-labelledby="set-alerts"]'), 'Play a sound').element.checked).toBe(true)
    // Marked: the stat interval and the sound, not the queue interval.
    expect(section.findAll('[data-testid="own-value"]')).toHaveLength(2)
    expect(section.get('#account-own-acc-north-stat-interval').element.closest('.field')!.textContent).toContain("This clinic's own value")
    expect(section.get('#account-own-acc-north-queue-interval').element.closest('.field')!.textContent).not.toContain("This clinic's own value")
    expect(panel.get('section[aria-labelledby="set-poll"]').find('[data-testid="own-value"]').exists()).toBe(false)
  })

  it('sends each change for that account only, and shows it when the engine announces it', async () => {
    const panel = await open([FIRST, NORTH])
    const section = await expand(panel, 'acc-north')
    await section.get('#account-own-acc-north-queue-interval').setValue('90')
    await checkboxIn(section, 'Alert for high-severity studies too').setValue(true)
    await flush()
    expect(bridge.callsOf('accounts.setOverrides')).toEqual([
      { accountId: 'acc-north', overrides: { queueIntervalSec: 90 } },
      { accountId: 'acc-north', overrides: { alerts: { high: true } } }
    ])
    expect(bridge.callsOf('settings.update')).toEqual([])
    // The answer is only "done": the mark comes with accounts.changed.
    expect(section.findAll('[data-testid="own-value"]')).toHaveLength(2)
    const next = account('acc-north', 'Northside Imaging', {
      overrides: { ...NORTH.overrides, queueIntervalSec: 90, alerts: { sound: false, high: true } },
      settings: { ...NORTH.settings, queueIntervalSec: 90, alerts: { ...NORTH.settings.alerts, high: true } }
    })
    bridge.emit('accounts.changed', stateOf([FIRST, next]))
    await flush()
    expect(sectionOf(panel, 'acc-north').findAll('[data-testid="own-value"]')).toHaveLength(4)
    expect(sectionOf(panel, 'acc-north').get<HTMLInputElement>('#account-own-acc-north-queue-interval').element.value).toBe('90')
    expect(panel.get<HTMLInputElement>('#queue-interval').element.value).toBe(String(DEFAULT_SETTINGS.queueIntervalSec))
  })

  it('gives a value back to the global setting with "Use the global value", and says so', async () => {
    const panel = await open([FIRST, NORTH])
    const section = await expand(panel, 'acc-north')
    const back = section.findAll('[data-testid="use-global"]')
    expect(back.map((b) => b.text())).toEqual(['Use the global value for Check for stat studies every', 'Use the global value for Play a sound'])
    await back[0]!.trigger('click')
    await back[1]!.trigger('click')
    await flush()
    expect(bridge.callsOf('accounts.setOverrides')).toEqual([
      { accountId: 'acc-north', overrides: { statIntervalSec: null } },
      { accountId: 'acc-north', overrides: { alerts: { sound: null } } }
    ])
    expect(useNoticesStore().infos.map((m) => m.text)).toContain('Check for stat studies every follows the global settings again for Northside Imaging.')
  })

  it('shows a setting the policy locks locked for the account too', async () => {
    const panel = await open([FIRST, NORTH], ['alerts.sound', 'statIntervalSec'])
    const section = await expand(panel, 'acc-north')
    const sound = checkboxIn(section, 'Play a sound')
    expect(sound.element.disabled).toBe(true)
    expect(sound.element.closest('label')!.textContent).toContain('Set by your administrator')
    expect(section.get<HTMLInputElement>('#account-own-acc-north-stat-interval').element.readOnly).toBe(true)
    expect(section.find('#account-own-acc-north-stat-interval-lock').exists()).toBe(true)
    expect(checkboxIn(section, 'Alert for high-severity studies too').element.disabled).toBe(false)
  })

  it('shows the engine’s refusal in its words', async () => {
    const panel = await open([FIRST, NORTH])
    bridge.handle('accounts.setOverrides', () => {
      throw new Error('Set by your administrator: alerts.high is locked by the policy file /etc/rrc/policy.json for every account and cannot be set for one account.')
    })
    const section = await expand(panel, 'acc-north')
    await checkboxIn(section, 'Alert for high-severity studies too').setValue(true)
    await flush()
    expect(panel.get('[data-testid="accounts-error"]').text()).toContain('cannot be set for one account')
  })
})

describe('the sound of an alert', () => {
  const notice = (sound: boolean | undefined): AlertNotice => ({
    id: `stat-${String(sound)}`,
    level: 'stat',
    title: 'New stat study',
    body: 'CT Head (stat)',
    studyIds: ['stu_1'],
    studies: [{ accountId: 'acc-north', studyId: 'stu_1' }],
    reAlert: false,
    at: '2026-01-01T12:00:00.000Z',
    ...(sound === undefined ? {} : { sound })
  })

  it('follows the notice’s account (its own alerts.sound), else the global setting', async () => {
    await open([FIRST, NORTH])
    bridge.emit('alert.shown', notice(false))
    expect(tones).toEqual([])
    bridge.emit('alert.shown', notice(undefined))
    expect(tones).toEqual(['stat'])
    bridge.emit('settings.changed', { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, sound: false } })
    bridge.emit('alert.shown', notice(true))
    bridge.emit('alert.shown', notice(undefined))
    expect(tones).toEqual(['stat', 'stat'])
  })
})
