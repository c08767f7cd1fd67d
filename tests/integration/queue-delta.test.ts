/**
 * Issue 8, item 7: after the first snapshot the page gets only what changed. A change in the
 * sandbox reaches the page as a numbered `queue.delta` naming that study, never as the whole queue;
 * a quiet poll sends no queue event at all; the page's copy (deltas applied in order) equals the
 * engine's snapshot.
 */
import { FIRST_ACCOUNT_ID, studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type QueueDelta } from '@shared/ipc/contract'
import { newStudy, makeWorld, startOnline, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000

let world: World
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  await world.close()
})

describe('the queue reaches the page as changes', () => {
  it('sends a new study and a completed one as deltas of one study each, and nothing on quiet polls', async () => {
    for (let i = 0; i < 30; i++) await newStudy(world, i % 3 === 0 ? 'high' : 'normal')
    const rig = await startOnline(world)
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine).toHaveLength(30)
    const deltasBefore = rig.events.filter((e) => e.name === 'queue.delta').length

    // Quiet polls of both lanes: no queue event (the connection's lastSuccessAt is the tick).
    await rig.advance(QUEUE_MS)
    await rig.advance(QUEUE_MS)
    expect(rig.events.filter((e) => e.name === 'queue.delta')).toHaveLength(deltasBefore)

    const stat = await newStudy(world, 'stat', world.radiologist.userId, 'CT Head delta')
    await rig.advance(STAT_MS)
    const arrival = rig.last('queue.delta') as QueueDelta
    expect(arrival.baseSeq).toBe(arrival.seq - 1)
    expect(arrival.mine?.upserts.map((u) => [u.key, u.index])).toEqual([[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: stat.studyId }), 0]])
    expect(arrival.mine?.removals).toEqual([])
    expect(arrival.mine?.length).toBe(31)
    expect(arrival.counts).toEqual({ stat: 1, high: 10, normal: 20 })
    // Only the changed study travels: far below the whole queue's size.
    expect(JSON.stringify(arrival).length).toBeLessThan(JSON.stringify(rig.shownQueue().mine).length / 10)

    const leaving = rig.shownQueue().mine[5]!
    await world.admin.viewer.studies.update(leaving.studyId, { studyViewerStatus: 'complete' })
    await rig.advance(QUEUE_MS)
    const departure = rig.last('queue.delta') as QueueDelta
    expect(departure.mine?.removals).toEqual([studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: leaving.studyId })])
    expect(departure.mine?.upserts).toEqual([])
    expect(departure.closed?.[0]).toMatchObject({ reason: 'completed', study: { studyId: leaving.studyId } })

    // No whole snapshot was ever emitted by the engine, and the page's copy equals the engine's.
    expect(rig.events.some((e) => e.name === 'queue.updated')).toBe(false)
    const result = await rig.companion.handle('queue.snapshot', {})
    if (!result.ok) throw new Error(result.error.message)
    const { epoch, seq, mine, statPool, closed, alerts, counts } = result.value
    expect(rig.shownQueue()).toMatchObject({ epoch, seq, mine, statPool, closed, alerts, counts })
    await rig.companion.stop()
  })

  // Issue 8, item 4: a command's result comes back one way, so the page applies it once.
  it('acknowledge and snooze answer only "done": the new alert state reaches the page as exactly one delta', async () => {
    for (let i = 0; i < 20; i++) await newStudy(world, 'normal')
    const rig = await startOnline(world)
    const stats = [await newStudy(world, 'stat', world.radiologist.userId), await newStudy(world, 'stat', world.radiologist.userId)]
    await rig.advance(QUEUE_MS)
    const [acked, snoozed] = stats.map((s) => studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: s.studyId }))
    expect(rig.shownQueue().alerts[acked!]?.status).toBe('alerting')
    const deltas = () => rig.events.filter((e) => e.name === 'queue.delta').map((e) => e.payload as QueueDelta)

    for (const [call, key, status] of [
      [() => rig.companion.handle('alerts.acknowledge', { studyId: stats[0]!.studyId }), acked!, 'acknowledged'],
      [() => rig.companion.handle('alerts.snoozeStudy', { studyId: stats[1]!.studyId, minutes: 30 }), snoozed!, 'snoozed']
    ] as const) {
      const before = deltas().length
      const result = await call()
      expect(result).toEqual({ ok: true, value: { ok: true } })
      const sent = deltas().slice(before)
      expect(sent).toHaveLength(1)
      expect(Object.keys(sent[0]!.alerts?.set ?? {})).toEqual([key])
      expect(sent[0]!.mine).toBeUndefined()
      expect(rig.shownQueue().alerts[key]?.status).toBe(status)
    }
    // Neither answer nor event carried the whole queue.
    expect(rig.events.some((e) => e.name === 'queue.updated')).toBe(false)
    await rig.companion.stop()
  })
})
