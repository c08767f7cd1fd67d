/**
 * The engine under an administrator's policy, through the bridge, with a real profile (conf in a
 * temp folder) and the sandbox over HTTP: locked settings are refused, presets fill only what the
 * user never chose, a locked setting's own user value survives the lock, the server can be preset
 * and locked, and a policy with a problem is reported and not applied at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS, type AppState } from '@shared/ipc/contract'
import { checkManagedPolicy, type ManagedPolicy, type PolicyReading } from '@shared/ipc/managed-policy'
import { createCompanion } from '@main/engine/companion'
import type { Companion } from '@main/engine/companion-api'
import { createConfStateStore } from '@main/node'
import { ManualClock } from '../core/helpers'
import { RecordingLogger, RecordingNotifier, RecordingOpener, makeWorld, type World } from './harness'

const POLICY_FILE = '/etc/reading-room-companion/policy.json'

let world: World
let running: Companion[] = []
beforeEach(async () => {
  world = await makeWorld()
})
afterEach(async () => {
  for (const companion of running) await companion.stop()
  running = []
  await world.close()
})

function loaded(policy: ManagedPolicy): PolicyReading {
  const checked = checkManagedPolicy(policy, () => null) // the engine's own URL rule is what these tests exercise
  if (!checked.ok) throw new Error(`test policy is invalid: ${JSON.stringify(checked.issues)}`)
  return { status: 'loaded', file: POLICY_FILE, policy: checked.policy }
}

/** A fresh engine on the world's profile (a restart each time), started. */
async function startEngine(policy?: PolicyReading): Promise<{ companion: Companion; logger: RecordingLogger }> {
  const logger = new RecordingLogger()
  const companion = createCompanion({
    shell: 'web',
    version: '0.0.0-test',
    secrets: world.secrets,
    state: createConfStateStore({ cwd: world.profileDir }),
    opener: new RecordingOpener(),
    notifier: new RecordingNotifier(),
    logger,
    clock: new ManualClock(Date.now()),
    random: () => 0.5,
    ...(policy ? { policy } : {})
  })
  await companion.start()
  running.push(companion)
  return { companion, logger }
}

async function stopAll(): Promise<void> {
  for (const companion of running) await companion.stop()
  running = []
}

async function state(companion: Companion): Promise<AppState> {
  const result = await companion.handle('app.getState', {})
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('settings under a policy', () => {
  it('applies the policy defaults to a new profile and reports what it sets and locks', async () => {
    const { companion, logger } = await startEngine(
      loaded({ settings: { statIntervalSec: 3, queueIntervalSec: 60, alerts: { sound: false } }, locked: ['statIntervalSec'] })
    )
    const app = await state(companion)
    expect(app.settings.statIntervalSec).toBe(3)
    expect(app.settings.queueIntervalSec).toBe(60)
    expect(app.settings.alerts.sound).toBe(false)
    expect(app.managed).toMatchObject({
      file: POLICY_FILE,
      lockedSettings: ['statIntervalSec'],
      presetSettings: ['queueIntervalSec', 'statIntervalSec', 'alerts.sound'],
      allowSandbox: true,
      problem: null
    })
    expect(logger.lines.some((line) => line.startsWith('info policy applied') && line.includes(POLICY_FILE))).toBe(true)
  })

  it('refuses a change to a locked setting with a clear error and changes nothing, while the others still save', async () => {
    const { companion } = await startEngine(loaded({ settings: { statIntervalSec: 3, alerts: { sound: true } }, locked: ['statIntervalSec', 'alerts.sound'] }))
    const refused = await companion.handle('settings.update', { statIntervalSec: 10, queueIntervalSec: 45 })
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: `Set by your administrator: statIntervalSec is locked by the policy file ${POLICY_FILE} and cannot be changed here.` }
    })
    const nested = await companion.handle('settings.update', { alerts: { sound: false } })
    expect(nested.ok).toBe(false)
    if (!nested.ok) expect(nested.error.message).toContain('alerts.sound')
    expect((await state(companion)).settings).toMatchObject({ statIntervalSec: 3, queueIntervalSec: DEFAULT_SETTINGS.queueIntervalSec, alerts: { sound: true } })
    const allowed = await companion.handle('settings.update', { queueIntervalSec: 45 })
    expect(allowed).toEqual({ ok: true, value: { ok: true } })
    expect((await state(companion)).settings).toMatchObject({ queueIntervalSec: 45, statIntervalSec: 3 })
  })

  it('never lets a policy default override what the user chose, and brings the user value back when a lock is lifted', async () => {
    // The user chooses 20 s for the stat lane and 120 s for the queue, without any policy.
    const first = await startEngine()
    await first.companion.handle('settings.update', { statIntervalSec: 20 })
    await first.companion.handle('settings.update', { queueIntervalSec: 120 })
    await stopAll()

    // A policy presets both and locks the stat lane: the lock wins, the preset does not.
    const policy = loaded({ settings: { statIntervalSec: 4, queueIntervalSec: 15, alerts: { high: true } }, locked: ['statIntervalSec'] })
    const second = await startEngine(policy)
    expect((await state(second.companion)).settings).toMatchObject({ statIntervalSec: 4, queueIntervalSec: 120, alerts: { high: true } })
    // Saving another setting under the lock must not write the locked value as the user's.
    await second.companion.handle('settings.update', { targets: { statMinutes: 20 } })
    await stopAll()

    // The lock is lifted (the same defaults stay): the user's own 20 s comes back.
    const third = await startEngine(loaded({ settings: { statIntervalSec: 4, queueIntervalSec: 15, alerts: { high: true } } }))
    expect((await state(third.companion)).settings).toMatchObject({ statIntervalSec: 20, queueIntervalSec: 120, alerts: { high: true }, targets: { statMinutes: 20 } })
    await stopAll()

    // No policy at all: exactly what the user saved; the policy's default for alerts.high was never theirs.
    const fourth = await startEngine()
    expect((await state(fourth.companion)).settings).toMatchObject({ statIntervalSec: 20, queueIntervalSec: 120, alerts: { high: DEFAULT_SETTINGS.alerts.high } })
  })

  it('counts values an older profile saved (different from the built-in defaults) as the user choice', async () => {
    const store = createConfStateStore({ cwd: world.profileDir })
    // Written the way an app without managed configuration wrote it: no record of choices.
    store.write({ ...store.read(), settings: { ...DEFAULT_SETTINGS, queueIntervalSec: 90 } })
    const { companion } = await startEngine(loaded({ settings: { queueIntervalSec: 15, statIntervalSec: 3 } }))
    expect((await state(companion)).settings).toMatchObject({ queueIntervalSec: 90, statIntervalSec: 3 })
  })
})

