import { FIRST_ACCOUNT_ID, studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { clearRequests, loggedRequests, makeRig, makeWorld, newStudy, signIn, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000
const MIN = 60_000

let world: World
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  await world.close()
})

describe('stat alerts against the sandbox', () => {
  it('raises exactly one alert for a stat study created mid-run, after the next stat-lane poll', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    expect(rig.last('connection.changed')?.status).toBe('online')
    expect(rig.notifier.shown).toEqual([])

    const normal = await newStudy(world, 'normal')
    const stat = await newStudy(world, 'stat', world.radiologist.userId, 'CT Head trauma')
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)
    const notice = rig.notifier.shown[0]!
    expect(notice).toMatchObject({ level: 'stat', studyIds: [stat.studyId], reAlert: false, title: 'New stat study' })
    expect(notice.body).toContain('CT Head trauma')
    expect(JSON.stringify(notice)).not.toContain('Jane Q Patient')
    expect(rig.events.filter((e) => e.name === 'alert.shown')).toHaveLength(1)

    // The stat lane alone does not see the normal study; the next queue poll does.
    await rig.advance(DEFAULT_SETTINGS.queueIntervalSec * 1000)
    const queue = rig.shownQueue()
    expect(queue.mine.map((s) => s.studyId)).toEqual([stat.studyId, normal.studyId])
    expect(queue.alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: stat.studyId })]?.status).toBe('alerting')

    // Many more polls, short of the re-alert interval: still exactly one alert.
    await rig.advance(4 * MIN)
    expect(rig.notifier.shown).toHaveLength(1)
    // The log names studies by ID only: no description, no metadata (patient text), no key.
    const log = rig.logger.lines.join('\n')
    expect(log).toContain(stat.studyId)
    for (const secret of ['CT Head trauma', 'Jane Q Patient', world.sandbox.apiKey]) expect(log).not.toContain(secret)
    await rig.companion.stop()
  })

  it('summarises several stat arrivals in one poll, alerts unassigned stat once and not again after a claim', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const a = await newStudy(world, 'stat')
    const b = await newStudy(world, 'stat')
    const pool = await newStudy(world, 'stat', null, 'MR Spine unassigned')
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)
    expect(rig.notifier.shown[0]!.title).toBe('3 new stat studies')
    expect(new Set(rig.notifier.shown[0]!.studyIds)).toEqual(new Set([a.studyId, b.studyId, pool.studyId]))

    const claimed = await rig.companion.handle('study.claim', { studyId: pool.studyId })
    expect(claimed.ok && claimed.value.assignedTo?.userId).toBe(world.radiologist.userId)
    await rig.settle()
    await rig.advance(STAT_MS)
    const queue = rig.shownQueue()
    expect(queue.mine.map((s) => s.studyId)).toContain(pool.studyId)
    expect(queue.statPool).toEqual([])
    expect(rig.notifier.shown).toHaveLength(1)

    // Someone else's claim is refused with a clear message.
    const other = await newStudy(world, 'stat', null)
    await world.admin.viewer.studies.update(other.studyId, { assignedTo: world.sandbox.owner.userId })
    const refused = await rig.companion.handle('study.claim', { studyId: other.studyId })
    expect(refused).toMatchObject({ ok: false, error: { code: 'upstream' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/^Already claimed by /)
    await rig.companion.stop()
  })

  it('opens a study through a checked sandbox viewer URL and stops its re-alerts', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const opened = await newStudy(world, 'stat')
    const waiting = await newStudy(world, 'stat')
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)

    // Issue 10: the tray also names the newest alerting stat study and how many others alert.
    expect(rig.companion.traySummary()).toMatchObject({
      counts: { stat: 2, high: 0, normal: 0 },
      state: 'stat-waiting',
      newestStat: { others: 1, escalatedFrom: null }
    })
    const result = await rig.companion.handle('study.open', { studyId: opened.studyId })
    expect(result).toEqual({ ok: true, value: { ok: true, openedBy: 'shell' } })
    expect(rig.opener.opened).toHaveLength(1)
    const url = rig.opener.opened[0]!
    expect(url.origin).toBe(new URL(world.sandbox.baseURL).origin)
    expect(url.pathname).toBe(`/viewer/studies/${opened.studyId}`)
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Avara Viewer (sandbox)')
    // The tokenised link never reaches the log.
    expect(rig.logger.lines.join('\n')).not.toContain('token=')
    expect(rig.shownQueue().alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: opened.studyId })]?.status).toBe('opened')

    await rig.advance(5 * MIN)
    const reAlerts = rig.notifier.shown.filter((n) => n.reAlert)
    expect(reAlerts).toHaveLength(1)
    expect(reAlerts[0]!.studyIds).toEqual([waiting.studyId])

    // Acknowledging the other one stops its re-alerts too.
    await rig.companion.handle('alerts.acknowledge', { studyId: waiting.studyId })
    expect(rig.shownQueue().alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: waiting.studyId })]?.status).toBe('acknowledged')
    await rig.advance(20 * MIN)
    expect(rig.notifier.shown.filter((n) => n.reAlert)).toHaveLength(1)

    // A notification click opens the study and tells the renderer.
    await rig.companion.notificationClicked([{ accountId: FIRST_ACCOUNT_ID, studyId: waiting.studyId }])
    expect(rig.opener.opened).toHaveLength(2)
    expect(rig.last('alert.clicked')).toEqual({ studyId: waiting.studyId, accountId: FIRST_ACCOUNT_ID })
    const tray = rig.companion.traySummary()
    expect(tray.state).toBe('normal')
    expect(tray.topStat.map((s) => s.studyId)).toEqual([opened.studyId, waiting.studyId])
    await rig.companion.stop()
  })

  it('refuses a viewer URL that is plain http on a remote host: nothing opens, the alert keeps going', async () => {
    const unsafe = 'http://viewer.example.com/studies/x?token=stolen-token'
    // The server (here: a rewriting fetch) answers reroute-url with a link the core must not trust.
    const rewriting: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (url.endsWith('/v1/viewer/studies/reroute-url')) {
        return new Response(JSON.stringify({ url: unsafe }), { status: 200, headers: { 'content-type': 'application/json' } })
      }
      return fetch(input, init)
    }
    const rig = makeRig({ ...world, fetch: rewriting })
    await rig.companion.start()
    await signIn(rig, world)
    const stat = await newStudy(world, 'stat')
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)
    const result = await rig.companion.handle('study.open', { studyId: stat.studyId })
    expect(result.ok && result.value.ok).toBe(false)
    expect(JSON.stringify(result)).not.toContain('stolen-token')
    expect(rig.opener.opened).toEqual([])
    expect(rig.shownQueue().alerts[studyKey({ accountId: FIRST_ACCOUNT_ID, studyId: stat.studyId })]?.status).toBe('alerting')
    expect(rig.logger.lines.join('\n')).not.toContain('stolen-token')
    await rig.companion.stop()
  })

  it('hands the URL to the page in the web shell', async () => {
    const rig = makeRig({ ...world, openedBy: 'page' })
    await rig.companion.start()
    await signIn(rig, world)
    const s = await newStudy(world, 'high')
    const result = await rig.companion.handle('study.open', { studyId: s.studyId })
    expect(result.ok && result.value).toMatchObject({ ok: true, openedBy: 'page' })
    if (result.ok && result.value.ok && result.value.openedBy === 'page') expect(new URL(result.value.url).pathname).toBe(`/viewer/studies/${s.studyId}`)
    await rig.companion.stop()
  })

  it('holds high alerts during a pause and raises them once when it ends; stat is not held by default', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    await rig.companion.handle('settings.update', { alerts: { high: true } })
    const paused = await rig.companion.handle('alerts.pause', { minutes: 30 })
    // One way: the answer says done, the pause itself comes as the event.
    expect(paused).toEqual({ ok: true, value: { ok: true } })
    expect(rig.last('alerts.pauseChanged')?.pausedUntil).toBeTruthy()
    const high = await newStudy(world, 'high')
    const stat = await newStudy(world, 'stat')
    await rig.advance(DEFAULT_SETTINGS.queueIntervalSec * 1000)
    expect(rig.notifier.shown.map((n) => [n.level, n.studyIds])).toEqual([['stat', [stat.studyId]]])
    await rig.advance(30 * MIN)
    const highs = rig.notifier.shown.filter((n) => n.level === 'high')
    expect(highs).toHaveLength(1)
    expect(highs[0]!.studyIds).toEqual([high.studyId])
    expect(rig.last('alerts.pauseChanged')).toEqual({ pausedUntil: null })
    await rig.companion.stop()
  })
})

