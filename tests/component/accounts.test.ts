// @vitest-environment happy-dom
/**
 * Issue 11 in the page: several Avara accounts. Settings add (key checked, identity by email or
 * picked), rename, recolour, reorder and remove (after a confirmation naming what is deleted) each
 * reach the engine with the right call; past the limit the engine's words show. The queue labels
 * each row with its account (name and swatch, initials on a narrow row), filters by account, shows
 * the engine's counts per account and each account's health, and every study action names the
 * study's account. One account: nothing of this shows. The clinic workspace acts on the account
 * chosen at its top.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import SettingsPanel from '@renderer/components/settings/SettingsPanel.vue'
import StudyCells from '@renderer/components/queue/StudyCells.vue'
import ClinicWorkspace from '@renderer/components/clinic/ClinicWorkspace.vue'
import { setBridge } from '@renderer/bridge'
import { applyAppState, applyEngineEvents, startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useClockStore } from '@renderer/stores/clock'
import { useAccountsStore } from '@renderer/stores/accounts'
import { useNoticesStore } from '@renderer/stores/notices'
import { layoutColumns } from '@renderer/lib/columns'
import { accountInitials } from '@renderer/lib/account-look'
import {
  ACCOUNT_LIMIT_MESSAGE,
  DEFAULT_SETTINGS,
  MAX_ACCOUNTS,
  studyKey,
  type AccountColour,
  type AccountsState,
  type AccountSummary,
  type ConnectionState,
  type QueueSnapshot,
  type QueueStudy
} from '@shared/ipc/contract'
import { FakeBridge, ME, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

const ONLINE: ConnectionState = { status: 'online', lastSuccessAt: '2026-01-01T12:00:00.000Z', reason: null, nextPollAt: null, stale: false }
const ZERO = { stat: 0, high: 0, normal: 0 }

function account(accountId: string, displayName: string, colour: AccountColour, extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    accountId,
    displayName,
    colour,
    baseUrl: `https://${accountId}.example.org`,
    identity: { userId: ME.userId, email: ME.email, displayName: ME.displayName },
    hasKey: true,
    connection: ONLINE,
    counts: ZERO,
    overrides: {},
    settings: { ...DEFAULT_SETTINGS },
    ...extra
  }
}

function accountsState(list: AccountSummary[], text: string | null = null): AccountsState {
  const problems = list
    .filter((a) => a.connection.status !== 'online')
    .map((a) => ({ accountId: a.accountId, displayName: a.displayName, status: a.connection.status, reason: a.connection.reason }))
  return { accounts: list, health: { total: list.length, live: list.length - problems.length, problems, text }, max: MAX_ACCOUNTS }
}

const FIRST = account('primary', "St Mary's", 'blue')
const SECOND = account('acc-north', 'Northside Imaging', 'orange')

let wrapper: VueWrapper | null = null
let stop: (() => void) | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  stop?.()
  stop = null
  useClockStore().stop()
  document.body.innerHTML = ''
})

const buttonNamed = (root: VueWrapper, text: string) => {
  const found = root.findAll('button').find((b) => b.text().replace(/\s+/g, ' ').trim() === text || b.attributes('aria-label') === text)
  if (!found) throw new Error(`no button "${text}"`)
  return found
}

// Each change answers as the engine does: "done" (or the new account's id), the accounts themselves
// as accounts.changed. In Electron that event arrives before the answer; in the web shell it may
// come after it: every flow must work from the event in either order.
describe.each([
  ['before the answer (Electron)', false],
  ['after the answer (web shell)', true]
])('Settings › Accounts, accounts.changed arriving %s', (_order, eventsAfterAnswers) => {
  let bridge: FakeBridge
  beforeEach(() => {
    setActivePinia(createPinia())
    bridge = new FakeBridge()
    bridge.eventsAfterAnswers = eventsAfterAnswers
    setBridge(bridge)
    applyEngineEvents(bridge)
  })

  /** The engine's accounts.changed with `list`. */
  const accountsNow = (list: AccountSummary[]) => bridge.emit('accounts.changed', accountsState(list))

  function open(list: AccountSummary[]) {
    applyAppState(appState({ accounts: accountsState(list) }))
    wrapper = mount(SettingsPanel, { attachTo: document.body })
    return wrapper
  }

  it('lists every account by name and colour swatch, in order', () => {
    const panel = open([FIRST, SECOND])
    const rows = panel.findAll('[data-testid="account-row"]')
    expect(rows.map((r) => r.get('.account-name').text())).toEqual(["St Mary's", 'Northside Imaging'])
    expect(rows[0]!.find('.account-swatch.account-blue').exists()).toBe(true)
    expect(rows[1]!.find('.account-swatch.account-orange').exists()).toBe(true)
  })

  it('adds an account: key checked by the engine, its note about whitespace said, the email sent for the identity', async () => {
    const added = account('acc-new', 'Hillcrest', 'teal')
    bridge.handle('accounts.add', () => {
      accountsNow([FIRST, added])
      return { ok: true, accountId: 'acc-new', needsIdentity: false, note: 'A space inside the key was removed.' }
    })
    const panel = open([FIRST])
    await panel.get('[data-testid="add-account-open"]').trigger('click')
    await panel.get('#add-account-name').setValue('  Hillcrest ')
    await panel.get('#add-account-colour').setValue('teal')
    await panel.get('#add-account-server').setValue('https://hillcrest.example.org')
    await panel.get('#add-account-key').setValue('  sk_live_ab cd  ')
    await panel.get('#add-account-email').setValue('rad@hillcrest.example.org')
    await panel.get('[data-testid="add-account"]').trigger('submit')
    await flush()
    expect(bridge.callsOf('accounts.add')).toEqual([
      {
        baseUrl: 'https://hillcrest.example.org',
        apiKey: 'sk_live_ab cd',
        displayName: 'Hillcrest',
        colour: 'teal',
        email: 'rad@hillcrest.example.org'
      }
    ])
    expect(useNoticesStore().infos.map((m) => m.text)).toContain('A space inside the key was removed.')
    expect(panel.findAll('[data-testid="account-row"]')).toHaveLength(2)
    expect(panel.find('[data-testid="add-account"]').exists()).toBe(false)
    expect(useNoticesStore().infos.map((m) => m.text)).toContain('Added Hillcrest: its studies join the queue.')
  })

  it('shows "Key needed" with a key field for an account without a key, and saves the key for that account', async () => {
    const preset = account('acc-preset', 'Hillcrest night', 'green', { hasKey: false, identity: null, connection: { ...ONLINE, status: 'signed-out', lastSuccessAt: null } })
    const live = { ...preset, hasKey: true, connection: { ...ONLINE, status: 'needs-identity' as const } }
    bridge.handle('auth.saveKey', () => {
      accountsNow([FIRST, live])
      return { ok: true, needsIdentity: true }
    })
    const panel = open([FIRST, preset])
    const rows = panel.findAll('[data-testid="account-row"]')
    expect(rows[0]!.find('[data-testid="account-key-needed"]').exists()).toBe(false)
    const needed = rows[1]!.get('[data-testid="account-key-needed"]')
    expect(needed.text()).toContain('Key needed.')
    expect(needed.text()).toContain('Your administrator set up Hillcrest night; enter its API key to follow it.')
    const submit = needed.get('button[type="submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await needed.get<HTMLInputElement>('#account-needed-key-acc-preset').setValue('  sk_live_hill  ')
    expect(submit.attributes('disabled')).toBeUndefined()
    await needed.trigger('submit')
    await flush()
    expect(bridge.callsOf('auth.saveKey')).toEqual([{ accountId: 'acc-preset', baseUrl: 'https://acc-preset.example.org', apiKey: 'sk_live_hill' }])
    // Saved: the field goes, and the identity step of adding an account asks who the user is there.
    expect(panel.find('[data-testid="account-key-needed"]').exists()).toBe(false)
    expect(useAccountsStore().choosingIdentityFor).toBe('acc-preset')
  })

  it('shows a refused key with its headline and the engine words, and keeps the form', async () => {
    bridge.handle('accounts.add', () => ({ ok: false, problem: 'key-rejected', message: 'The server answered 401.' }))
    const panel = open([FIRST])
    await panel.get('[data-testid="add-account-open"]').trigger('click')
    await panel.get('#add-account-name').setValue('Hillcrest')
    await panel.get('#add-account-key').setValue('sk_wrong')
    await panel.get('[data-testid="add-account"]').trigger('submit')
    await flush()
    const feedback = panel.get('[data-testid="add-account-feedback"]')
    expect(feedback.attributes('role')).toBe('alert')
    expect(feedback.text()).toContain('The server rejected this key.')
    expect(feedback.text()).toContain('The server answered 401.')
  })

  it('asks for a name before anything reaches the engine', async () => {
    const panel = open([FIRST])
    await panel.get('[data-testid="add-account-open"]').trigger('click')
    await panel.get('#add-account-key').setValue('sk_x')
    await panel.get('[data-testid="add-account"]').trigger('submit')
    await flush()
    expect(bridge.callsOf('accounts.add')).toEqual([])
    expect(panel.get('#add-account-name').attributes('aria-invalid')).toBe('true')
  })

  it('without an email, offers the new clinic users to pick, as at first sign-in', async () => {
    const added = account('acc-new', 'Hillcrest', 'teal', { identity: null })
    const followed = account('acc-new', 'Hillcrest', 'teal')
    bridge
      .handle('accounts.add', () => {
        accountsNow([FIRST, added])
        return { ok: true, accountId: 'acc-new', needsIdentity: true }
      })
      .handle('auth.findUsers', () => [{ userId: ME.userId, email: 'me@hillcrest.example.org', displayName: 'Dr Rad', clinicRole: 'Radiologist' }])
      .handle('auth.setIdentity', () => {
        accountsNow([FIRST, followed])
        return { ok: true }
      })
    const panel = open([FIRST])
    await panel.get('[data-testid="add-account-open"]').trigger('click')
    await panel.get('#add-account-name').setValue('Hillcrest')
    await panel.get('#add-account-key').setValue('sk_ok')
    await panel.get('[data-testid="add-account"]').trigger('submit')
    await flush()
    expect(panel.get('[data-testid="add-account-identity"]').text()).toContain('Whose queue in Hillcrest?')
    await buttonNamed(panel, 'List all users').trigger('click')
    await flush()
    await panel.get('[data-user-email="me@hillcrest.example.org"]').trigger('click')
    await flush()
    expect(bridge.callsOf('auth.findUsers')).toEqual([{ accountId: 'acc-new', query: '' }])
    expect(bridge.callsOf('auth.setIdentity')).toEqual([{ accountId: 'acc-new', userId: ME.userId }])
    expect(panel.find('[data-testid="add-account-identity"]').exists()).toBe(false)
    expect(useAccountsStore().accountOf('acc-new')?.identity?.userId).toBe(ME.userId)
  })

  it('renames and recolours an account through the engine', async () => {
    bridge.handle('accounts.update', (req) => {
      const now = useAccountsStore().accountOf(req.accountId)!
      accountsNow([FIRST, { ...now, ...(req.displayName ? { displayName: req.displayName } : {}), ...(req.colour ? { colour: req.colour } : {}) }])
      return { ok: true }
    })
    const panel = open([FIRST, SECOND])
    const row = panel.findAll('[data-testid="account-row"]')[1]!
    await row.findAll('button').find((b) => b.text().startsWith('Rename'))!.trigger('click')
    await row.get('#account-name-acc-north').setValue('North (nights)')
    await row.get('form').trigger('submit')
    await flush()
    expect(bridge.callsOf('accounts.update')).toEqual([{ accountId: 'acc-north', displayName: 'North (nights)' }])
    expect(panel.findAll('[data-testid="account-row"]')[1]!.get('.account-name').text()).toBe('North (nights)')

    await panel.get('select[aria-label="Colour of North (nights)"]').setValue('purple')
    await flush()
    expect(bridge.callsOf('accounts.update')[1]).toEqual({ accountId: 'acc-north', colour: 'purple' })
    expect(panel.findAll('[data-testid="account-row"]')[1]!.find('.account-swatch.account-purple').exists()).toBe(true)
  })

  it('reorders with Move up and Move down buttons (disabled at the ends); focus follows the account', async () => {
    bridge.handle('accounts.reorder', ({ accountIds }) => {
      accountsNow(accountIds.map((id) => (id === 'primary' ? FIRST : SECOND)))
      return { ok: true }
    })
    const panel = open([FIRST, SECOND])
    expect(panel.get<HTMLButtonElement>('#account-up-primary').element.disabled).toBe(true)
    expect(panel.get<HTMLButtonElement>('#account-down-acc-north').element.disabled).toBe(true)
    await panel.get('#account-down-primary').trigger('click')
    await flush()
    expect(bridge.callsOf('accounts.reorder')).toEqual([{ accountIds: ['acc-north', 'primary'] }])
    expect(panel.findAll('[data-testid="account-row"]').map((r) => r.attributes('data-account-id'))).toEqual(['acc-north', 'primary'])
    // Now last: its Move down is disabled, so focus is on its Move up.
    expect(document.activeElement?.id).toBe('account-up-primary')
  })

  it('removes an account only after a confirmation that says its key and cached queue are deleted', async () => {
    bridge.handle('accounts.remove', () => {
      accountsNow([FIRST])
      return { ok: true }
    })
    const panel = open([FIRST, SECOND])
    await panel.get('[data-testid="remove-acc-north"]').trigger('click')
    const dialog = panel.get('[data-testid="confirm-dialog"]')
    expect(dialog.attributes('role')).toBe('alertdialog')
    expect(dialog.text()).toContain('Remove Northside Imaging?')
    expect(dialog.text()).toContain('API key is deleted from GNOME Keyring (Secret Service)')
    expect(dialog.text()).toContain('cached queue and alerts are deleted')
    // The safe choice first: keeping it sends nothing.
    await buttonNamed(panel, 'Keep as is').trigger('click')
    expect(bridge.callsOf('accounts.remove')).toEqual([])
    await panel.get('[data-testid="remove-acc-north"]').trigger('click')
    await panel.get('[data-testid="confirm-button"]').trigger('click')
    await flush()
    expect(bridge.callsOf('accounts.remove')).toEqual([{ accountId: 'acc-north' }])
    expect(panel.findAll('[data-testid="account-row"]')).toHaveLength(1)
    // One account left: it cannot be removed here (sign out does that).
    expect(panel.find('[data-testid="remove-primary"]').exists()).toBe(false)
  })

  it('at the limit, Add is disabled and the engine limit message is shown; a refusal past it shows the same words', async () => {
    const ten = Array.from({ length: MAX_ACCOUNTS }, (_, i) => account(i === 0 ? 'primary' : `acc-${i}`, `Clinic ${i + 1}`, 'slate'))
    const panel = open(ten)
    const add = panel.get<HTMLButtonElement>('[data-testid="add-account-open"]')
    expect(add.element.disabled).toBe(true)
    expect(panel.get('[data-testid="account-limit"]').text()).toBe(ACCOUNT_LIMIT_MESSAGE)
    expect(add.attributes('aria-describedby')).toBe('account-limit')

    // Another window added one meanwhile: the engine refuses with the same words.
    useAccountsStore().apply(accountsState(ten.slice(0, MAX_ACCOUNTS - 1)))
    bridge.handle('accounts.add', () => ({ ok: false, problem: 'account-limit', message: ACCOUNT_LIMIT_MESSAGE }))
    await flush()
    await panel.get('[data-testid="add-account-open"]').trigger('click')
    await panel.get('#add-account-name').setValue('One more')
    await panel.get('#add-account-key').setValue('sk_x')
    await panel.get('[data-testid="add-account"]').trigger('submit')
    await flush()
    expect(panel.get('[data-testid="add-account-feedback"]').text()).toContain(ACCOUNT_LIMIT_MESSAGE)
  })

  it('under a policy that locks the server, the new account uses it read-only, with the lock and why', async () => {
    applyAppState(
      appState({
        accounts: accountsState([FIRST]),
        managed: { file: '/etc/rrc/policy.json', serverUrl: 'https://avara.clinic.example', serverUrlLocked: true, allowSandbox: false, lockedSettings: [], presetSettings: [], problem: null } as never
      })
    )
    wrapper = mount(SettingsPanel, { attachTo: document.body })
    await wrapper.get('[data-testid="add-account-open"]').trigger('click')
    const server = wrapper.get<HTMLInputElement>('#add-account-server')
    expect(server.element.value).toBe('https://avara.clinic.example')
    expect(server.element.readOnly).toBe(true)
    expect(wrapper.get('#add-account-server-lock').text()).toBe('Set by your administrator')
    expect(wrapper.get('#add-account-server-lock').attributes('title')).toContain('/etc/rrc/policy.json')
  })
})

