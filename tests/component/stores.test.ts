// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/accounts'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setBridge } from '@renderer/bridge'
import { applyAppState, applyEngineEvents, startApp } from '@renderer/stores/app'
import { whenShown } from '@renderer/lib/when-shown'
import { useQueueStore } from '@renderer/stores/queue'
import { useConnectionStore } from '@renderer/stores/connection'
import { useSessionStore } from '@renderer/stores/session'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { useSettingsStore } from '@renderer/stores/settings'
import { FakeBridge, ME, appState, flush, makeStudy, snapshotOf } from './fake-bridge'
import { DEFAULT_SETTINGS, type QueueDelta, type QueueSnapshot } from '@shared/ipc/contract'

const at = (iso: string) => Date.parse(iso)

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('queue store', () => {
  it("shows the engine's order and counts exactly as sent: ties, a missing createdAt and an unknown severity", () => {
    // The case where the page used to disagree with the engine: the engine orders these `c a b`
    // (tests/core/queue.test.ts, "the order the page shows"); the page's own sort made it `b a c`.
    const a = makeStudy({ severity: 'normal', createdAt: '2026-01-01T08:00:00Z', studyDescription: 'a' })
    const b = makeStudy({ severity: 'normal', createdAt: null, studyDescription: 'b' })
    const c = makeStudy({ severity: 'critical' as never, createdAt: '2026-01-01T07:00:00Z', studyDescription: 'c' })
    const tie1 = makeStudy({ severity: 'stat', createdAt: '2026-01-01T11:00:00Z', studyDescription: 'tie 1' })
    const tie2 = makeStudy({ severity: 'stat', createdAt: '2026-01-01T11:00:00Z', studyDescription: 'tie 2' })
    const engineOrder = [tie1, tie2, c, a, b]
    const queue = useQueueStore()
    queue.apply(snapshotOf(engineOrder, { counts: { stat: 2, high: 0, normal: 3 } }))
    expect(queue.items.map((i) => i.study.studyDescription)).toEqual(['tie 1', 'tie 2', 'c', 'a', 'b'])
    expect(queue.counts).toEqual({ stat: 2, high: 0, normal: 3 })
    // Whatever order the engine sends is what the user sees: the page never sorts or counts again.
    queue.apply(snapshotOf([...engineOrder].reverse(), { counts: { stat: 9, high: 9, normal: 9 }, fetchedAt: '2026-01-01T12:00:01.000Z' }))
    expect(queue.items.map((i) => i.study.studyDescription)).toEqual(['b', 'a', 'c', 'tie 2', 'tie 1'])
    expect(queue.counts).toEqual({ stat: 9, high: 9, normal: 9 })
  })

  it('filters by severity, by description and by UID, and clears filters', () => {
    const a = makeStudy({ severity: 'stat', studyDescription: 'CT Head without contrast' })
    const b = makeStudy({ severity: 'normal', studyDescription: 'MR Knee', studyInstanceUid: '1.2.3.999.42' })
    const queue = useQueueStore()
    queue.apply(snapshotOf([a, b]))
    queue.toggleSeverity('stat')
    expect(queue.items.map((i) => i.study.studyId)).toEqual([b.studyId])
    queue.clearFilters()
    queue.text = 'ct head'
    expect(queue.items.map((i) => i.study.studyId)).toEqual([a.studyId])
    queue.text = '999.42'
    expect(queue.items.map((i) => i.study.studyId)).toEqual([b.studyId])
    expect(queue.filtersActive).toBe(true)
    queue.clearFilters()
    expect(queue.items).toHaveLength(2)
  })

  it('switches views: stat pool (only when enabled) and closed studies', () => {
    const mine = makeStudy()
    const pooled = makeStudy({ severity: 'stat', assignedTo: null })
    const done = makeStudy({ studyViewerStatus: 'complete' })
    const queue = useQueueStore()
    queue.apply(snapshotOf([mine], { statPool: [pooled], closed: [{ study: done, reason: 'completed', at: '2026-01-01T11:00:00Z' }] }))
    queue.setView('pool')
    expect(queue.items.map((i) => [i.study.studyId, i.inPool])).toEqual([[pooled.studyId, true]])
    expect(queue.selectedKey).toBe(studyKey(pooled))
    queue.setView('closed')
    expect(queue.items[0]?.closed?.reason).toBe('completed')
  })

  it('moves the selection within bounds', () => {
    const studies = [makeStudy({ createdAt: '2026-01-01T01:00:00Z' }), makeStudy({ createdAt: '2026-01-01T02:00:00Z' })]
    const queue = useQueueStore()
    queue.apply(snapshotOf(studies))
    queue.move(1)
    expect(queue.selectedIndex).toBe(0)
    queue.move(1)
    queue.move(1)
    expect(queue.selectedIndex).toBe(1)
    queue.move(-5)
    expect(queue.selectedIndex).toBe(0)
    queue.moveTo('last')
    expect(queue.selectedItem?.study.studyId).toBe(studies[1]!.studyId)
  })

  it('keeps a newer snapshot when an older one of the same engine run arrives late; another run replaces it', () => {
    const queue = useQueueStore()
    const newer = snapshotOf([makeStudy()], { seq: 8 })
    const older = snapshotOf([], { seq: 7 })
    queue.apply(newer)
    queue.apply(older)
    expect(queue.snapshot).toBe(newer)
    // A restarted engine numbers from 0 again: its snapshot is the truth, whatever its number.
    const restarted = snapshotOf([], { epoch: 'next-run', seq: 1 })
    queue.apply(restarted)
    expect(queue.snapshot).toBe(restarted)
  })

  it('lists stat studies that are still alerting for the banner, not acknowledged ones', () => {
    const alerting = makeStudy({ severity: 'stat' })
    const acked = makeStudy({ severity: 'stat' })
    const queue = useQueueStore()
    const alert = { firstAlertedAt: '2026-01-01T12:00:00Z', alertCount: 1, snoozedUntil: null }
    queue.apply(
      snapshotOf([alerting, acked], {
        alerts: { [studyKey(alerting)]: { status: 'alerting', ...alert }, [studyKey(acked)]: { status: 'acknowledged', ...alert } }
      })
    )
    expect(queue.alertingStat.map((s) => s.studyId)).toEqual([alerting.studyId])
  })

  it('opens a study handed to the page in a new tab without an opener, and reports refusals', async () => {
    const bridge = new FakeBridge()
    setBridge(bridge)
    const opened: unknown[][] = []
    window.open = ((...args: unknown[]) => {
      opened.push(args)
      return null
    }) as typeof window.open
    const study = makeStudy()
    bridge.handle('study.open', () => ({ ok: true, openedBy: 'page', url: 'http://127.0.0.1:4010/viewer/studies/x?token=t' }))
    const queue = useQueueStore()
    await queue.open(study)
    expect(opened).toEqual([['http://127.0.0.1:4010/viewer/studies/x?token=t', '_blank', 'noopener,noreferrer']])

    bridge.handle('study.open', () => ({ ok: false, message: 'The viewer address was not https.' }))
    await queue.open(study)
    expect(opened).toHaveLength(1)
    expect(useNoticesStore().errors.map((m) => m.text)).toEqual(['Could not open the study: The viewer address was not https.'])
  })
})

