/**
 * Honest persistence with the real engine against the sandbox: while the profile cannot be written
 * (a tmpfs remounted read-only, or an injected write failure) stat studies are alerted once from the
 * ledger in memory; the save is retried and lands once the disk is repaired; after a restart nothing
 * alerts again. Counts created / alerted once / twice / never: N / N / 0 / 0.
 */
import fs from 'node:fs'
import path from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import type { AlertNotice } from '@shared/ipc/contract'
import { createStateStoreOn, createConfStateStore, type JsonFileBackend } from '@main/node'
import { ProfileNotWritableError } from '@main/web/profile-lock'
import { makeRig, makeWorld, newStudy, signIn, type World } from './harness'
import { mountTmpfs } from './helpers/tmpfs'
import { makeWebWorld, signInThroughShell, sleep, waitUntil, type WebWorld } from './helpers/web-world'
import { tally } from '../web-shell/sse-client'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const ledgerOnDisk = (file: string): Record<string, unknown> => {
  try {
    // The shown account's ledger (the first account: docs of src/main/engine/persistence/README.md).
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { accounts?: Array<{ ledger?: Record<string, unknown> }> }).accounts?.[0]?.ledger ?? {}
  } catch {
    return {}
  }
}

describe('a read-only profile, repaired and restarted (web shell, tmpfs)', () => {
  it('alerts each stat study once across the fault, the repair and two restarts; a start while read-only is refused in words', async () => {
    const mount = mountTmpfs('rrc-own-ro-', 4096)
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    cleanups.push(() => mount.unmount())
    const world: WebWorld = await makeWebWorld({ profileDir: mount.dir })
    cleanups.push(() => world.close())
    const stateFile = path.join(mount.dir, 'companion-state.json')
    const seen: AlertNotice[] = []

    await world.start()
    await signInThroughShell(world)
    const page = world.page()
    await page.connect()
    const created = [await world.createStat()]
    await waitUntil(() => page.alerts().length >= 1, 'the first alert')

    mount.setReadOnly(true)
    created.push(await world.createStat(), await world.createStat())
    await waitUntil(() => tally(created, page.alerts()).once === 3, 'alerts raised while read-only')
    const acknowledged = await world.call('alerts.acknowledge', { studyId: created[0] })
    expect(acknowledged.ok).toBe(true)
    await sleep(2_500) // another stat poll while read-only: memory keeps them alerted
    expect(Object.keys(ledgerOnDisk(stateFile))).not.toContain(created[1])

    mount.setReadOnly(false)
    // The store retries with backoff; the ledger of the incident lands on disk without a restart.
    await waitUntil(() => created.every((id) => id in ledgerOnDisk(stateFile)), 'the retried save', 20_000)
    seen.push(...page.alerts())
    await world.stop()

    // A start while read-only says why in words (no raw EROFS).
    mount.setReadOnly(true)
    const refused = await world.start().then(
      () => null,
      (error: unknown) => error
    )
    expect(refused).toBeInstanceOf(ProfileNotWritableError)
    expect((refused as Error).message).toMatch(/cannot be written: the disk is read-only/)
    mount.setReadOnly(false)

    await world.start()
    const after = world.page()
    await after.connect()
    created.push(await world.createStat())
    await waitUntil(() => after.alerts().length >= 1, 'the new study after the restart')
    await sleep(4_500) // two more stat polls
    seen.push(...after.alerts())
    const counts = tally(created, seen)
    console.log(`read-only profile: created ${counts.created}, once ${counts.once}, twice ${counts.duplicates}, never ${counts.missed}`)
    expect(counts).toEqual({ created: 4, once: 4, duplicates: 0, missed: 0 })
    // The acknowledgement made while read-only survived the restart.
    expect((ledgerOnDisk(stateFile)[created[0]!] as { acknowledged: boolean }).acknowledged).toBe(true)
  }, 90_000)
})