describe('the server under a policy', () => {
  it('presets the server for a new profile; the user may still sign in elsewhere, and that choice stays', async () => {
    const preset = 'https://avara.clinic.example'
    const { companion } = await startEngine(loaded({ serverUrl: preset, allowSandbox: false }))
    const app = await state(companion)
    expect(app.auth.baseUrl).toBe(preset)
    expect(app.managed).toMatchObject({ serverUrl: preset, serverUrlLocked: false, allowSandbox: false })
    const saved = await companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    expect(saved).toMatchObject({ ok: true, value: { ok: true } })
    expect((await state(companion)).auth.baseUrl).toBe(world.sandbox.baseURL)
    await stopAll()
    const again = await startEngine(loaded({ serverUrl: preset }))
    expect((await state(again.companion)).auth).toMatchObject({ baseUrl: world.sandbox.baseURL, hasKey: true })
  })

  it('locks the server: keys for another server are refused, the locked one works', async () => {
    const { companion } = await startEngine(loaded({ serverUrl: world.sandbox.baseURL, locked: ['serverUrl'] }))
    expect((await state(companion)).auth.baseUrl).toBe(world.sandbox.baseURL)
    const elsewhere = await companion.handle('auth.saveKey', { baseUrl: 'https://api.avarasoftware.com', apiKey: world.sandbox.apiKey })
    expect(elsewhere).toEqual({
      ok: true,
      value: { ok: false, problem: 'invalid-url', message: `Set by your administrator: this computer connects only to ${world.sandbox.baseURL} (policy file ${POLICY_FILE}).` }
    })
    // The same address written differently (trailing slash) is the same server.
    const saved = await companion.handle('auth.saveKey', { baseUrl: `${world.sandbox.baseURL}/`, apiKey: world.sandbox.apiKey })
    expect(saved).toMatchObject({ ok: true, value: { ok: true } })
    expect((await state(companion)).auth).toMatchObject({ baseUrl: world.sandbox.baseURL, hasKey: true })
  })

  it('moves a profile that pointed elsewhere to the locked server, clearing that server identity but keeping settings', async () => {
    const first = await startEngine()
    await first.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    await first.companion.handle('auth.setIdentity', { userId: world.radiologist.userId })
    await first.companion.handle('settings.update', { queueIntervalSec: 77 })
    await stopAll()
    const locked = 'https://avara.clinic.example'
    const { companion } = await startEngine(loaded({ serverUrl: locked, locked: ['serverUrl'] }))
    const app = await state(companion)
    expect(app.auth).toMatchObject({ baseUrl: locked, identity: null, hasKey: false })
    expect(app.settings.queueIntervalSec).toBe(77)
    expect(createConfStateStore({ cwd: world.profileDir }).read().accounts[0]).toMatchObject({ baseUrl: locked, keychainAccount: `avara-api-key@${locked}`, identity: null })
  })
})

describe('a policy with a problem', () => {
  it('is not applied at all, is reported with its file and fields, and leaves the user settings alone', async () => {
    const first = await startEngine()
    await first.companion.handle('settings.update', { queueIntervalSec: 40 })
    await stopAll()
    const issues = [{ field: 'settings.alerts.sond', message: 'unknown key (not a policy field)' }]
    const { companion, logger } = await startEngine({ status: 'invalid', file: POLICY_FILE, issues })
    const app = await state(companion)
    expect(app.managed).toMatchObject({ file: null, lockedSettings: [], serverUrl: null, allowSandbox: true, problem: { file: POLICY_FILE, issues } })
    expect(app.settings).toEqual({ ...DEFAULT_SETTINGS, queueIntervalSec: 40 })
    expect(app.auth.baseUrl).toBe(DEFAULT_BASE_URL)
    const warning = logger.lines.find((line) => line.startsWith('warn policy file not applied'))
    expect(warning).toContain(POLICY_FILE)
    expect(warning).toContain('settings.alerts.sond: unknown key')
    expect((await companion.handle('settings.update', { statIntervalSec: 9 })).ok).toBe(true)
  })

  it('refuses a well-formed server address that sign-in would refuse (plain http off this computer)', async () => {
    const { companion } = await startEngine(loaded({ serverUrl: 'http://avara.clinic.example', settings: { statIntervalSec: 3 }, locked: ['serverUrl', 'statIntervalSec'] }))
    const app = await state(companion)
    expect(app.managed?.problem).toEqual({ file: POLICY_FILE, issues: [{ field: 'serverUrl', message: 'The server address must use https unless it points to this computer.' }] })
    // Not half applied: the valid lock on the stat lane is not in force either.
    expect(app.settings.statIntervalSec).toBe(DEFAULT_SETTINGS.statIntervalSec)
    expect((await companion.handle('settings.update', { statIntervalSec: 9 })).ok).toBe(true)
  })
})