describe('connection store', () => {
  it('says how old the data is and turns stale after two queue intervals', () => {
    const connection = useConnectionStore()
    const clock = useClockStore()
    connection.apply({ status: 'online', lastSuccessAt: '2026-01-01T12:00:00Z', reason: null, nextPollAt: null, stale: false })
    clock.set(at('2026-01-01T12:00:05Z'))
    expect(connection.updatedAgo).toBe('updated 5 s ago')
    expect(connection.stale).toBe(false)
    clock.set(at('2026-01-01T12:01:01Z')) // default queue interval 30 s
    expect(connection.stale).toBe(true)
  })

  it('is down when the core reports a failure or the page loses its link, with a reason', () => {
    const connection = useConnectionStore()
    connection.apply({ status: 'key-rejected', lastSuccessAt: null, reason: null, nextPollAt: null, stale: false })
    expect(connection.isDown).toBe(true)
    expect(connection.downReason).toMatch(/rejected the API key/)
    connection.apply({ status: 'online', lastSuccessAt: null, reason: null, nextPollAt: null, stale: false })
    expect(connection.isDown).toBe(false)
    connection.linkUp = false
    expect(connection.isDown).toBe(true)
    expect(connection.statusWord).toBe('Offline')
  })
})

describe('one way: a command answers "done", its state comes as the event', () => {
  it('refresh takes the connection only from connection.changed, even when the event comes after the answer (web shell)', async () => {
    const bridge = new FakeBridge()
    bridge.eventsAfterAnswers = true
    setBridge(bridge)
    applyEngineEvents(bridge)
    const connection = useConnectionStore()
    connection.apply({ status: 'offline', lastSuccessAt: null, reason: 'No network.', nextPollAt: null, stale: false })
    const online = { status: 'online' as const, lastSuccessAt: '2026-01-01T12:00:00.000Z', reason: null, nextPollAt: null, stale: false }
    bridge.handle('queue.refresh', () => {
      bridge.emit('connection.changed', online)
      return { ok: true }
    })
    await connection.refresh()
    // The answer was only "done": nothing of it entered the store.
    expect(connection.state.status).toBe('offline')
    expect(connection.refreshing).toBe(false)
    await flush()
    expect(connection.state).toEqual(online)
  })

  it('whenShown resolves once the stores show the change, and false if it never comes', async () => {
    const session = useSessionStore()
    applyAppState(appState({ auth: { ...appState().auth, hasKey: false } }))
    const seen = whenShown(() => session.auth.hasKey)
    session.apply({ ...session.auth, hasKey: true })
    await expect(seen).resolves.toBe(true)
    await expect(whenShown(() => false, 5)).resolves.toBe(false)
  })
})