describe('escalation and uncancel', () => {
  it('alerts an escalation to stat after the next stat-lane poll, and not again after cancel and uncancel', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const s = await newStudy(world, 'normal', world.radiologist.userId, 'XR Chest portable')
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    await world.admin.viewer.studies.update(s.studyId, { severity: 'stat' })
    await rig.advance(STAT_MS)
    expect(rig.notifier.shown).toHaveLength(1)
    expect(rig.notifier.shown[0]).toMatchObject({ title: 'Study escalated to stat', studyIds: [s.studyId] })

    await rig.companion.handle('alerts.acknowledge', { studyId: s.studyId })
    await world.admin.viewer.studies.cancel({ studyId: s.studyId })
    await rig.advance(STAT_MS)
    expect(rig.shownQueue().closed.map((c) => [c.study.studyId, c.reason])).toEqual([[s.studyId, 'cancelled']])
    await world.admin.viewer.studies.uncancel({ studyId: s.studyId })
    await rig.advance(STAT_MS)
    const queue = rig.shownQueue()
    expect(queue.mine.map((x) => x.studyId)).toEqual([s.studyId])
    expect(queue.closed).toEqual([])
    expect(rig.notifier.shown).toHaveLength(1)
    await rig.companion.stop()
  })
})

describe('restart with the persisted ledger', () => {
  it('raises no duplicate after a restart, and raises once an alert that arrived while the app was down', async () => {
    const first = makeRig(world)
    await first.companion.start()
    await signIn(first, world)
    const before = await newStudy(world, 'stat')
    await first.advance(STAT_MS)
    expect(first.notifier.shown.map((n) => n.studyIds)).toEqual([[before.studyId]])
    await first.companion.stop()

    const whileDown = await newStudy(world, 'stat', world.radiologist.userId, 'CT Angio while down')
    // Time goes on while the app is down (the same clock, one minute later).
    await first.clock.advance(MIN)
    const second = makeRig({ ...world, clock: first.clock })
    await second.companion.start()
    // The cached queue is shown before the first poll returns.
    expect(second.shownQueues[0]).toMatchObject({ fromCache: true, mine: [expect.objectContaining({ studyId: before.studyId })] })
    await second.settle()
    expect(second.notifier.shown).toHaveLength(1)
    expect(second.notifier.shown[0]).toMatchObject({ studyIds: [whileDown.studyId], reAlert: false })
    expect(second.shownQueue().fromCache).toBe(false)
    // No re-alert burst right after start-up; the unopened ones re-alert once, together, later.
    await second.advance(4 * MIN)
    expect(second.notifier.shown).toHaveLength(1)
    await second.advance(MIN)
    expect(second.notifier.shown).toHaveLength(2)
    expect(second.notifier.shown[1]).toMatchObject({ reAlert: true })
    expect(new Set(second.notifier.shown[1]!.studyIds)).toEqual(new Set([before.studyId, whileDown.studyId]))
    await second.companion.stop()
  })
})

