import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { keychainAccount } from '@main/engine/ports'
import { clearRequests, loggedRequests, makeRig, makeWorld, newStudy, requestCount, setFault, signIn, startOnline, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000

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

describe('faults change the connection state and recover', () => {
  it.each([
    ['a 503', { status: 503 }, 'server-error'],
    ['a 500', { status: 500, shouldRetry: false }, 'server-error'],
    ['a dropped connection', { dropConnection: true }, 'offline'],
    ['malformed JSON', { malformedJson: true }, 'server-error']
  ])('%s', async (_label, fault, expected) => {
    const rig = await online()
    await setFault(world, fault)
    await rig.advance(STAT_MS)
    expect(status(rig)).toBe(expected)
    const failed = rig.last('connection.changed')!
    expect(failed.reason).toBeTruthy()
    expect(failed.lastSuccessAt).not.toBeNull()
    // The retry comes after a backed-off delay (the stat interval, then doubling), not at once.
    const state = (await rig.companion.handle('app.getState', {}))
    expect(state.ok && state.value.connection.nextPollAt).toBeTruthy()
    await setFault(world, null)
    const stat = await newStudy(world, 'stat')
    await rig.advance(10 * STAT_MS)
    expect(status(rig)).toBe('online')
    // Nothing was lost while the server failed.
    expect(rig.notifier.shown.map((n) => n.studyIds)).toEqual([[stat.studyId]])
    await rig.companion.stop()
  })

  it('honours retry-after on 429 and reports rate-limited', async () => {
    const rig = await online()
    await setFault(world, { status: 429, retryAfterSeconds: 42, count: 1 })
    await rig.advance(STAT_MS)
    expect(status(rig)).toBe('rate-limited')
    const state = await rig.companion.handle('app.getState', {})
    if (!state.ok) throw new Error('getState failed')
    expect(Date.parse(state.value.connection.nextPollAt!) - rig.clock.now()).toBe(42_000)
    await clearRequests(world)
    await rig.advance(41_000)
    expect(await requestCount(world)).toBe(0)
    await rig.advance(1000)
    expect(status(rig)).toBe('online')
    await rig.companion.stop()
  })

  it('on a lasting 401 stops polling, re-probes the stored key with one cheap request every few minutes, and a new key restarts polling', async () => {
    const rig = await online()
    await setFault(world, { status: 401 })
    await rig.advance(STAT_MS)
    expect(status(rig)).toBe('key-rejected')
    await clearRequests(world)
    await rig.advance(10 * 60_000)
    // Only the re-probes went out: users.list with limit 1, a few minutes apart.
    const probes = await loggedRequests(world)
    expect(probes.length).toBeGreaterThanOrEqual(1)
    expect(probes.length).toBeLessThanOrEqual(3)
    for (const r of probes) expect(r).toMatchObject({ method: 'GET', path: '/v1/viewer/users', query: { limit: '1' } })
    expect(status(rig)).toBe('key-rejected')
    const state = await rig.companion.handle('app.getState', {})
    expect(state.ok && state.value.connection.nextPollAt).toBeNull()
    await setFault(world, null)
    await signIn(rig, world)
    expect(status(rig)).toBe('online')
    await rig.companion.stop()
  })

  it('turns stale by itself, between failures, once the data is two queue intervals old', async () => {
    const rig = await online()
    await setFault(world, { dropConnection: true })
    const queueMs = DEFAULT_SETTINGS.queueIntervalSec * 1000
    await rig.advance(2 * queueMs - 1000)
    expect(rig.last('connection.changed')!.stale).toBe(false)
    // Backoff keeps retries sparse now; the stale flag must not wait for the next failure.
    const failuresBefore = rig.events.filter((e) => e.name === 'connection.changed').length
    await rig.advance(1001)
    const conn = rig.last('connection.changed')!
    expect(conn.stale).toBe(true)
    expect(rig.events.filter((e) => e.name === 'connection.changed').length).toBe(failuresBefore + 1)
    await rig.companion.stop()
  })

  it('marks data stale after two queue intervals without success', async () => {
    const rig = await online()
    await setFault(world, { dropConnection: true })
    await rig.advance(2 * DEFAULT_SETTINGS.queueIntervalSec * 1000 + 10 * STAT_MS)
    const conn = rig.last('connection.changed')!
    expect(conn.status).toBe('offline')
    expect(conn.stale).toBe(true)
    await rig.companion.stop()
  })

  it('pauses on suspend and polls at once on resume', async () => {
    const rig = await online()
    rig.companion.suspend()
    expect(status(rig)).toBe('paused')
    await clearRequests(world)
    await rig.advance(5 * 60_000)
    expect(await requestCount(world)).toBe(0)
    const stat = await newStudy(world, 'stat')
    rig.companion.resume()
    await rig.settle()
    expect(status(rig)).toBe('online')
    expect(rig.notifier.shown.map((n) => n.studyIds)).toEqual([[stat.studyId]])
    await rig.companion.stop()
  })
})

describe('sign-in', () => {
  it('reports a rejected key, an unreachable server and a bad URL in words', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    expect(status(rig)).toBe('signed-out')
    const rejected = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: 'sk_live_00000000000000000000000000000000' })
    expect(rejected).toEqual({ ok: true, value: { ok: false, problem: 'key-rejected', message: 'The server rejected this API key.' } })
    const unreachable = await rig.companion.handle('auth.saveKey', { baseUrl: 'http://127.0.0.1:9', apiKey: 'x' })
    expect(unreachable).toEqual({ ok: true, value: { ok: false, problem: 'unreachable', message: 'Cannot reach the server at http://127.0.0.1:9.' } })
    const badUrl = await rig.companion.handle('auth.saveKey', { baseUrl: 'http://api.example.com', apiKey: 'x' })
    expect(badUrl.ok && badUrl.value).toMatchObject({ ok: false, problem: 'invalid-url' })
    const good = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    expect(good).toEqual({ ok: true, value: { ok: true, needsIdentity: true } })
    expect(rig.last('auth.changed')).toMatchObject({ hasKey: true, identity: null })
    await rig.companion.stop()
  })

  it('saves nothing when the key is rejected or the server cannot be reached', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    const wrongKey = 'sk_live_11111111111111111111111111111111'
    const rejected = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: wrongKey })
    expect(rejected.ok && rejected.value).toMatchObject({ ok: false, problem: 'key-rejected' })
    const unreachable = await rig.companion.handle('auth.saveKey', { baseUrl: 'http://127.0.0.1:9', apiKey: wrongKey })
    expect(unreachable.ok && unreachable.value).toMatchObject({ ok: false, problem: 'unreachable' })
    expect(await world.secrets.get(keychainAccount(world.sandbox.baseURL))).toBeNull()
    expect(await world.secrets.get(keychainAccount('http://127.0.0.1:9'))).toBeNull()
    expect(status(rig)).toBe('signed-out')
    const state = await rig.companion.handle('app.getState', {})
    expect(state.ok && state.value.auth.hasKey).toBe(false)
    expect(JSON.stringify(state) + JSON.stringify(world.state.read()) + rig.logger.lines.join('\n')).not.toContain(wrongKey)
    await rig.companion.stop()
  })

  it('saves the key in the secret store, finds users, follows one, and signs out keeping settings', async () => {
    const rig = makeRig(world)
    await rig.companion.start()
    const saved = await rig.companion.handle('auth.saveKey', { baseUrl: `${world.sandbox.baseURL}/`, apiKey: world.sandbox.apiKey })
    expect(saved.ok && saved.value.ok).toBe(true)
    expect(await world.secrets.get(keychainAccount(world.sandbox.baseURL))).toBe(world.sandbox.apiKey)
    expect(status(rig)).toBe('needs-identity')
    const byEmail = await rig.companion.handle('auth.findUsers', { query: world.radiologist.email })
    expect(byEmail.ok && byEmail.value).toEqual([{ userId: world.radiologist.userId, email: world.radiologist.email, displayName: 'Rae Diologist', clinicRole: 'Radiologist' }])
    const byName = await rig.companion.handle('auth.findUsers', { query: 'diolog' })
    expect(byName.ok && byName.value.map((u) => u.userId)).toEqual([world.radiologist.userId])
    // An empty query lists everyone to pick from.
    const everyone = await rig.companion.handle('auth.findUsers', { query: '' })
    expect(everyone.ok && everyone.value.map((u) => u.userId).sort()).toEqual([world.radiologist.userId, world.sandbox.owner.userId].sort())
    await rig.companion.handle('auth.setIdentity', { userId: world.radiologist.userId })
    await rig.settle()
    expect(status(rig)).toBe('online')
    await rig.companion.handle('settings.update', { statIntervalSec: 3 })

    const out = await rig.companion.handle('auth.signOut', {})
    expect(out).toEqual({ ok: true, value: { ok: true } })
    expect(rig.last('auth.changed')).toMatchObject({ hasKey: false, identity: { userId: world.radiologist.userId } })
    expect(await world.secrets.get(keychainAccount(world.sandbox.baseURL))).toBeNull()
    expect(status(rig)).toBe('signed-out')
    await clearRequests(world)
    await rig.advance(60_000)
    expect(await requestCount(world)).toBe(0)
    const state = await rig.companion.handle('app.getState', {})
    expect(state.ok && state.value.settings.statIntervalSec).toBe(3)
    const signedOutCall = await rig.companion.handle('study.get', { studyId: `stu_${'0'.repeat(32)}` })
    expect(signedOutCall).toMatchObject({ ok: false, error: { code: 'not-signed-in' } })

    // The key never travelled in an event, the persisted state or a log line.
    const everything = JSON.stringify(rig.events) + rig.logger.lines.join('\n') + JSON.stringify(world.state.read())
    expect(everything).not.toContain(world.sandbox.apiKey)
    await rig.companion.stop()
  })

  it('refuses to save when no secret store is usable, with the store\'s own words', async () => {
    const broken = {
      describe: async () => ({ kind: 'none' as const, label: 'None', problem: { reason: 'No Secret Service is running.', fix: 'Install gnome-keyring.' }, fallbackNeedsConsent: false }),
      get: async () => null,
      set: async () => {
        throw new Error('unusable')
      },
      delete: async () => undefined
    }
    const rig = makeRig({ ...world, secrets: broken })
    await rig.companion.start()
    const saved = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    expect(saved).toEqual({ ok: true, value: { ok: false, problem: 'storage-unavailable', message: 'No Secret Service is running. Install gnome-keyring.' } })
    await rig.companion.stop()
  })
})
