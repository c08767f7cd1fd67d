/**
 * A policy presets the accounts of a teleradiology workstation (docs/managed-configuration.md,
 * "Preset accounts"): two sandboxes on their own ports, the policy read from its text as the shells
 * read it, the conf state store in a temp folder and a memory keychain.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, type AccountsState, type AppState } from '@shared/ipc/contract'
import { createConfStateStore, parsePolicyText } from '@main/node'
import { makeRig, makeWorld, newStudy, signIn, type Rig, type World } from './harness'

const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000
const POLICY_FILE = '/etc/reading-room-companion/policy.json'

let first: World
let second: World
let rigs: Rig[] = []
beforeEach(async () => {
  ;[first, second] = await Promise.all([makeWorld(), makeWorld()])
})
afterEach(async () => {
  for (const rig of rigs) await rig.companion.stop()
  rigs = []
  await Promise.all([first.close(), second.close()])
})

function twoClinics(): Record<string, unknown> {
  return {
    accounts: [
      { serverUrl: first.sandbox.baseURL, displayName: 'Clinic A' },
      { serverUrl: second.sandbox.baseURL, displayName: 'Clinic B night', colour: 'green' }
    ]
  }
}

/** A fresh engine on the first world's profile and keychain (a restart each time), started under this policy text. */
async function start(policy: Record<string, unknown> | null): Promise<Rig> {
  for (const rig of rigs) await rig.companion.stop()
  rigs = []
  const reading = policy === null ? undefined : parsePolicyText(POLICY_FILE, JSON.stringify(policy))
  const rig = makeRig({ state: createConfStateStore({ cwd: first.profileDir }), secrets: first.secrets, ...(reading ? { policy: reading } : {}) })
  rigs.push(rig)
  await rig.companion.start()
  return rig
}

async function accounts(rig: Rig): Promise<AccountsState['accounts']> {
  const listed = await rig.companion.handle('accounts.list', {})
  if (!listed.ok) throw new Error(JSON.stringify(listed))
  return listed.value.accounts
}

async function appState(rig: Rig): Promise<AppState> {
  const got = await rig.companion.handle('app.getState', {})
  if (!got.ok) throw new Error(JSON.stringify(got))
  return got.value
}

