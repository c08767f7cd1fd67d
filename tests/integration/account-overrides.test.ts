/**
 * Issue 11, item 6: each clinic's own settings. Two sandboxes on their own ports (two clinics),
 * one engine, the conf state store in a temp folder: an account with its own stat interval polls
 * its sandbox at its own rate while the other follows the global one (counted in each sandbox's
 * request log), an alert setting set on one account changes only that account's alerts, a
 * policy-locked setting cannot be set per account (and a stored one is ignored), and the
 * overrides survive a restart. The new state is read with queries (`accounts.list`) and events,
 * never from a command's answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, type AccountsState, type AccountSummary, type CallName, type CallRequest } from '@shared/ipc/contract'
import { checkManagedPolicy, type PolicyReading } from '@shared/ipc/managed-policy'
import { clearRequests, loggedRequests, makeRig, makeWorld, newStudy, signIn, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000
const POLICY_FILE = '/etc/reading-room-companion/policy.json'

let first: World
let second: World
let rig: Rig
let secondId: string
beforeEach(async () => {
  ;[first, second] = await Promise.all([makeWorld(), makeWorld()])
  rig = await startRig()
  await signIn(rig, first)
  secondId = await addSecond(rig)
})
afterEach(async () => {
  await rig.companion.stop()
  await Promise.all([first.close(), second.close()])
})

async function startRig(policy?: PolicyReading): Promise<Rig> {
  const started = makeRig({ state: first.state, secrets: first.secrets, ...(policy ? { policy } : {}) })
  await started.companion.start()
  await started.settle()
  return started
}

async function addSecond(on: Rig): Promise<string> {
  const result = await on.companion.handle('accounts.add', {
    baseUrl: second.sandbox.baseURL,
    apiKey: second.sandbox.apiKey,
    displayName: 'St Mary night',
    email: second.radiologist.email
  })
  expect(result.ok && result.value.ok, JSON.stringify(result)).toBe(true)
  await on.advance(QUEUE_MS)
  // Read back with a query: the answer of accounts.add is not relied on.
  return (await accounts(on)).accounts.find((a) => a.displayName === 'St Mary night')!.accountId
}

async function call<K extends CallName>(on: Rig, name: K, request: CallRequest<K>) {
  return on.companion.handle(name, request)
}

async function accounts(on: Rig = rig): Promise<AccountsState> {
  const result = await on.companion.handle('accounts.list', {})
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.value
}
const summaryOf = async (id: string, on: Rig = rig): Promise<AccountSummary> => (await accounts(on)).accounts.find((a) => a.accountId === id)!

/** The account's own stat-lane requests (its stat studies, not the pool) in its sandbox's log. */
async function statPolls(world: World): Promise<number> {
  const requests = await loggedRequests(world)
  return requests.filter((r) => r.path === '/v1/viewer/studies' && r.query.severity === 'stat' && Object.values(r.query).includes(world.radiologist.userId)).length
}

/** Advance the engine's clock second by second (every poll timer fires at its own time). */
async function runFor(ms: number): Promise<void> {
  for (let at = 0; at < ms; at += 1000) await rig.advance(1000)
}