describe('one queue across accounts', () => {
  let bridge: FakeBridge
  const mary = makeStudy({ accountId: 'primary', severity: 'stat', studyDescription: 'CT Head (Mary)', createdAt: '2026-01-01T09:00:00.000Z' })
  const north = makeStudy({ accountId: 'acc-north', severity: 'stat', studyDescription: 'CTA Chest (North)', createdAt: '2026-01-01T09:30:00.000Z' })
  // The same Avara study ID in the other clinic: a different study.
  const twin = makeStudy({ accountId: 'acc-north', studyId: mary.studyId, severity: 'normal', studyDescription: 'XR Knee (North)' })
  const alerting = { status: 'alerting' as const, firstAlertedAt: '2026-01-01T11:00:00.000Z', alertCount: 1, snoozedUntil: null }

  function snapshot(mine: QueueStudy[], extra: Partial<QueueSnapshot> = {}): QueueSnapshot {
    return snapshotOf(mine, {
      counts: { stat: 2, high: 0, normal: 1 },
      countsByAccount: { primary: { stat: 1, high: 0, normal: 0 }, 'acc-north': { stat: 1, high: 0, normal: 1 } },
      ...extra
    })
  }

  async function start(list: AccountSummary[], queue: QueueSnapshot, healthText: string | null = null, connection: ConnectionState = ONLINE) {
    setActivePinia(createPinia())
    bridge = new FakeBridge()
      .handle('app.getState', () => appState({ accounts: accountsState(list, healthText), queue, connection }))
      .handle('study.open', () => ({ ok: true, openedBy: 'shell' }))
      .handleAlertCommands(() => useQueueStore().snapshot)
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
    return wrapper
  }
  const rowOf = (app: VueWrapper, description: string) => app.findAll('.grid-body [role="row"]').find((r) => r.text().includes(description))!

  it('labels every row with its account name and swatch, in the engine order', async () => {
    const app = await start([FIRST, SECOND], snapshot([mary, north, twin]))
    const rows = app.findAll('.grid-body [role="row"]')
    expect(rows.map((r) => r.get('[data-column="study"] .desc').text())).toEqual(['CT Head (Mary)', 'CTA Chest (North)', 'XR Knee (North)'])
    expect(rows.map((r) => r.get('[data-column="account"] .account-name').text())).toEqual(["St Mary's", 'Northside Imaging', 'Northside Imaging'])
    expect(rows[1]!.find('[data-column="account"] .account-swatch.account-orange').exists()).toBe(true)
    expect(app.find('[role="columnheader"][title="Account"]').exists()).toBe(true)
  })

  it('shows nothing new with one account: no account column, label, filter or summary', async () => {
    const app = await start([FIRST], snapshotOf([mary]))
    expect(app.find('[data-column="account"]').exists()).toBe(false)
    expect(app.find('[data-testid="account-label"]').exists()).toBe(false)
    expect(app.find('[data-testid="account-filter"]').exists()).toBe(false)
    expect(app.find('[data-testid="account-summary"]').exists()).toBe(false)
  })

  it('shows the engine counts in total and per account', async () => {
    const app = await start([FIRST, SECOND], snapshot([mary, north, twin]))
    const total = app.get('[data-testid="severity-counts"]')
    expect(total.get('[data-count-severity="stat"]').text()).toContain('2')
    const perAccount = app.findAll('[data-testid="account-counts"]')
    expect(perAccount.map((li) => li.attributes('data-account-id'))).toEqual(['primary', 'acc-north'])
    expect(perAccount[1]!.get('[data-count-severity="normal"]').text()).toBe('Normal 1')
    expect(perAccount[0]!.get('[data-count-severity="normal"]').text()).toBe('Normal 0')
  })

  it('filters by account beside the other filters; Clear filters shows every account again', async () => {
    const app = await start([FIRST, SECOND], snapshot([mary, north, twin]))
    await app.get('[data-testid="account-filter"]').setValue('acc-north')
    await flush()
    expect(app.findAll('.grid-body [role="row"]').map((r) => r.get('.desc').text())).toEqual(['CTA Chest (North)', 'XR Knee (North)'])
    await buttonNamed(app, 'Clear filters').trigger('click')
    await flush()
    expect(app.findAll('.grid-body [role="row"]')).toHaveLength(3)
  })

  it('acts through the study account: the same study ID in the other clinic opens there', async () => {
    const app = await start([FIRST, SECOND], snapshot([mary, north, twin]))
    useQueueStore().select(studyKey(twin))
    await flush()
    await buttonNamed(app, 'Open in viewer').trigger('click')
    await flush()
    await rowOf(app, 'CT Head (Mary)').get('[data-column="open"] button').trigger('click')
    await flush()
    expect(bridge.callsOf('study.open')).toEqual([
      { accountId: 'acc-north', studyId: mary.studyId },
      { accountId: 'primary', studyId: mary.studyId }
    ])
  })

  it('names the account in the stat banner and acknowledges through it', async () => {
    const app = await start([FIRST, SECOND], snapshot([north], { alerts: { [studyKey(north)]: alerting } }))
    const banner = app.get('[data-testid="stat-banner"]')
    expect(banner.text()).toContain('New stat: CTA Chest (North) in Northside Imaging')
    expect(banner.attributes('data-account-id')).toBe('acc-north')
    await buttonNamed(app, 'Acknowledge').trigger('click')
    await flush()
    expect(bridge.callsOf('alerts.acknowledge')).toEqual([{ accountId: 'acc-north', studyId: north.studyId }])
    expect(app.find('[data-testid="stat-banner"]').exists()).toBe(false)
  })

  it('shows one account offline on its label and in the banner, and says the others are live', async () => {
    const offline: ConnectionState = { ...ONLINE, status: 'offline', reason: 'Cannot reach northside.example.org.' }
    const app = await start(
      [FIRST, { ...SECOND, connection: offline }],
      snapshot([mary, north]),
      'Northside Imaging: offline',
      { ...offline, reason: 'Northside Imaging: cannot reach the server.' }
    )
    const label = app.get('[data-testid="account-summary"] [data-account-id="acc-north"] [data-testid="account-label"]')
    expect(label.text()).toContain('Offline')
    expect(app.get('[data-testid="account-summary"] [data-account-id="primary"]').text()).not.toContain('Offline')
    const banner = app.get('[data-testid="offline-banner"]')
    expect(banner.get('[data-testid="account-health"]').text()).toBe('Northside Imaging: offline')
    expect(banner.text()).toContain('The other accounts are live.')
    expect(banner.get('[data-testid="account-problem"]').text()).toContain('Cannot reach northside.example.org.')
    // The row of the down account says so too (not colour alone).
    expect(rowOf(app, 'CTA Chest (North)').get('[data-column="account"]').text()).toContain('Offline')
  })

  it('a rejected key on one account offers a new key for that account', async () => {
    const rejected: ConnectionState = { ...ONLINE, status: 'key-rejected', reason: 'The server rejected the key.' }
    const app = await start([FIRST, { ...SECOND, connection: rejected }], snapshot([mary]), 'Northside Imaging: key rejected', rejected)
    expect(app.get('[data-testid="account-problem"]').text()).toContain('Key rejected')
    await buttonNamed(app, 'Enter a new key for Northside Imaging').trigger('click')
    await flush()
    expect(app.find('#account-key-acc-north').exists()).toBe(true)
  })
})

