/**
 * Issue 11: several Avara accounts, each its own sandbox on its own port (its own clinic, key and
 * user), merged into one queue. Real HTTP, the conf state store in a temp folder, memory keychain.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '@main/engine/secrets'
import { createConfStateStore } from '@main/node'
import { ACCOUNT_LIMIT_MESSAGE, DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, MAX_ACCOUNTS, studyKey, type AddAccountResult } from '@shared/ipc/contract'
import { keychainAccount } from '@main/engine/ports'
import { makeRig, makeWorld, newStudy, setFault, signIn, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000

let first: World
let second: World
let rig: Rig
beforeEach(async () => {
  ;[first, second] = await Promise.all([makeWorld(), makeWorld()])
  rig = makeRig(first)
  await rig.companion.start()
  await signIn(rig, first)
})
afterEach(async () => {
  await rig.companion.stop()
  await Promise.all([first.close(), second.close()])
})

async function addSecond(extra: Record<string, unknown> = {}): Promise<string> {
  const result = await rig.companion.handle('accounts.add', {
    baseUrl: second.sandbox.baseURL,
    apiKey: second.sandbox.apiKey,
    displayName: 'St Mary night',
    email: second.radiologist.email,
    ...extra
  })
  expect(result.ok && result.value.ok, JSON.stringify(result)).toBe(true)
  const added = (result as { ok: true; value: Extract<AddAccountResult, { ok: true }> }).value
  await rig.advance(QUEUE_MS)
  return added.accountId
}

describe('several accounts in one queue', () => {
  it('merges both clinics in the one order, labels every row, and counts in total and per account', async () => {
    const aNormal = await newStudy(first, 'normal', first.radiologist.userId, 'A normal')
    const aHigh = await newStudy(first, 'high', first.radiologist.userId, 'A high')
    const bStat = await newStudy(second, 'stat', second.radiologist.userId, 'B stat')
    const bNormal = await newStudy(second, 'normal', second.radiologist.userId, 'B normal')
    const secondId = await addSecond()
    await rig.advance(QUEUE_MS)

    const queue = rig.shownQueue()
    expect(queue.mine.map((s) => s.studyDescription)).toEqual(['B stat', 'A high', 'A normal', 'B normal'])
    expect(queue.mine.map((s) => s.accountId)).toEqual([secondId, FIRST_ACCOUNT_ID, FIRST_ACCOUNT_ID, secondId])
    expect(queue.counts).toEqual({ stat: 1, high: 1, normal: 2 })
    expect(queue.countsByAccount).toEqual({ [FIRST_ACCOUNT_ID]: { stat: 0, high: 1, normal: 1 }, [secondId]: { stat: 1, high: 0, normal: 1 } })
    expect(queue.mine.map((s) => s.studyId)).toEqual([bStat.studyId, aHigh.studyId, aNormal.studyId, bNormal.studyId])

    const accounts = (await rig.companion.handle('accounts.list', {})) as { ok: true; value: { accounts: Array<{ accountId: string; displayName: string; colour: string; connection: { status: string } }> } }
    expect(accounts.value.accounts.map((a) => [a.accountId, a.connection.status])).toEqual([[FIRST_ACCOUNT_ID, 'online'], [secondId, 'online']])
    expect(accounts.value.accounts[1]).toMatchObject({ displayName: 'St Mary night', colour: 'teal' })

    // The stat alert names its account; acting on it goes through that account.
    const notice = rig.notifier.shown.find((n) => n.studyIds.includes(bStat.studyId))!
    expect(notice).toMatchObject({ title: 'New stat study · St Mary night', accountName: 'St Mary night', studies: [{ accountId: secondId, studyId: bStat.studyId }] })
    const opened = await rig.companion.handle('study.open', { accountId: secondId, studyId: bStat.studyId })
    expect(opened).toMatchObject({ ok: true, value: { ok: true } })
    expect(rig.shownQueue().alerts[studyKey({ accountId: secondId, studyId: bStat.studyId })]?.status).toBe('opened')
    // The same study asked of the other account is not found there.
    const wrong = await rig.companion.handle('study.get', { accountId: FIRST_ACCOUNT_ID, studyId: bStat.studyId })
    expect(wrong.ok).toBe(false)
  })

  it('keeps alerting from one clinic while the other is down, exactly once, and names the down one', async () => {
    const secondId = await addSecond()
    await second.sandbox.close()
    await rig.advance(QUEUE_MS)
    const stat = await newStudy(first, 'stat', first.radiologist.userId, 'A stat while B is down')
    await rig.advance(STAT_MS)
    await rig.advance(STAT_MS)
    const forStat = rig.notifier.shown.filter((n) => n.studyIds.includes(stat.studyId))
    expect(forStat).toHaveLength(1)
    const state = (await rig.companion.handle('accounts.list', {})) as { ok: true; value: { accounts: Array<{ accountId: string; connection: { status: string } }>; health: { text: string | null; live: number } } }
    const byId = Object.fromEntries(state.value.accounts.map((a) => [a.accountId, a.connection.status]))
    expect(byId[FIRST_ACCOUNT_ID]).toBe('online')
    expect(byId[secondId]).toBe('offline')
    expect(state.value.health.live).toBe(1)
    expect(state.value.health.text).toContain('St Mary night: offline')
    expect(rig.last('connection.changed')?.reason).toContain('St Mary night')
  })

  it('a stat study arriving in both clinics at once ends as one summary naming both accounts, each alerted once', async () => {
    const secondId = await addSecond()
    await rig.companion.handle('accounts.update', { accountId: FIRST_ACCOUNT_ID, displayName: 'Riverside' })
    const before = rig.notifier.shown.length
    const [a, b] = await Promise.all([newStudy(first, 'stat', first.radiologist.userId, 'Burst CT head'), newStudy(second, 'stat', second.radiologist.userId, 'Burst CT chest')])
    // The accounts' stat polls are spread over one interval: each sees its own arrival in its own poll.
    await rig.advance(STAT_MS)
    await rig.advance(STAT_MS)
    const raised = rig.notifier.shown.slice(before)
    // The first poll's notice is raised at once, for its one study; the second is the burst's one summary.
    expect(raised).toHaveLength(2)
    expect(raised[0]!.studies).toHaveLength(1)
    const summary = raised[1]!
    expect(summary.title).toMatch(/^2 new stat studies in (Riverside and St Mary night|St Mary night and Riverside)$/)
    expect(summary.body).toContain('Riverside: Burst CT head')
    expect(summary.body).toContain('St Mary night: Burst CT chest')
    expect(summary.studies.map((ref) => studyKey(ref)).sort()).toEqual([studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: a.studyId }), studyKey({ accountId: secondId, studyId: b.studyId })].sort())
    // The page gets the same notices; each study is recorded once, in its own account's ledger.
    expect(rig.events.filter((e) => e.name === 'alert.shown').slice(-2).map((e) => (e.payload as { id: string }).id)).toEqual(raised.map((n) => n.id))
    const alerts = rig.shownQueue().alerts
    expect(alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: a.studyId })]).toMatchObject({ status: 'alerting', alertCount: 1 })
    expect(alerts[studyKey({ accountId: secondId, studyId: b.studyId })]).toMatchObject({ status: 'alerting', alertCount: 1 })
    const stored = first.state.read().accounts
    expect(Object.keys(stored.find((acc) => acc.id === FIRST_ACCOUNT_ID)!.ledger)).toEqual([a.studyId])
    expect(Object.keys(stored.find((acc) => acc.id === secondId)!.ledger)).toEqual([b.studyId])
    await rig.advance(QUEUE_MS)
    expect(rig.notifier.shown.slice(before)).toHaveLength(2)
  })

  it('a rejected key on one account stops only that account', async () => {
    const secondId = await addSecond()
    await setFault(second, { status: 401 })
    await rig.advance(QUEUE_MS)
    const stat = await newStudy(first, 'stat', first.radiologist.userId, 'A stat, B rejected')
    await rig.advance(STAT_MS)
    const state = (await rig.companion.handle('accounts.list', {})) as { ok: true; value: { accounts: Array<{ accountId: string; connection: { status: string } }> } }
    expect(state.value.accounts.map((a) => a.connection.status)).toEqual(['online', 'key-rejected'])
    expect(rig.notifier.shown.filter((n) => n.studyIds.includes(stat.studyId))).toHaveLength(1)
    expect(secondId).not.toBe(FIRST_ACCOUNT_ID)
  })

  it('keeps each key under its own keychain name; removing an account deletes only its key and its queue', async () => {
    const secondId = await addSecond()
    expect(await first.secrets.get(keychainAccount(first.sandbox.baseURL))).toBe(first.sandbox.apiKey)
    expect(await first.secrets.get(`${keychainAccount(second.sandbox.baseURL)}#${secondId}`)).toBe(second.sandbox.apiKey)
    await newStudy(second, 'normal', second.radiologist.userId, 'B only')
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine.some((s) => s.accountId === secondId)).toBe(true)

    const removed = await rig.companion.handle('accounts.remove', { accountId: secondId })
    expect(removed.ok).toBe(true)
    expect(await first.secrets.get(`${keychainAccount(second.sandbox.baseURL)}#${secondId}`)).toBeNull()
    expect(await first.secrets.get(keychainAccount(first.sandbox.baseURL))).toBe(first.sandbox.apiKey)
    expect(rig.shownQueue().mine.some((s) => s.accountId === secondId)).toBe(false)
    expect(first.state.read().accounts.map((a) => a.id)).toEqual([FIRST_ACCOUNT_ID])
    const last = await rig.companion.handle('accounts.remove', { accountId: FIRST_ACCOUNT_ID })
    expect(last).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('adds with the key checked like first sign-in, refuses a duplicate and an eleventh account', async () => {
    const rejected = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: 'wrong-key', displayName: 'X' })
    expect(rejected).toMatchObject({ ok: true, value: { ok: false, problem: 'key-rejected' } })
    const unknown = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: 'X', email: 'nobody@example.org' })
    expect(unknown).toMatchObject({ ok: true, value: { ok: false, problem: 'identity-not-found' } })
    await addSecond()
    const twin = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: 'Again', userId: second.radiologist.userId })
    expect(twin).toMatchObject({ ok: true, value: { ok: false, problem: 'duplicate' } })
    // Up to the limit with accounts waiting for their identity, then one more is refused with the one text.
    for (let n = 2; n < MAX_ACCOUNTS; n++) {
      const more = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: `Extra ${n}` })
      expect(more).toMatchObject({ ok: true, value: { ok: true } })
    }
    const eleventh = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: 'Too many' })
    expect(eleventh).toEqual({ ok: true, value: { ok: false, problem: 'account-limit', message: ACCOUNT_LIMIT_MESSAGE } })
  })

  it('renames, recolours and reorders; the order and labels survive a restart', async () => {
    const secondId = await addSecond()
    await rig.companion.handle('accounts.update', { accountId: FIRST_ACCOUNT_ID, displayName: 'General', colour: 'orange' })
    const reordered = await rig.companion.handle('accounts.reorder', { accountIds: [secondId, FIRST_ACCOUNT_ID] })
    expect(reordered).toEqual({ ok: true, value: { ok: true } })
    // The page learns the new order and labels from accounts.changed alone.
    expect(rig.last('accounts.changed')!.accounts.map((a) => [a.accountId, a.displayName, a.colour])).toEqual([
      [secondId, 'St Mary night', 'teal'],
      [FIRST_ACCOUNT_ID, 'General', 'orange']
    ])
    await rig.companion.stop()

    const again = makeRig(first)
    await again.companion.start()
    const state = (await again.companion.handle('accounts.list', {})) as { ok: true; value: { accounts: Array<{ accountId: string; displayName: string; colour: string; hasKey: boolean }> } }
    expect(state.value.accounts.map((a) => [a.accountId, a.displayName, a.colour, a.hasKey])).toEqual([
      [secondId, 'St Mary night', 'teal', true],
      [FIRST_ACCOUNT_ID, 'General', 'orange', true]
    ])
    await again.companion.stop()
  })
})

describe('a single-account profile from before accounts', () => {
  it('v1 on disk: one account, its key found under the name it always had, polling as before', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'rrc-v1-accounts-'))
    try {
      const v1 = { version: 1, baseUrl: second.sandbox.baseURL, identity: { userId: second.radiologist.userId, email: second.radiologist.email, displayName: 'Rae Diologist' }, ledger: {}, settings: {}, view: {} }
      writeFileSync(path.join(cwd, 'companion-state.json'), JSON.stringify(v1))
      const secrets = createMemorySecretStore()
      await secrets.set(keychainAccount(second.sandbox.baseURL), second.sandbox.apiKey)
      const old = makeRig({ state: createConfStateStore({ cwd }), secrets })
      await old.companion.start()
      await old.settle()
      const state = (await old.companion.handle('accounts.list', {})) as { ok: true; value: { accounts: Array<{ accountId: string; hasKey: boolean; connection: { status: string } }> } }
      expect(state.value.accounts.map((a) => [a.accountId, a.hasKey, a.connection.status])).toEqual([[FIRST_ACCOUNT_ID, true, 'online']])
      await old.companion.stop()
    } finally {
      rmSync(cwd, { recursive: true, force: true })
    }
  })
})