describe('session store', () => {
  it('derives the onboarding step from the auth state', () => {
    const session = useSessionStore()
    applyAppState(appState({ auth: { ...appState().auth, hasKey: false, identity: null } }))
    expect(session.step).toBe('connect')
    session.apply({ ...session.auth, hasKey: true })
    expect(session.step).toBe('identity')
    session.apply({ ...session.auth, identity: ME })
    expect(session.step).toBeNull()
    expect(session.onboarding).toBe(false)
    session.beginChange('connect')
    expect(session.onboarding).toBe(true)
  })
})

describe('start-up', () => {
  it('paints the cached queue from app.getState, then follows events', async () => {
    const cachedStudy = makeStudy({ severity: 'high' })
    const bridge = new FakeBridge().handle('app.getState', () =>
      appState({ queue: snapshotOf([cachedStudy], { fromCache: true }) })
    )
    const stop = await startApp(bridge)
    const queue = useQueueStore()
    expect(queue.snapshot.fromCache).toBe(true)
    expect(queue.items.map((i) => i.study.studyId)).toEqual([cachedStudy.studyId])
    const fresh = makeStudy({ severity: 'stat' })
    // As the engine sends it: the stat study first.
    bridge.emit('queue.delta', {
      epoch: 'test-run',
      seq: 1,
      baseSeq: 0,
      mine: { upserts: [{ key: studyKey(fresh), index: 0, study: fresh }], removals: [], length: 2 },
      counts: { stat: 1, high: 1, normal: 0 },
      fetchedAt: '2026-01-01T12:01:00Z',
      fromCache: false
    })
    expect(queue.snapshot.fromCache).toBe(false)
    expect(queue.items[0]?.study.studyId).toBe(fresh.studyId)
    bridge.emit('alert.shown', { id: 'a1', level: 'stat', title: 'Stat study', body: fresh.studyDescription, studyIds: [fresh.studyId], studies: [{ accountId: 'primary', studyId: fresh.studyId }], reAlert: false, at: '2026-01-01T12:01:00Z' })
    bridge.emit('alert.shown', { id: 'a1', level: 'stat', title: 'Stat study', body: fresh.studyDescription, studyIds: [fresh.studyId], studies: [{ accountId: 'primary', studyId: fresh.studyId }], reAlert: false, at: '2026-01-01T12:01:00Z' })
    expect(useNoticesStore().alertLog).toHaveLength(1)
    stop()
    useClockStore().stop()
    await flush()
  })
})