describe('the account label on a narrow row', () => {
  it('keeps an account column while it fits, and gives it up before the four essentials', () => {
    const wide = layoutColumns({ widthRem: 80, closedView: false, showAssigned: false, metadataKeys: [], showAccount: true }).columns.map((c) => c.id)
    expect(wide).toEqual(['severity', 'account', 'study', 'waiting', 'uid', 'open'])
    const narrow = layoutColumns({ widthRem: 560 / 24, closedView: false, showAssigned: false, metadataKeys: [], showAccount: true }).columns.map((c) => c.id)
    expect(narrow).toEqual(['severity', 'study', 'waiting', 'open'])
  })

  it('shows the swatch and initials in the study cell, with the full name for screen readers and on hover', () => {
    setActivePinia(createPinia())
    setBridge(new FakeBridge())
    applyAppState(appState({ accounts: accountsState([FIRST, { ...SECOND, connection: { ...ONLINE, status: 'rate-limited' } }]) }))
    const study = makeStudy({ accountId: 'acc-north', studyDescription: 'MR Brain' })
    wrapper = mount(StudyCells, {
      props: { item: { key: studyKey(study), study, inPool: false, closed: null, alert: null }, targets: DEFAULT_SETTINGS.targets, columns: ['severity', 'study', 'waiting', 'open'], accountMode: 'inline' },
      attachTo: document.body
    })
    const label = wrapper.get('[data-column="study"] [data-testid="account-label"]')
    expect(label.get('.account-initials').text()).toBe('NI')
    expect(label.get('.visually-hidden').text()).toBe('Northside Imaging (rate limited)')
    expect(label.attributes('title')).toBe('Northside Imaging (rate limited)')
    expect(label.find('.account-swatch.account-orange').exists()).toBe(true)
  })

  it('makes initials from the first two words, or the first two letters of one word', () => {
    expect(accountInitials("St Mary's Hospital")).toBe('SM')
    expect(accountInitials('northside')).toBe('NO')
    expect(accountInitials('  Clinic-B ')).toBe('CB')
    expect(accountInitials('')).toBe('?')
  })
})

