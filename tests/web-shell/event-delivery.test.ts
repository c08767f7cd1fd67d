/**
 * The event stream counts delivery, not emission: alerts raised before any page connected reach
 * the first page that connects, once; a page that reconnects with Last-Event-ID gets what it missed,
 * once; and a page that stops reading gets only the latest state when it drains, or is closed.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { AlertNotice, QueueDelta, QueueSnapshot } from '@shared/ipc/contract'
import { createMemorySecretStore } from '@main/engine/secrets'
import { startWebShell, type WebShell } from '@main/web/server'
import { fakeCompanionFactory, fakeRendererDir, tempDir, type FakeCompanion } from './helpers'
import { SsePage, stalledPage } from './sse-client'

let shell: WebShell | null = null
let companion: FakeCompanion
const dirs: string[] = []
const pages: SsePage[] = []

async function start(options: { eventStallLimitMs?: number } = {}): Promise<WebShell> {
  const fake = fakeCompanionFactory()
  companion = fake.companion
  const profile = tempDir('rrc-web-delivery-')
  const { root, renderer } = fakeRendererDir()
  dirs.push(profile, root)
  shell = await startWebShell({ port: 0, profileDir: profile, rendererDir: renderer, secrets: createMemorySecretStore(), companionFactory: fake.factory, log: false, ...options })
  return shell
}

function page(): SsePage {
  const created = new SsePage(new URL('api/events', shell!.url).href)
  pages.push(created)
  return created
}

afterEach(async () => {
  for (const p of pages.splice(0)) p.close()
  await shell?.close()
  shell = null
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

let noticeNo = 0
function notice(studyNo: number): AlertNotice {
  return {
    id: `stat-new-${++noticeNo}`,
    level: 'stat',
    title: 'New stat study',
    body: 'CT HEAD',
    studyIds: [`stu_${studyNo.toString(16).padStart(32, '0')}`],
    studies: [{ accountId: 'primary', studyId: `stu_${studyNo.toString(16).padStart(32, '0')}` }],
    reAlert: false,
    at: new Date().toISOString()
  }
}

function bigSnapshot(marker: number, bytes: number): QueueSnapshot {
  return { mine: [], statPool: [], closed: [], alerts: {}, fetchedAt: new Date(marker).toISOString(), fromCache: false, padding: 'x'.repeat(bytes) } as unknown as QueueSnapshot
}

const until = async (check: () => boolean, what: string, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('alerts reach a page that connects late, once', () => {
  it('alerts raised before any page connected go to the first page, and not again to a second one', async () => {
    await start()
    companion.emit('alert.shown', notice(1))
    companion.emit('alert.shown', notice(2))
    expect(shell!.events.delivery()).toEqual({ raised: 2, delivered: 0, undelivered: 2 })

    const first = page()
    await first.connect()
    await until(() => first.alerts().length === 2, 'the two held alerts')
    await until(() => shell!.events.delivery().delivered === 2, 'delivery to be counted')

    const second = page()
    await second.connect()
    companion.emit('alert.shown', notice(3))
    await until(() => first.alerts().length === 3 && second.alerts().length === 1, 'the live alert on both pages')
    expect(second.alerts()[0]!.id).toBe(`stat-new-${noticeNo}`)
    expect(shell!.events.delivery()).toEqual({ raised: 3, delivered: 3, undelivered: 0 })
  })

  it('a page that reconnects with Last-Event-ID gets exactly the alerts it missed', async () => {
    await start()
    const p = page()
    await p.connect()
    companion.emit('alert.shown', notice(10))
    await until(() => p.alerts().length === 1, 'the first alert')
    p.close()
    await until(() => shell!.events.count() === 0, 'the stream to close')
    // While the page is away: one alert, taken by no page.
    companion.emit('alert.shown', notice(11))
    await p.connect()
    await until(() => p.alerts().length === 2, 'the missed alert')
    companion.emit('alert.shown', notice(12))
    await until(() => p.alerts().length === 3, 'the next live alert')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(p.alerts().map((n) => n.studyIds[0]!.slice(-2))).toEqual(['0a', '0b', '0c'])
  })

  it('a Last-Event-ID from another run of the shell counts as a new page', async () => {
    await start()
    companion.emit('alert.shown', notice(20))
    const p = page()
    p.lastEventId = 'otherRun.99'
    await p.connect()
    await until(() => p.alerts().length === 1, 'the held alert')
  })
})

describe('back-pressure: a page that stops reading', () => {
  it('keeps the buffered bytes bounded, gets no growing queue, and is closed after the stall limit', async () => {
    await start({ eventStallLimitMs: 1500 })
    const socket = await stalledPage(new URL('api/events', shell!.url).href)
    await until(() => shell!.events.count() === 1, 'the stream')
    const frameBytes = 256 * 1024
    let maxBuffered = 0
    let blockedSeen = false
    // 400 snapshots of 256 KiB = 100 MiB if every one were queued for the page.
    for (let i = 0; i < 400 && shell!.events.count() === 1; i++) {
      companion.emit('queue.updated', bigSnapshot(i, frameBytes))
      const [stats] = shell!.events.stats()
      if (stats) {
        maxBuffered = Math.max(maxBuffered, stats.writableLength)
        blockedSeen ||= stats.blocked
        expect(stats.pendingStates).toBeLessThanOrEqual(1)
      }
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(blockedSeen).toBe(true)
    // At most one frame beyond the stream's own buffer.
    expect(maxBuffered).toBeLessThan(frameBytes + 64 * 1024)
    await until(() => shell!.events.count() === 0, 'the stalled stream to be closed', 5000)
    socket.destroy()
  })

  it('a page that pauses and then reads again gets the latest state, not every copy it missed', async () => {
    await start({ eventStallLimitMs: 10_000 })
    const socket = await stalledPage(new URL('api/events', shell!.url).href)
    await until(() => shell!.events.count() === 1, 'the stream')
    for (let i = 0; i < 200 && !shell!.events.stats()[0]?.blocked; i++) companion.emit('queue.updated', bigSnapshot(i, 128 * 1024))
    expect(shell!.events.stats()[0]?.blocked).toBe(true)
    // 100 more while blocked: coalesced into one.
    for (let i = 1000; i < 1100; i++) companion.emit('queue.updated', bigSnapshot(i, 1024))
    companion.emit('alert.shown', notice(30))
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.resume()
    await until(() => text.includes(new Date(1099).toISOString()) && text.includes('stat-new-'), 'the latest snapshot and the alert')
    const afterBlock = (text.match(/"fetchedAt":"1970-01-01T00:00:01\.\d{3}Z"/g) ?? []).length
    expect(afterBlock).toBe(1)
    socket.destroy()
  })
})

describe('queue deltas to a page that stops reading', () => {
  const delta = (seq: number, padding = 0): QueueDelta =>
    ({ epoch: 'fake', seq, baseSeq: seq - 1, counts: { stat: 0, high: 0, normal: seq }, fetchedAt: null, fromCache: false, padding: 'x'.repeat(padding) }) as QueueDelta

  it('drops the deltas it could not send and resyncs the page with the whole queue once, then sends deltas again', async () => {
    await start({ eventStallLimitMs: 10_000 })
    const socket = await stalledPage(new URL('api/events', shell!.url).href)
    await until(() => shell!.events.count() === 1, 'the stream')
    let seq = 0
    while (!shell!.events.stats()[0]?.blocked && seq < 400) companion.emit('queue.delta', delta(++seq, 128 * 1024))
    expect(shell!.events.stats()[0]?.blocked).toBe(true)
    const lastWritten = seq
    // Changes go on while the page does not read: none of them may be lost, none queued.
    for (let i = 0; i < 50; i++) companion.emit('queue.delta', delta(++seq, 1024))
    expect(shell!.events.stats()[0]).toMatchObject({ queueResync: true, pendingStates: 0 })
    companion.queue = { ...companion.queue, seq, counts: { stat: 0, high: 0, normal: 424242 } }
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.resume()
    await until(() => text.includes('424242'), 'the whole queue after the drain')
    companion.emit('queue.delta', delta(++seq))
    await until(() => text.includes(`"seq":${seq},`), 'the next delta')
    const frames = text.split('\n\n').filter((f) => f.includes('event: queue.'))
    const seqs = frames.map((f) => [f.includes('event: queue.updated') ? 'snapshot' : 'delta', Number(/"seq":(\d+)/.exec(f)?.[1])])
    // Deltas up to the block, the snapshot at the last change, then deltas that follow it: no gap.
    const afterBlock = seqs.filter(([, n]) => (n as number) > lastWritten)
    expect(afterBlock).toEqual([['snapshot', seq - 1], ['delta', seq]])
    expect(shell!.events.stats()[0]).toMatchObject({ queueResync: false, blocked: false })
    socket.destroy()
  })
})

describe('a page that stalls, is closed by the shell and reconnects', () => {
  it('gets the alerts raised while it was not reading, once, through Last-Event-ID', async () => {
    await start({ eventStallLimitMs: 1000 })
    const p = page()
    await p.connect()
    companion.emit('alert.shown', notice(50))
    await until(() => p.alerts().length === 1, 'the first alert')
    p.pause()
    // Keep the queue changing until the shell gives up on the page: how many bytes the kernel's
    // socket buffers absorb first varies by machine, so a fixed count of snapshots is not enough.
    const stallDeadline = Date.now() + 20_000
    for (let i = 0; shell!.events.count() === 1 && Date.now() < stallDeadline; i++) {
      companion.emit('queue.updated', bigSnapshot(i, 256 * 1024))
      if (i === 10) companion.emit('alert.shown', notice(51))
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    companion.emit('alert.shown', notice(52))
    await until(() => shell!.events.count() === 0, 'the shell to close the stalled stream')
    await p.connect()
    await until(() => p.alerts().length >= 3, 'the alerts raised during the stall')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(p.alerts().map((n) => n.studyIds[0]!.slice(-2))).toEqual(['32', '33', '34'])
  })
})

describe('alerts no page took survive a restart of the shell', () => {
  it('are kept in the profile and given to the first page of the next run, once', async () => {
    const fake = fakeCompanionFactory()
    const profile = tempDir('rrc-web-undelivered-')
    const { root, renderer } = fakeRendererDir()
    dirs.push(profile, root)
    const options = { port: 0, profileDir: profile, rendererDir: renderer, secrets: createMemorySecretStore(), log: false }
    const first = await startWebShell({ ...options, companionFactory: fake.factory })
    fake.companion.emit('alert.shown', notice(40))
    await first.close()

    const next = fakeCompanionFactory()
    shell = await startWebShell({ ...options, companionFactory: next.factory })
    expect(shell.events.delivery().undelivered).toBe(1)
    const p = page()
    await p.connect()
    await until(() => p.alerts().length === 1, 'the alert of the previous run')
    await until(() => shell!.events.delivery().undelivered === 0, 'delivery to be recorded')
    await shell.close()
    shell = await startWebShell({ ...options, companionFactory: fakeCompanionFactory().factory })
    expect(shell.events.delivery().raised).toBe(0)
  })
})