describe('queue events against the sandbox', () => {
  it('records completed, cancelled and reassigned studies and a downgrade seen by the stat lane', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const done = await newStudy(world, 'normal')
    const cancelled = await newStudy(world, 'high')
    const moved = await newStudy(world, 'normal')
    const downgraded = await newStudy(world, 'stat')
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    expect(rig.shownQueue().mine).toHaveLength(4)

    await rig.companion.handle('study.setViewerStatus', { studyId: done.studyId, status: 'complete' })
    await world.admin.viewer.studies.cancel({ studyId: cancelled.studyId })
    await world.admin.viewer.studies.update(moved.studyId, { assignedTo: world.sandbox.owner.userId })
    await world.admin.viewer.studies.update(downgraded.studyId, { severity: 'normal' })
    await rig.settle()
    await rig.advance(STAT_MS) // a stat-lane poll: the downgraded study stays, looked up
    let queue = rig.shownQueue()
    expect(queue.mine.find((s) => s.studyId === downgraded.studyId)?.severity).toBe('normal')
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    queue = rig.shownQueue()
    expect(queue.mine.map((s) => s.studyId)).toEqual([downgraded.studyId])
    const reasons = Object.fromEntries(queue.closed.map((c) => [c.study.studyId, c.reason]))
    expect(reasons).toEqual({ [done.studyId]: 'completed', [cancelled.studyId]: 'cancelled', [moved.studyId]: 'reassigned' })
    await rig.companion.stop()
  })
})