describe('the queue as changes (queue.delta)', () => {
  const delta = (seq: number, over: Partial<QueueDelta> = {}): QueueDelta => ({
    epoch: 'test-run',
    seq,
    baseSeq: seq - 1,
    counts: { stat: 0, high: 0, normal: 0 },
    fetchedAt: '2026-01-01T12:00:00.000Z',
    fromCache: false,
    ...over
  })

  it("applies deltas in order at the engine's indexes, without sorting, and takes the counts as sent", () => {
    const a = makeStudy({ severity: 'normal' })
    const b = makeStudy({ severity: 'normal' })
    const late = makeStudy({ severity: 'normal', createdAt: '2020-01-01T00:00:00Z' })
    const queue = useQueueStore()
    queue.apply(snapshotOf([a, b], { seq: 3 }))
    // The index is the engine's: the page puts the study there even where its own sort would not.
    queue.applyDelta(delta(4, { mine: { upserts: [{ key: studyKey(late), index: 2, study: late }], removals: [], length: 3 }, counts: { stat: 0, high: 0, normal: 7 } }))
    expect(queue.items.map((i) => i.study.studyId)).toEqual([a.studyId, b.studyId, late.studyId])
    expect(queue.counts).toEqual({ stat: 0, high: 0, normal: 7 })
    queue.applyDelta(delta(5, { mine: { upserts: [], removals: [studyKey(a)], length: 2 } }))
    expect(queue.items.map((i) => i.study.studyId)).toEqual([b.studyId, late.studyId])
    expect(queue.snapshot.seq).toBe(5)
    // An old delta (already in the snapshot) changes nothing.
    queue.applyDelta(delta(5, { mine: { upserts: [], removals: [studyKey(b)], length: 1 } }))
    expect(queue.items).toHaveLength(2)
  })

  it('keeps the rows of studies a delta did not touch (the same objects), and builds new ones for a changed study or alert state', () => {
    const a = makeStudy({ severity: 'stat' })
    const b = makeStudy({ severity: 'normal' })
    const c = makeStudy({ severity: 'normal' })
    const queue = useQueueStore()
    queue.apply(snapshotOf([a, b, c], { seq: 3 }))
    const [rowA, rowB, rowC] = queue.items
    const b2 = { ...b, studyDescription: 'Changed' }
    const alert = { status: 'alerting' as const, firstAlertedAt: '2026-01-01T12:00:00Z', alertCount: 1, snoozedUntil: null }
    queue.applyDelta(delta(4, { mine: { upserts: [{ key: studyKey(b2), index: 1, study: b2 }], removals: [], length: 3 }, alerts: { set: { [studyKey(a)]: alert }, cleared: [] } }))
    const [nextA, nextB, nextC] = queue.items
    expect(nextC).toBe(rowC)
    expect(nextB).not.toBe(rowB)
    expect(nextB!.study).toBe(b2)
    expect(nextA).not.toBe(rowA)
    expect(nextA!.alert).toEqual(alert)
    expect(queue.alertingStat).toEqual([a])
  })

  it('keeps the selected study selected while rows arrive and leave before it, in the queue and the pool', () => {
    const [a, b, c] = [makeStudy(), makeStudy(), makeStudy()]
    const [p, q] = [makeStudy({ severity: 'stat' }), makeStudy({ severity: 'stat' })]
    useSettingsStore().apply({ ...DEFAULT_SETTINGS, includeUnassignedStat: true })
    const queue = useQueueStore()
    queue.apply(snapshotOf([a, b, c], { seq: 3, statPool: [p, q] }))
    queue.select(studyKey(c))
    expect(queue.selectedIndex).toBe(2)
    const arrival = makeStudy({ severity: 'stat' })
    queue.applyDelta(delta(4, { mine: { upserts: [{ key: studyKey(arrival), index: 0, study: arrival }], removals: [studyKey(a), studyKey(b)], length: 2 } }))
    expect(queue.items.map((i) => i.study.studyId)).toEqual([arrival.studyId, c.studyId])
    expect(queue.selectedIndex).toBe(1)
    expect(queue.selectedItem?.study).toBe(c)
    // The selected study itself changes: still selected, now its new copy.
    const c2 = { ...c, studyDescription: 'Changed' }
    queue.applyDelta(delta(5, { mine: { upserts: [{ key: studyKey(c2), index: 1, study: c2 }], removals: [], length: 2 } }))
    expect(queue.selectedItem?.study).toBe(c2)
    expect(queue.findStudy(c)).toBe(c2)
    // It leaves: nothing is selected.
    queue.applyDelta(delta(6, { mine: { upserts: [], removals: [studyKey(c)], length: 1 } }))
    expect(queue.selectedIndex).toBe(-1)

    queue.setView('pool')
    queue.select(studyKey(q))
    queue.applyDelta(delta(7, { statPool: { upserts: [], removals: [studyKey(p)], length: 1 } }))
    expect(queue.items.map((i) => [i.study.studyId, i.inPool])).toEqual([[q.studyId, true]])
    expect(queue.selectedIndex).toBe(0)
    expect(queue.snapshot.statPool).toEqual([q])
  })

  it('changes neither list when one of them does not add up, and takes the whole snapshot instead', () => {
    const [a, b, p] = [makeStudy(), makeStudy(), makeStudy({ severity: 'stat' })]
    const bridge = new FakeBridge().handle('queue.snapshot', () => new Promise<QueueSnapshot>(() => {}))
    setBridge(bridge)
    const queue = useQueueStore()
    queue.apply(snapshotOf([a, b], { seq: 3, statPool: [p] }))
    const rows = queue.items
    queue.applyDelta(delta(4, { mine: { upserts: [], removals: [studyKey(a)], length: 1 }, statPool: { upserts: [], removals: [], length: 5 } }))
    expect(bridge.callsOf('queue.snapshot')).toHaveLength(1)
    expect(queue.items).toBe(rows)
    expect(queue.snapshot.seq).toBe(3)
    expect(queue.findStudy(a)).toBe(a)
  })

  it('asks for the whole snapshot on a gap, and applies the deltas that came meanwhile after it', async () => {
    const a = makeStudy()
    const b = makeStudy()
    const c = makeStudy()
    let answer: (value: QueueSnapshot) => void = () => {}
    const bridge = new FakeBridge().handle('queue.snapshot', () => new Promise<QueueSnapshot>((resolve) => (answer = resolve)))
    setBridge(bridge)
    const queue = useQueueStore()
    queue.apply(snapshotOf([a], { seq: 1 }))
    // Delta 2 was lost (a dropped event): 3 does not follow 1.
    queue.applyDelta(delta(3, { baseSeq: 2, mine: { upserts: [], removals: [studyKey(a)], length: 0 } }))
    expect(bridge.callsOf('queue.snapshot')).toHaveLength(1)
    // While the snapshot is on its way, more deltas arrive; one resync is enough.
    queue.applyDelta(delta(4, { mine: { upserts: [{ key: studyKey(c), index: 1, study: c }], removals: [], length: 2 } }))
    queue.applyDelta(delta(9, { baseSeq: 8 }))
    expect(bridge.callsOf('queue.snapshot')).toHaveLength(1)
    answer(snapshotOf([b], { seq: 3 }))
    await flush()
    expect(queue.items.map((i) => i.study.studyId)).toEqual([b.studyId, c.studyId])
    // Delta 9 did not follow 4 either: another resync was asked for.
    expect(bridge.callsOf('queue.snapshot')).toHaveLength(2)
  })

  it('a delta of another engine run (the shell restarted) is a gap too', () => {
    const bridge = new FakeBridge().handle('queue.snapshot', async () => snapshotOf([], { epoch: 'next-run', seq: 2 }))
    setBridge(bridge)
    const queue = useQueueStore()
    queue.apply(snapshotOf([makeStudy()], { seq: 40 }))
    queue.applyDelta(delta(1, { epoch: 'next-run', baseSeq: 0 }))
    expect(bridge.callsOf('queue.snapshot')).toHaveLength(1)
  })
})