describe('accounts preset by the policy', () => {
  it('start without keys, go live when the user enters one, and are not added twice on restart', async () => {
    const bStat = await newStudy(second, 'stat', second.radiologist.userId, 'B stat')
    let rig = await start(twoClinics())
    await rig.advance(QUEUE_MS)
    const listed = await accounts(rig)
    // The new profile's empty first account took the first preset: two accounts, not three.
    expect(listed.map((a) => [a.displayName, a.baseUrl, a.hasKey, a.identity, a.connection.status])).toEqual([
      ['Clinic A', first.sandbox.baseURL, false, null, 'signed-out'],
      ['Clinic B night', second.sandbox.baseURL, false, null, 'signed-out']
    ])
    expect(listed[0]!.accountId).toBe(FIRST_ACCOUNT_ID)
    expect(listed[1]!.colour).toBe('green')
    expect(rig.shownQueue().mine).toEqual([])
    expect(rig.logger.lines.filter((line) => line.includes('account preset by the policy'))).toHaveLength(1)

    // The user enters the second clinic's key for that account, then who they are there.
    const bId = listed[1]!.accountId
    const saved = await rig.companion.handle('auth.saveKey', { accountId: bId, baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey })
    expect(saved, JSON.stringify(saved)).toEqual({ ok: true, value: { ok: true, needsIdentity: true } })
    const set = await rig.companion.handle('auth.setIdentity', { accountId: bId, userId: second.radiologist.userId })
    expect(set.ok, JSON.stringify(set)).toBe(true)
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine.map((s) => [s.accountId, s.studyId])).toEqual([[bId, bStat.studyId]])
    expect((await accounts(rig)).map((a) => [a.displayName, a.hasKey, a.connection.status])).toEqual([
      ['Clinic A', false, 'signed-out'],
      ['Clinic B night', true, 'online']
    ])
    expect(rig.logger.lines.join('\n')).not.toContain(second.sandbox.apiKey)

    // A restart under the same policy: the same two accounts, the second still live with its key.
    rig = await start(twoClinics())
    await rig.advance(QUEUE_MS)
    expect((await accounts(rig)).map((a) => [a.accountId, a.displayName, a.hasKey, a.connection.status])).toEqual([
      [FIRST_ACCOUNT_ID, 'Clinic A', false, 'signed-out'],
      [bId, 'Clinic B night', true, 'online']
    ])
    expect(createConfStateStore({ cwd: first.profileDir }).read().accounts).toHaveLength(2)
    expect(rig.shownQueue().mine.map((s) => s.studyId)).toEqual([bStat.studyId])
  })

  it('are not added again after the user renames a preset account', async () => {
    let rig = await start(twoClinics())
    const before = await accounts(rig)
    expect(before).toHaveLength(2)
    const renamed = await rig.companion.handle('accounts.update', { accountId: before[1]!.accountId, displayName: 'Clinic B (nights)' })
    expect(renamed.ok, JSON.stringify(renamed)).toBe(true)

    rig = await start(twoClinics())
    expect((await accounts(rig)).map((a) => [a.accountId, a.displayName])).toEqual([
      [before[0]!.accountId, 'Clinic A'],
      [before[1]!.accountId, 'Clinic B (nights)']
    ])
    const stored = createConfStateStore({ cwd: first.profileDir }).read().accounts
    expect(stored).toHaveLength(2)
    expect(stored[1]!.preset).toEqual({ serverUrl: second.sandbox.baseURL, displayName: 'Clinic B night' })
  })

  it('are added beside a first account the user already signed in to, which stays as it is', async () => {
    let rig = await start(null)
    await signIn(rig, first)
    rig = await start({ accounts: [{ serverUrl: second.sandbox.baseURL, displayName: 'Clinic B night' }] })
    await rig.advance(QUEUE_MS)
    expect((await accounts(rig)).map((a) => [a.accountId === FIRST_ACCOUNT_ID, a.baseUrl, a.hasKey, a.identity?.userId ?? null, a.connection.status])).toEqual([
      [true, first.sandbox.baseURL, true, first.radiologist.userId, 'online'],
      [false, second.sandbox.baseURL, false, null, 'signed-out']
    ])
  })

  it('with a problem, are reported with the file and field, and nothing the user has is lost', async () => {
    let rig = await start(twoClinics())
    const bId = (await accounts(rig))[1]!.accountId
    await rig.companion.handle('auth.saveKey', { accountId: bId, baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey })
    await rig.companion.handle('auth.setIdentity', { accountId: bId, userId: second.radiologist.userId })
    await rig.companion.handle('settings.update', { queueIntervalSec: 40 })

    // Plain http off this computer: the rule every sign-in passes, reported against the account's field.
    const refused = { accounts: [...(twoClinics().accounts as object[]), { serverUrl: 'http://avara.clinic.example', displayName: 'Clinic C' }] }
    rig = await start(refused)
    await rig.advance(QUEUE_MS)
    expect((await appState(rig)).managed?.problem).toEqual({
      file: POLICY_FILE,
      issues: [{ field: 'accounts[2].serverUrl', message: 'The server address must use https unless it points to this computer.' }]
    })
    expect(rig.logger.lines.find((line) => line.startsWith('warn policy file not applied'))).toContain('accounts[2].serverUrl')

    // A key in the policy is refused by the schema (keys are never in the policy).
    rig = await start({ accounts: [{ serverUrl: second.sandbox.baseURL, displayName: 'Clinic B night', apiKey: 'sk_test_x' }] })
    await rig.advance(QUEUE_MS)
    expect((await appState(rig)).managed?.problem?.issues).toEqual([{ field: 'accounts[0].apiKey', message: 'unknown key (not a policy field)' }])
    const kept = await accounts(rig)
    expect(kept.map((a) => [a.displayName, a.hasKey, a.connection.status])).toEqual([
      ['Clinic A', false, 'signed-out'],
      ['Clinic B night', true, 'online']
    ])
    expect((await appState(rig)).settings.queueIntervalSec).toBe(40)
  })
})