describe('settings', () => {
  it('validates, persists and applies a new stat interval at once; turning the stat lane off stops it', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const updated = await rig.companion.handle('settings.update', { statIntervalSec: 2, alerts: { reAlertMinutes: 10 } })
    expect(updated).toEqual({ ok: true, value: { ok: true } })
    expect(rig.last('settings.changed')).toMatchObject({ statIntervalSec: 2, alerts: { reAlertMinutes: 10, reAlertMax: 3 } })
    expect(world.state.read().settings.statIntervalSec).toBe(2)
    expect(rig.last('settings.changed')?.statIntervalSec).toBe(2)
    const stat = await newStudy(world, 'stat')
    await rig.advance(2000)
    expect(rig.notifier.shown.map((n) => n.studyIds)).toEqual([[stat.studyId]])

    await rig.companion.handle('settings.update', { statLaneEnabled: false })
    const later = await newStudy(world, 'stat')
    // Now 2 s after the last queue poll: the next one (and only it) sees the new stat study.
    await rig.advance(DEFAULT_SETTINGS.queueIntervalSec * 1000 - 2000 - 1000)
    expect(rig.notifier.shown).toHaveLength(1)
    await rig.advance(1000)
    expect(rig.notifier.shown.at(-1)!.studyIds).toEqual([later.studyId])
    await rig.companion.stop()
  })
})

describe('view preferences', () => {
  it('merges view changes, keeps them across a restart, and ignores remembered keys it does not know', async () => {
    const first = makeRig(world)
    await first.companion.start()
    const initial = await first.companion.handle('app.getState', {})
    expect(initial.ok && initial.value.view).toEqual({})
    expect(await first.companion.handle('view.update', { queueView: 'closed', showNormal: false })).toEqual({ ok: true, value: { queueView: 'closed', showNormal: false } })
    expect(await first.companion.handle('view.update', { showNormal: true, showHigh: false })).toEqual({
      ok: true, value: { queueView: 'closed', showNormal: true, showHigh: false }
    })
    await first.companion.stop()
    world.state.write({ ...world.state.read(), view: { ...world.state.read().view, columnWidth: 120, showStat: 'maybe' } })

    const second = makeRig(world)
    await second.companion.start()
    const state = await second.companion.handle('app.getState', {})
    // Unknown keys and a showStat that is not a boolean are dropped; the rest still applies.
    expect(state.ok && state.value.view).toEqual({ queueView: 'closed', showNormal: true, showHigh: false })
    await second.companion.handle('view.update', { showStat: true })
    const repaired = await second.companion.handle('app.getState', {})
    expect(repaired.ok && repaired.value.view).toEqual({ queueView: 'closed', showNormal: true, showHigh: false, showStat: true })
    await second.companion.stop()
  })
})

