/**
 * Issue 13 items 4 and 7, issue 10 item 7: a spurious 401 no longer silences stat alerting (the
 * stored key is re-probed, at once on Refresh), a pasted key loses its whitespace, and wall-clock
 * steps of an hour neither stall the queue lane nor fire re-alerts early.
 */
import { FIRST_ACCOUNT_ID, studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { KEY_PROBE_CAP_MS } from '@main/engine/account-session'
import { keychainAccount } from '@main/engine/ports'
import { makeRig, makeWorld, newStudy, setFault, startOnline, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000
const MIN = 60_000
const HOUR = 60 * MIN

let world: World
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  await setFault(world, null).catch(() => undefined)
  await world.close()
})

const online = (): Promise<Rig> => startOnline(world)

const status = (rig: Rig) => rig.last('connection.changed')?.status
const firstAlerts = (rig: Rig) => rig.notifier.shown.filter((n) => !n.reAlert).flatMap((n) => n.studyIds)

describe('a rejected key is re-probed', () => {
  it('a single spurious 401: polling resumes by itself and a stat study created meanwhile alerts exactly once', async () => {
    const rig = await online()
    await setFault(world, { status: 401, count: 1 })
    await rig.advance(STAT_MS)
    expect(status(rig)).toBe('key-rejected')
    expect(rig.last('auth.changed')?.hasKey).toBe(true)
    const stat = await newStudy(world, 'stat')
    let waited = 0
    while (firstAlerts(rig).length === 0 && waited < 2 * KEY_PROBE_CAP_MS) {
      await rig.advance(10_000)
      waited += 10_000
    }
    expect(firstAlerts(rig)).toEqual([stat.studyId])
    // "Every few minutes": the first probe comes within the first one's delay.
    expect(waited).toBeLessThanOrEqual(2 * MIN + 10_000)
    expect(status(rig)).toBe('online')
    await rig.advance(4 * MIN)
    expect(firstAlerts(rig)).toEqual([stat.studyId])
    await rig.companion.stop()
  })

  it('Refresh tries the rejected key again at once', async () => {
    const rig = await online()
    await setFault(world, { status: 401, count: 1 })
    await rig.advance(STAT_MS)
    expect(status(rig)).toBe('key-rejected')
    const stat = await newStudy(world, 'stat')
    const refreshed = await rig.companion.handle('queue.refresh', {})
    expect(refreshed.ok).toBe(true)
    await rig.settle()
    expect(status(rig)).toBe('online')
    expect(firstAlerts(rig)).toEqual([stat.studyId])
    await rig.companion.stop()
  })

  it('a pasted key with a line break and spaces inside is cleaned before it is checked, and the answer says so', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    const key = world.sandbox.apiKey
    const pasted = ` ${key.slice(0, 10)}\n${key.slice(10, 20)} ${key.slice(20)}\t`
    const saved = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: pasted })
    expect(saved.ok && saved.value).toMatchObject({ ok: true, note: expect.stringMatching(/removed/) })
    expect(await world.secrets.get(keychainAccount(world.sandbox.baseURL))).toBe(key)
    // A clean key gets no note.
    const clean = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: key })
    expect(clean.ok && clean.value.ok && 'note' in clean.value).toBe(false)
    await rig.companion.stop()
  })
})

describe('wall-clock steps', () => {
  it('an hour back: the queue lane keeps polling (a new normal study shows within one queue interval)', async () => {
    const rig = await online()
    rig.clock.stepWall(-HOUR)
    const normal = await newStudy(world, 'normal')
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine.map((s) => s.studyId)).toContain(normal.studyId)
    rig.clock.stepWall(-HOUR)
    const another = await newStudy(world, 'normal')
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine.map((s) => s.studyId)).toContain(another.studyId)
    expect(status(rig)).toBe('online')
    await rig.companion.stop()
  })

  it('an hour forward: no stat re-alert comes early, and the re-alert still comes on time', async () => {
    const rig = await online()
    const stat = await newStudy(world, 'stat')
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)
    rig.clock.stepWall(+HOUR)
    await rig.advance(4 * MIN)
    expect(rig.notifier.shown).toHaveLength(1)
    rig.clock.stepWall(-2 * HOUR)
    await rig.advance(MIN)
    expect(rig.notifier.shown).toHaveLength(2)
    expect(rig.notifier.shown[1]).toMatchObject({ reAlert: true, studyIds: [stat.studyId] })
    await rig.companion.stop()
  })

  it('a snooze and a pause count down monotonically through a step back', async () => {
    const rig = await online()
    const stat = await newStudy(world, 'stat')
    await rig.advance(STAT_MS)
    await rig.companion.handle('alerts.snoozeStudy', { studyId: stat.studyId, minutes: 30 })
    await rig.companion.handle('alerts.pause', { minutes: 30 })
    rig.clock.stepWall(-HOUR)
    await rig.advance(30 * MIN + STAT_MS)
    expect(rig.last('alerts.pauseChanged')).toEqual({ pausedUntil: null })
    expect(rig.shownQueue().alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: stat.studyId })]?.status).toBe('alerting')
    await rig.companion.stop()
  })
})
