/**
 * Issue 14 against the sandbox's fault controls: the stat lane never waits on the queue lane, a
 * partial stat poll delivers what it got, and an outage's end is noticed within the stat lane's
 * 30 s backoff cap plus one interval.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { STAT_BACKOFF_CAP_MS } from '@main/engine/backoff'
import { clearRequests, loggedRequests, makeWorld, newStudy, setFault, startOnline, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000
/** List requests without a severity filter: the full-queue lane only. */
const QUEUE_LANE_ONLY = { method: 'GET', path: '/v1/viewer/studies', query: { severity: null } }

let world: World
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  await setFault(world, null).catch(() => undefined)
  await world.close()
})

const online = (): Promise<Rig> => startOnline(world)

const alertedIds = (rig: Rig) => rig.notifier.shown.filter((n) => !n.reAlert).flatMap((n) => n.studyIds)

describe('the stat lane never waits on the queue lane', () => {
  it('alerts each stat study within one stat interval while the queue lane fails on every poll', async () => {
    const rig = await online()
    await setFault(world, { status: 503, match: QUEUE_LANE_ONLY })
    const created: string[] = []
    // Four minutes: the queue lane fails and backs off again and again meanwhile.
    for (let i = 0; i < 8; i++) {
      const stat = await newStudy(world, 'stat')
      created.push(stat.studyId)
      await rig.advance(STAT_MS)
      expect(alertedIds(rig)).toEqual(created)
      await rig.advance(QUEUE_MS - STAT_MS)
    }
    const queueFailures = (await loggedRequests(world)).filter((r) => r.query.severity === undefined && r.status === 503)
    expect(queueFailures.length).toBeGreaterThanOrEqual(3)
    expect(rig.last('connection.changed')?.status).toBe('server-error')
    // Exactly once each.
    expect(new Set(alertedIds(rig)).size).toBe(alertedIds(rig).length)
    await rig.companion.stop()
  })

  it('alerts while a slow queue poll is still in flight, and the late queue result loses nothing', async () => {
    const rig = await online()
    const normal = await newStudy(world, 'normal')
    await setFault(world, { latencyMs: 1500, match: QUEUE_LANE_ONLY })
    void rig.companion.handle('queue.refresh', {})
    const stat = await newStudy(world, 'stat')
    const started = Date.now()
    await rig.clock.advance(STAT_MS)
    while (alertedIds(rig).length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10))
    // The stat poll did not wait for the queue poll (1.5 s of server latency).
    expect(Date.now() - started).toBeLessThan(1200)
    expect(alertedIds(rig)).toEqual([stat.studyId])
    await rig.settle()
    const queue = rig.shownQueue()
    expect(queue.mine.map((s) => s.studyId).sort()).toEqual([stat.studyId, normal.studyId].sort())
    expect(alertedIds(rig)).toEqual([stat.studyId])
    await rig.companion.stop()
  })

  it('after a 90 s outage the first stat alert comes within 30 s plus one interval, and both lanes are live again', async () => {
    const rig = await online()
    // Every request the companion sends fails (the test's own study creation still goes through).
    await setFault(world, { status: 503, match: { method: 'GET' } })
    let stat = null
    for (let t = 0; t < 90_000; t += 10_000) {
      await rig.advance(10_000)
      if (t === 40_000) stat = await newStudy(world, 'stat')
    }
    expect(rig.last('connection.changed')?.status).toBe('server-error')
    expect(alertedIds(rig)).toEqual([])
    await setFault(world, null)
    let waited = 0
    while (alertedIds(rig).length === 0 && waited < 120_000) {
      await rig.advance(1000)
      waited += 1000
    }
    expect(alertedIds(rig)).toEqual([stat!.studyId])
    expect(waited).toBeLessThanOrEqual(STAT_BACKOFF_CAP_MS + STAT_MS)
    // The lane that recovered first woke the other one: no lane is still waiting out its backoff.
    expect(rig.last('connection.changed')?.status).toBe('online')
    await rig.companion.stop()
  })
})

describe('a stat poll that partly succeeds delivers what it got', () => {
  it('the unassigned pool failing alone: own stat studies still alert, each within one interval', async () => {
    const rig = await online()
    await setFault(world, { status: 503, match: { method: 'GET', path: '/v1/viewer/studies', query: { assignedTo: '' } } })
    const unassigned = await newStudy(world, 'stat', null)
    for (let i = 0; i < 3; i++) {
      const own = await newStudy(world, 'stat')
      await rig.advance(STAT_MS)
      expect(alertedIds(rig).at(-1)).toBe(own.studyId)
    }
    expect(alertedIds(rig)).not.toContain(unassigned.studyId)
    expect(rig.logger.lines.some((l) => l.includes('stat pool request failed'))).toBe(true)
    await setFault(world, null)
    await rig.advance(STAT_MS)
    expect(alertedIds(rig).at(-1)).toBe(unassigned.studyId)
    await rig.companion.stop()
  })

  it('own stat studies failing alone: unassigned stat studies still alert', async () => {
    const rig = await online()
    await setFault(world, { status: 503, match: { method: 'GET', path: '/v1/viewer/studies', query: { assignedTo: world.radiologist.userId, severity: 'stat' } } })
    const unassigned = await newStudy(world, 'stat', null)
    await rig.advance(STAT_MS)
    expect(alertedIds(rig)).toEqual([unassigned.studyId])
    expect(rig.last('connection.changed')?.status).toBe('server-error')
    await rig.companion.stop()
  })
})

describe('normal-severity studies read less often (normalRefreshEvery)', () => {
  it('reads stat and high every queue poll and the whole queue every third; a completed high study still leaves at once', async () => {
    const rig = await online()
    const done = await newStudy(world, 'high')
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    const set = await rig.companion.handle('settings.update', { normalRefreshEvery: 3 })
    expect(set.ok).toBe(true)
    expect(rig.last('settings.changed')?.normalRefreshEvery).toBe(3)
    const normal = await newStudy(world, 'normal')
    const high = await newStudy(world, 'high')
    await world.admin.viewer.studies.update(done.studyId, { studyViewerStatus: 'complete' })
    const shown = () => rig.shownQueue().mine.map((s) => s.studyId)
    const queueLaneLists = async () => (await loggedRequests(world)).filter((r) => r.path === '/v1/viewer/studies' && r.query.severity !== 'stat')

    await clearRequests(world)
    await rig.advance(QUEUE_MS) // the refresh above read the whole queue; this poll reads stat and high only
    expect(shown()).toContain(high.studyId)
    expect(shown()).not.toContain(normal.studyId)
    expect(shown()).not.toContain(done.studyId)
    expect(rig.shownQueue().closed.map((c) => c.study.studyId)).toContain(done.studyId)
    expect((await queueLaneLists()).map((r) => r.query.severity)).toEqual(['high'])

    await rig.advance(QUEUE_MS) // the second after it: still stat and high only
    expect(shown()).not.toContain(normal.studyId)
    await clearRequests(world)
    await rig.advance(QUEUE_MS) // the third: the whole queue
    expect(shown()).toContain(normal.studyId)
    expect((await queueLaneLists()).map((r) => r.query.severity)).toEqual([undefined])
    await rig.companion.stop()
  })
})