describe('each account’s own polling', () => {
  it('an account with a faster stat interval polls its clinic at its own rate; the other follows the global one, also when it changes', async () => {
    const changed: AccountsState[] = []
    rig.companion.on('accounts.changed', (state) => changed.push(state))
    const set = await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { statIntervalSec: 2 } })
    expect(set).toEqual({ ok: true, value: { ok: true } })
    // The page learns it from the event and the query, with the value in effect computed by the engine.
    const announced = changed.at(-1)?.accounts.find((a) => a.accountId === secondId)
    expect(announced).toMatchObject({ overrides: { statIntervalSec: 2 }, settings: { statIntervalSec: 2, queueIntervalSec: DEFAULT_SETTINGS.queueIntervalSec } })
    expect((await summaryOf(FIRST_ACCOUNT_ID)).settings.statIntervalSec).toBe(DEFAULT_SETTINGS.statIntervalSec)
    expect((await summaryOf(FIRST_ACCOUNT_ID)).overrides).toEqual({})

    await rig.advance(STAT_MS)
    await Promise.all([clearRequests(first), clearRequests(second)])
    await runFor(20_000)
    // 20 s: every 5 s (global) in the first clinic, every 2 s in the second. Each still once per its own interval.
    expect(await statPolls(first)).toBe(4)
    expect(await statPolls(second)).toBe(10)

    // A new global interval reaches the account without its own value only.
    expect((await call(rig, 'settings.update', { statIntervalSec: 10 })).ok).toBe(true)
    await rig.advance(10_000)
    await Promise.all([clearRequests(first), clearRequests(second)])
    await runFor(20_000)
    expect(await statPolls(first)).toBe(2)
    expect(await statPolls(second)).toBe(10)

    // Cleared: the second account follows the global interval again.
    expect(await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { statIntervalSec: null } })).toEqual({ ok: true, value: { ok: true } })
    expect(await summaryOf(secondId)).toMatchObject({ overrides: {}, settings: { statIntervalSec: 10 } })
    await rig.advance(10_000)
    await Promise.all([clearRequests(first), clearRequests(second)])
    await runFor(20_000)
    expect(await statPolls(second)).toBe(2)
  })

  it('keeps an account’s own settings across a restart', async () => {
    await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { queueIntervalSec: 120, alerts: { sound: false } } })
    await rig.companion.stop()
    rig = await startRig()
    expect(await summaryOf(secondId)).toMatchObject({ overrides: { queueIntervalSec: 120, alerts: { sound: false } }, settings: { queueIntervalSec: 120, alerts: { sound: false, reAlertMinutes: DEFAULT_SETTINGS.alerts.reAlertMinutes } } })
    expect(first.state.read().accounts.find((a) => a.id === FIRST_ACCOUNT_ID)).not.toHaveProperty('overrides')
  })

  it('refuses an unknown account', async () => {
    const result = await call(rig, 'accounts.setOverrides', { accountId: 'acc-nobody', overrides: { statIntervalSec: 3 } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})

describe('each account’s own alerts', () => {
  it('high alerts, the sound and do-not-disturb set on one account change only that account’s alerts', async () => {
    await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { alerts: { high: true, sound: false } } })
    const aHigh = await newStudy(first, 'high', first.radiologist.userId, 'A high')
    const bHigh = await newStudy(second, 'high', second.radiologist.userId, 'B high')
    await rig.advance(QUEUE_MS)
    const about = (studyId: string) => rig.notifier.shown.filter((n) => n.studyIds.includes(studyId))
    expect(about(aHigh.studyId)).toHaveLength(0)
    expect(about(bHigh.studyId).map((n) => [n.level, n.sound, n.accountName])).toEqual([['high', false, 'St Mary night']])

    const aStat = await newStudy(first, 'stat', first.radiologist.userId, 'A stat')
    await rig.advance(STAT_MS)
    expect(about(aStat.studyId).map((n) => n.sound)).toEqual([true])

    // Do-not-disturb holding stat on the second clinic only: its stat waits, the first clinic's alerts.
    await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { alerts: { doNotDisturb: true, holdStat: true } } })
    const bStat = await newStudy(second, 'stat', second.radiologist.userId, 'B stat held')
    const aStat2 = await newStudy(first, 'stat', first.radiologist.userId, 'A stat 2')
    await rig.advance(QUEUE_MS)
    expect(about(aStat2.studyId)).toHaveLength(1)
    expect(about(bStat.studyId)).toHaveLength(0)
    // Given back to the global setting: what was held is raised at once, once.
    await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { alerts: { doNotDisturb: null } } })
    expect(about(bStat.studyId)).toHaveLength(1)
    await rig.advance(STAT_MS)
    expect(about(bStat.studyId)).toHaveLength(1)
  })
})

describe('a policy that locks a setting', () => {
  const policy = (): PolicyReading => {
    const checked = checkManagedPolicy({ settings: { statIntervalSec: 5, alerts: { sound: true } }, locked: ['statIntervalSec', 'alerts.sound'] }, () => null)
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues))
    return { status: 'loaded', file: POLICY_FILE, policy: checked.policy }
  }

  it('refuses it per account with the administrator named, and ignores an override stored before the lock', async () => {
    await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { statIntervalSec: 2, queueIntervalSec: 60 } })
    await rig.companion.stop()
    rig = await startRig(policy())
    // The stored override of the now-locked setting stays stored, and is not applied.
    expect(first.state.read().accounts.find((a) => a.id === secondId)?.overrides).toEqual({ statIntervalSec: 2, queueIntervalSec: 60 })
    expect(await summaryOf(secondId)).toMatchObject({ overrides: { queueIntervalSec: 60 }, settings: { statIntervalSec: 5, queueIntervalSec: 60 } })
    expect((await summaryOf(secondId)).overrides).not.toHaveProperty('statIntervalSec')
    await rig.advance(STAT_MS)
    await clearRequests(second)
    await runFor(20_000)
    expect(await statPolls(second)).toBe(4)

    const refused = await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { alerts: { sound: false } } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(!refused.ok && refused.error.message).toBe(
      `Set by your administrator: alerts.sound is locked by the policy file ${POLICY_FILE} for every account and cannot be set for one account.`
    )
    expect((await summaryOf(secondId)).settings.alerts.sound).toBe(true)
    // Clearing the ignored value is allowed (nothing the policy decides changes).
    expect(await call(rig, 'accounts.setOverrides', { accountId: secondId, overrides: { statIntervalSec: null } })).toEqual({ ok: true, value: { ok: true } })
    expect(first.state.read().accounts.find((a) => a.id === secondId)?.overrides).toEqual({ queueIntervalSec: 60 })
  })
})