describe('the clinic workspace with several accounts', () => {
  it('acts on the account chosen at its top, names it, and sends it with every call', async () => {
    setActivePinia(createPinia())
    const bridge = new FakeBridge()
    setBridge(bridge)
    const access = (accountId: string) => ({
      ok: true as const,
      value: { accountId, accountLabel: accountId, followed: null, level: 'member' as const, canManageStudies: false, showsTeam: false, showsStudyManagement: false }
    })
    bridge
      .handle('clinic.access', (req) => access(req.accountId ?? 'primary'))
      .handle('clinic.studies.list', () => ({ ok: true, value: { items: [], cursor: null, truncated: false } }) as never)
      .handle('clinic.users.list', () => ({ ok: true, value: { items: [], cursor: null, truncated: false } }) as never)
      .handle('clinic.activity.list', () => [] as never)
    applyAppState(appState({ accounts: accountsState([FIRST, SECOND]) }))
    wrapper = mount(ClinicWorkspace, { attachTo: document.body })
    await flush()
    expect(wrapper.get('[data-testid="clinic-account"]').text()).toBe("Account: St Mary's")
    expect(bridge.callsOf('clinic.access')).toEqual([{ accountId: 'primary' }])
    await wrapper.get('[data-testid="clinic-account-picker"]').setValue('acc-north')
    await flush()
    expect(wrapper.get('[data-testid="clinic-account"]').text()).toBe('Account: Northside Imaging')
    expect(wrapper.get('main.clinic').attributes('aria-label')).toBe('Clinic administration: Northside Imaging')
    expect(bridge.callsOf('clinic.access')[1]).toEqual({ accountId: 'acc-north' })
    const studiesCalls = bridge.callsOf('clinic.studies.list') as Array<{ accountId?: string }>
    expect(studiesCalls.length).toBeGreaterThan(0)
    expect(studiesCalls.at(-1)?.accountId).toBe('acc-north')
  })

  it('shows no picker with one account', () => {
    setActivePinia(createPinia())
    const bridge = new FakeBridge().handle('clinic.access', () => ({ ok: false, problem: { kind: 'unreachable', status: null, field: null, message: 'x' } }))
    setBridge(bridge)
    applyAppState(appState({ accounts: accountsState([FIRST]) }))
    wrapper = mount(ClinicWorkspace, { attachTo: document.body })
    expect(wrapper.find('[data-testid="clinic-account-picker"]').exists()).toBe(false)
  })
})