describe('an injected write failure, repaired and restarted (engine with the conf store)', () => {
  it('alerts N stat studies once while every save fails, saves them on repair, and a restart alerts none again', async () => {
    const world: World = await makeWorld()
    cleanups.push(() => world.close())
    const file = path.join(world.profileDir, 'companion-state.json')
    let failing = false
    const realOpen = (): JsonFileBackend => openConf(world.profileDir)
    const flaky = (): JsonFileBackend => {
      const inner = realOpen()
      return {
        path: inner.path,
        get store() {
          return inner.store
        },
        set store(value) {
          if (failing) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' })
          inner.store = value
        }
      }
    }
    const state = createStateStoreOn({ file, open: flaky, retryMs: { first: 20, max: 200 } })
    cleanups.push(() => state.close())
    const rig = makeRig({ state, secrets: world.secrets })
    await rig.companion.start()
    await signIn(rig, world)

    failing = true
    const created: string[] = []
    for (let i = 0; i < 3; i++) created.push((await newStudy(world, 'stat')).studyId)
    await rig.advance(5_000)
    await rig.advance(5_000)
    expect(state.saveStatus().ok).toBe(false)
    expect(Object.keys(ledgerOnDisk(file))).not.toContain(created[0])

    failing = false
    await waitUntil(() => state.saveStatus().ok, 'the retried save')
    await rig.companion.stop()

    const restarted = makeRig({ state: createConfStateStore({ cwd: world.profileDir }), secrets: world.secrets })
    await restarted.companion.start()
    await restarted.settle()
    await restarted.advance(5_000)
    await restarted.advance(30_000)
    // The restarted engine did poll and sees the studies: it just has nothing left to alert.
    const seenAfterRestart = restarted.shownQueue().mine.map((study) => study.studyId)
    expect(seenAfterRestart).toEqual(expect.arrayContaining(created))
    await restarted.companion.stop()
    const counts = tally(created, [...rig.notifier.shown, ...restarted.notifier.shown])
    console.log(`injected write failure: created ${counts.created}, once ${counts.once}, twice ${counts.duplicates}, never ${counts.missed}`)
    expect(counts).toEqual({ created: 3, once: 3, duplicates: 0, missed: 0 })
  }, 60_000)
})

/** conf itself, as createConfStateStore opens it (the injected failure wraps the real backend). */
function openConf(cwd: string): JsonFileBackend {
  return new Conf<Record<string, unknown>>({ cwd, projectName: 'reading-room-companion', configName: 'companion-state', configFileMode: 0o600 }) as unknown as JsonFileBackend
}

describe('the engine tells the user', () => {
  it('a save problem is a state of the app, the call that could not be saved says so, and the repair clears it', async () => {
    const world: World = await makeWorld()
    cleanups.push(() => world.close())
    const file = path.join(world.profileDir, 'companion-state.json')
    let failing = false
    const state = createStateStoreOn({
      file,
      open: () => {
        const inner = openConf(world.profileDir)
        return {
          path: inner.path,
          get store() {
            return inner.store
          },
          set store(value) {
            if (failing) throw Object.assign(new Error('EROFS: injected'), { code: 'EROFS' })
            inner.store = value
          }
        }
      },
      retryMs: { first: 20, max: 100 }
    })
    cleanups.push(() => state.close())
    const rig = makeRig({ state, secrets: world.secrets })
    await rig.companion.start()
    await signIn(rig, world)
    const study = await newStudy(world, 'stat')
    await rig.advance(5_000)

    failing = true
    const acknowledged = await rig.companion.handle('alerts.acknowledge', { studyId: study.studyId })
    const expected = `Changes cannot be saved: the disk is read-only, ${world.profileDir}`
    expect(acknowledged).toMatchObject({ ok: true, notSaved: expected })
    const app = await rig.companion.handle('app.getState', {})
    expect(app.ok && app.value.connection.saveProblem).toBe(expected)
    expect(app.ok && app.value.storage?.saveProblem).toBe(expected)
    expect(rig.last('connection.changed')?.saveProblem).toBe(expected)

    failing = false
    await waitUntil(() => state.saveStatus().ok, 'the retried save')
    await rig.settle()
    expect(rig.last('connection.changed')?.saveProblem).toBeNull()
    const settings = await rig.companion.handle('settings.update', { statIntervalSec: 10 })
    expect(settings.ok && 'notSaved' in settings).toBe(false)
    await rig.companion.stop()
  }, 30_000)

  it('a recovery at start is in the app state: what came back and what was lost', async () => {
    const world: World = await makeWorld()
    cleanups.push(() => world.close())
    const first = makeRig({ state: createConfStateStore({ cwd: world.profileDir }), secrets: world.secrets })
    await first.companion.start()
    await signIn(first, world)
    await newStudy(world, 'stat')
    await first.advance(5_000)
    await first.companion.stop()
    fs.writeFileSync(path.join(world.profileDir, 'companion-state.json'), 'null')

    const restarted = makeRig({ state: createConfStateStore({ cwd: world.profileDir }), secrets: world.secrets })
    await restarted.companion.start()
    const app = await restarted.companion.handle('app.getState', {})
    const recovery = app.ok ? app.value.storage?.recovery : null
    expect(recovery?.message).toMatch(/damaged/)
    expect(recovery?.recovered).toEqual(expect.arrayContaining(['alert history', 'followed radiologist', 'settings']))
    expect(recovery?.lost).toEqual(['cached queue'])
    await restarted.companion.stop()
  }, 30_000)
})
