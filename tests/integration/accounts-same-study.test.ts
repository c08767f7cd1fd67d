/**
 * Issue 11: the same study ID in two accounts is two studies. Two sandboxes on their own ports,
 * each given a stat study with one chosen ID (the sandbox's `POST /_sandbox/next-study-id` hook):
 * two rows, two alerts (each naming its account), and acknowledging or opening one acts only
 * through its own account. Real HTTP, conf in a temp folder, memory keychain.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, studyKey, type AccountsState } from '@shared/ipc/contract'
import { burstWindowMs } from '@main/engine/stat-burst'
import { loggedRequests, makeRig, makeWorld, newStudy, signIn, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000
const SHARED_STUDY_ID = 'stu_5a3e0000000000000000000000000011'
const FIRST_NAME = 'Riverside day'
const SECOND_NAME = 'St Mary night'

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

async function accountsList(): Promise<AccountsState> {
  const listed = await rig.companion.handle('accounts.list', {})
  if (!listed.ok) throw new Error(`accounts.list failed: ${JSON.stringify(listed)}`)
  return listed.value
}

/** Names the first account and adds the second; its id is read back with a query (not from the add's answer). */
async function addSecondAccount(): Promise<string> {
  await rig.companion.handle('accounts.update', { accountId: FIRST_ACCOUNT_ID, displayName: FIRST_NAME })
  const added = await rig.companion.handle('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: SECOND_NAME, email: second.radiologist.email })
  expect(added.ok, JSON.stringify(added)).toBe(true)
  await rig.advance(QUEUE_MS)
  const secondAccount = (await accountsList()).accounts.find((a) => a.displayName === SECOND_NAME)
  expect(secondAccount?.connection.status).toBe('online')
  return secondAccount!.accountId
}

/** A stat study for the world's radiologist whose ID is the shared one. */
async function statWithSharedId(world: World, description: string) {
  const response = await fetch(`${world.sandbox.baseURL}/_sandbox/next-study-id`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ studyId: SHARED_STUDY_ID })
  })
  expect(response.status).toBe(200)
  const study = await newStudy(world, 'stat', world.radiologist.userId, description)
  expect(study.studyId).toBe(SHARED_STUDY_ID)
  return study
}

const rerouteRequests = async (world: World) => (await loggedRequests(world)).filter((r) => r.path === '/v1/viewer/studies/reroute-url')

describe('the same study ID in two accounts', () => {
  it('is two rows and two alerts; acknowledging or opening one acts only through its own account', async () => {
    const secondId = await addSecondAccount()
    await statWithSharedId(first, 'CT Head at Riverside')
    await rig.advance(STAT_MS)
    // Past the burst window (stat-burst.ts): the second account's notice stands alone, not as a summary of both.
    await rig.advance(burstWindowMs(DEFAULT_SETTINGS))
    await statWithSharedId(second, 'CTA Chest at St Mary')
    // Several stat polls of both accounts: each study must still alert exactly once.
    for (let i = 0; i < 4; i++) await rig.advance(STAT_MS)

    const firstKey = studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: SHARED_STUDY_ID })
    const secondKey = studyKey({ accountId: secondId, studyId: SHARED_STUDY_ID })
    expect(firstKey).toBe(`${FIRST_ACCOUNT_ID}/${SHARED_STUDY_ID}`)
    expect(secondKey).toBe(`${secondId}/${SHARED_STUDY_ID}`)
    const rows = rig.shownQueue().mine.filter((s) => s.studyId === SHARED_STUDY_ID)
    expect(rows.map((s) => [studyKey(s), s.studyDescription]).sort()).toEqual(
      [
        [firstKey, 'CT Head at Riverside'],
        [secondKey, 'CTA Chest at St Mary']
      ].sort()
    )

    const notices = rig.notifier.shown.filter((n) => !n.reAlert && n.studyIds.includes(SHARED_STUDY_ID))
    expect(notices).toHaveLength(2)
    expect(notices.map((n) => [n.accountName, n.title, n.studies])).toEqual([
      [FIRST_NAME, `New stat study · ${FIRST_NAME}`, [{ accountId: FIRST_ACCOUNT_ID, studyId: SHARED_STUDY_ID }]],
      [SECOND_NAME, `New stat study · ${SECOND_NAME}`, [{ accountId: secondId, studyId: SHARED_STUDY_ID }]]
    ])
    expect(rig.shownQueue().alerts[firstKey]?.status).toBe('alerting')
    expect(rig.shownQueue().alerts[secondKey]?.status).toBe('alerting')

    // Acknowledge the first account's study: the second account's stays alerting.
    const acknowledged = await rig.companion.handle('alerts.acknowledge', { accountId: FIRST_ACCOUNT_ID, studyId: SHARED_STUDY_ID })
    expect(acknowledged.ok).toBe(true)
    await rig.advance(STAT_MS)
    expect(rig.shownQueue().alerts[firstKey]?.status).toBe('acknowledged')
    expect(rig.shownQueue().alerts[secondKey]?.status).toBe('alerting')

    // Open the second account's study: the viewer link comes from the second sandbox only.
    const [firstReroutesBefore, secondReroutesBefore] = await Promise.all([rerouteRequests(first), rerouteRequests(second)])
    const opened = await rig.companion.handle('study.open', { accountId: secondId, studyId: SHARED_STUDY_ID })
    expect(opened).toMatchObject({ ok: true, value: { ok: true } })
    expect(rig.opener.opened).toHaveLength(1)
    expect(rig.opener.opened[0]!.origin).toBe(new URL(second.sandbox.baseURL).origin)
    expect(rig.opener.opened[0]!.pathname).toBe(`/viewer/studies/${SHARED_STUDY_ID}`)
    const page = await fetch(rig.opener.opened[0]!)
    expect(await page.text()).toContain('CTA Chest at St Mary')
    expect(await rerouteRequests(second)).toHaveLength(secondReroutesBefore.length + 1)
    expect(await rerouteRequests(first)).toHaveLength(firstReroutesBefore.length)
    expect(rig.shownQueue().alerts[secondKey]?.status).toBe('opened')
    expect(rig.shownQueue().alerts[firstKey]?.status).toBe('acknowledged')

    // Neither raised another new-stat notice.
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown.filter((n) => !n.reAlert && n.studyIds.includes(SHARED_STUDY_ID))).toHaveLength(2)
  })

  it('opening the first account’s study goes to the first sandbox; the second keeps alerting', async () => {
    const secondId = await addSecondAccount()
    await statWithSharedId(first, 'CT Head at Riverside')
    await statWithSharedId(second, 'CTA Chest at St Mary')
    for (let i = 0; i < 3; i++) await rig.advance(STAT_MS)

    const opened = await rig.companion.handle('study.open', { accountId: FIRST_ACCOUNT_ID, studyId: SHARED_STUDY_ID })
    expect(opened).toMatchObject({ ok: true, value: { ok: true } })
    expect(rig.opener.opened.map((url) => url.origin)).toEqual([new URL(first.sandbox.baseURL).origin])
    expect(await rerouteRequests(first)).toHaveLength(1)
    expect(await rerouteRequests(second)).toHaveLength(0)
    expect(rig.shownQueue().alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: SHARED_STUDY_ID })]?.status).toBe('opened')
    expect(rig.shownQueue().alerts[studyKey({ accountId: secondId, studyId: SHARED_STUDY_ID })]?.status).toBe('alerting')
  })
})