describe('poll cost', () => {
  it('a stat-lane poll is two one-page requests; a queue poll reads every page', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    for (let i = 0; i < 120; i++) await newStudy(world, i % 30 === 0 ? 'stat' : 'normal')
    await clearRequests(world)
    await rig.advance(STAT_MS)
    const stat = await loggedRequests(world)
    expect(stat.map((r) => [r.method, r.path, r.query.severity, r.query.assignedTo === '' ? 'unassigned' : 'mine', r.query.limit])).toEqual(
      expect.arrayContaining([
        ['GET', '/v1/viewer/studies', 'stat', 'mine', '100'],
        ['GET', '/v1/viewer/studies', 'stat', 'unassigned', '100']
      ])
    )
    expect(stat).toHaveLength(2)
    expect(stat.every((r) => r.query.isCancelled === 'false' && r.query.studyViewerStatus === 'incomplete')).toBe(true)
    // "mine" means exactly the followed identity; the pool is the empty value (the SDK's null).
    expect(stat.map((r) => r.query.assignedTo).sort()).toEqual(['', world.radiologist.userId])

    await clearRequests(world)
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    const queue = (await loggedRequests(world)).filter((r) => r.query.severity === undefined)
    expect(queue.map((r) => r.query.cursor === undefined)).toEqual([true, false])
    // The full queue: the identity's incomplete, uncancelled studies, 100 per page, every page.
    for (const r of queue) {
      expect(r).toMatchObject({ method: 'GET', path: '/v1/viewer/studies' })
      expect(r.query).toMatchObject({ assignedTo: world.radiologist.userId, isCancelled: 'false', studyViewerStatus: 'incomplete', limit: '100' })
    }
    expect(rig.shownQueue().mine).toHaveLength(120)
    await rig.companion.stop()
  })

  it('without the unassigned stat pool, a stat-lane poll is one request and unassigned stat studies never alert', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    await rig.companion.handle('settings.update', { includeUnassignedStat: false })
    await newStudy(world, 'stat', null, 'CT Head unassigned')
    await clearRequests(world)
    await rig.advance(STAT_MS)
    const stat = await loggedRequests(world)
    expect(stat.map((r) => [r.path, r.query.severity, r.query.assignedTo])).toEqual([['/v1/viewer/studies', 'stat', world.radiologist.userId]])
    await rig.advance(DEFAULT_SETTINGS.queueIntervalSec * 1000)
    expect(rig.notifier.shown).toEqual([])
    expect(rig.shownQueue().statPool).toEqual([])
    await rig.companion.stop()
  })

  it('looks up at most 20 departed studies per poll and classifies them', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    await signIn(rig, world)
    const studies = []
    for (let i = 0; i < 25; i++) studies.push(await newStudy(world, 'normal'))
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    for (const s of studies) await world.admin.viewer.studies.update(s.studyId, { studyViewerStatus: 'complete' })
    await clearRequests(world)
    await rig.companion.handle('queue.refresh', {})
    await rig.settle()
    const lookups = (await loggedRequests(world)).filter((r) => r.path.startsWith('/v1/viewer/studies/stu_'))
    expect(lookups).toHaveLength(20)
    const queue = rig.shownQueue()
    expect(queue.mine).toEqual([])
    expect(queue.closed).toHaveLength(20)
    expect(queue.closed.every((c) => c.reason === 'completed')).toBe(true)
    await rig.companion.stop()
  })
})
