import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { CACHE_WRITE_DELAY_MS } from '@main/engine/engine'
import { createConfStateStore } from '@main/node'
import { makeRig, makeWorld, newStudy, startOnline, type World } from './harness'

/**
 * A poll's state write runs on the turn after the poll's delivery when it records an alert, and
 * within CACHE_WRITE_DELAY_MS when only the cached queue changed (a 10,000-study account takes
 * milliseconds to check and write, and 7 MiB of text; docs/core.md, "Changes, not copies").
 * Nothing may be lost by it: the write happens on its own, and a stop in between writes it then.
 */
const QUEUE_MS = DEFAULT_SETTINGS.queueIntervalSec * 1000

let world: World
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  await world.close()
})

const stored = (world: World) => createConfStateStore({ cwd: world.profileDir }).read().accounts[0]!
const cachedIds = (world: World) => stored(world).snapshot?.mine.map((s) => s.studyId) ?? []
const ledgerIds = (world: World) => Object.keys(stored(world).ledger)

describe('the state write after a poll', () => {
  it('records an alert on the turn after the poll’s own, not in it', async () => {
    const rig = await startOnline(world)
    const stat = await newStudy(world, 'stat')
    let ledgerAtDelivery: string[] | null = null
    rig.companion.on('alert.shown', () => {
      ledgerAtDelivery ??= ledgerIds(world)
    })
    await rig.advance(DEFAULT_SETTINGS.statIntervalSec * 1000)
    expect(rig.notifier.shown.map((n) => n.studyIds)).toEqual([[stat.studyId]])
    expect(ledgerAtDelivery).toEqual([])
    expect(ledgerIds(world)).toEqual([stat.studyId])
    await rig.companion.stop()
  })

  it('writes a change to the cached queue alone within the delay, not at once', async () => {
    const rig = await startOnline(world)
    const study = await newStudy(world, 'normal')
    await rig.advance(QUEUE_MS)
    expect(rig.shownQueue().mine.map((s) => s.studyId)).toEqual([study.studyId])
    expect(cachedIds(world)).toEqual([])
    await rig.advance(CACHE_WRITE_DELAY_MS)
    expect(cachedIds(world)).toEqual([study.studyId])
    await rig.companion.stop()
  })

  it('is written by a stop that comes before the next turn', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    const saved = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    expect(saved.ok).toBe(true)
    const study = await newStudy(world, 'normal')
    let stopped: Promise<void> | null = null
    let storedAtStop: string[] | null = null
    // Stopped from inside the delivery of the first queue poll, before its own write's turn.
    rig.companion.on('queue.delta', (delta) => {
      if (stopped || !delta.mine || delta.mine.length === 0) return
      stopped = rig.companion.stop()
      storedAtStop = cachedIds(world)
    })
    const set = await rig.companion.handle('auth.setIdentity', { userId: world.radiologist.userId })
    expect(set.ok).toBe(true)
    await rig.settle()
    expect(stopped).not.toBeNull()
    await stopped
    expect(storedAtStop).toEqual([study.studyId])
    expect(cachedIds(world)).toEqual([study.studyId])
  })
})
