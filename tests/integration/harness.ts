/**
 * A companion wired to real parts: the sandbox over HTTP on 127.0.0.1 (port 0), the conf-backed
 * state store in a temp folder, the memory secret store. Recording stand-ins only at the OS edges
 * (notifier, external opener). Scheduling uses a manual clock; HTTP runs for real, so `settle()`
 * waits until no request is in flight and the promise chains behind them have run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Avara from '@shared/avara'
import type { AlertNotice, EventName, EventPayloads, QueueSnapshot } from '@shared/ipc/contract'
import { applyQueueDelta } from '@shared/ipc/queue-delta'
import type { PolicyReading } from '@shared/ipc/managed-policy'
import { createCompanion } from '@main/engine/companion'
import type { Companion } from '@main/engine/companion-api'
import type { CorePorts, ExternalOpener, LogFields, Logger, Notifier, SecretStore, StateStore } from '@main/engine/ports'
import { createConfStateStore } from '@main/node'
import { createMemorySecretStore } from '@main/engine/secrets'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { ManualClock, flush } from '../core/helpers'

export class RecordingNotifier implements Notifier {
  readonly shown: AlertNotice[] = []
  show(notice: AlertNotice): void {
    this.shown.push(notice)
  }
}

export class RecordingOpener implements ExternalOpener {
  readonly opened: URL[] = []
  constructor(readonly openedBy: 'shell' | 'page' = 'shell') {}
  async open(url: URL): Promise<void> {
    this.opened.push(url)
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = []
  #add(level: string, message: string, fields?: LogFields) {
    this.lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
  }
  debug(m: string, f?: LogFields) { this.#add('debug', m, f) }
  info(m: string, f?: LogFields) { this.#add('info', m, f) }
  warn(m: string, f?: LogFields) { this.#add('warn', m, f) }
  error(m: string, f?: LogFields) { this.#add('error', m, f) }
}

/** Counts requests in flight through the companion's fetch (`inner`, the real one by default). */
export function trackingFetch(inner: typeof fetch = fetch) {
  let inFlight = 0
  let started = 0
  const fetchFn: typeof fetch = async (input, init) => {
    inFlight++
    started++
    try {
      return await inner(input, init)
    } finally {
      inFlight--
    }
  }
  return { fetch: fetchFn, inFlight: () => inFlight, started: () => started }
}

export interface Rig {
  companion: Companion
  clock: ManualClock
  notifier: RecordingNotifier
  opener: RecordingOpener
  logger: RecordingLogger
  events: Array<{ name: EventName; payload: unknown }>
  /** Waits until the companion has no request in flight and its follow-up work has run. */
  settle(): Promise<void>
  /** Advances the manual clock (firing poll timers) and settles. */
  advance(ms: number): Promise<void>
  last<E extends EventName>(name: E): EventPayloads[E] | undefined
  /**
   * The queue as a page sees it: the engine's snapshot at the rig's start with every `queue.delta`
   * applied in order, as the renderer applies them (@shared/ipc/queue-delta). A delta that does
   * not follow the one before fails the test here.
   */
  shownQueue(): QueueSnapshot
  /** Every queue the page was shown after a delta, oldest first. */
  shownQueues: QueueSnapshot[]
}

export function makeRig(options: { state: StateStore; secrets: SecretStore; clock?: ManualClock; openedBy?: 'shell' | 'page'; fetch?: typeof fetch; policy?: PolicyReading }): Rig {
  const clock = options.clock ?? new ManualClock(Date.now())
  const notifier = new RecordingNotifier()
  const opener = new RecordingOpener(options.openedBy)
  const logger = new RecordingLogger()
  const tracker = trackingFetch(options.fetch)
  const ports: CorePorts = {
    shell: 'web',
    version: '0.0.0-test',
    secrets: options.secrets,
    state: options.state,
    opener,
    notifier,
    logger,
    clock,
    random: () => 0.5,
    fetch: tracker.fetch,
    ...(options.policy ? { policy: options.policy } : {})
  }
  const companion = createCompanion(ports)
  const events: Rig['events'] = []
  const names: EventName[] = ['queue.updated', 'connection.changed', 'auth.changed', 'settings.changed', 'accounts.changed', 'alert.shown', 'alert.clicked', 'alerts.pauseChanged']
  for (const name of names) companion.on(name, (payload) => events.push({ name, payload }))
  let shown = companion.queueSnapshot()
  let deltaProblem: string | null = null
  const shownQueues: QueueSnapshot[] = []
  companion.on('queue.delta', (delta) => {
    events.push({ name: 'queue.delta', payload: delta })
    const outcome = applyQueueDelta(shown, delta)
    // A listener's throw is caught by the engine (and logged): kept here, thrown by shownQueue().
    if (outcome.kind !== 'applied') deltaProblem ??= `queue.delta ${delta.seq} (base ${delta.baseSeq}) does not follow the page's ${shown.seq}: ${outcome.kind}`
    else shown = outcome.snapshot
    shownQueues.push(shown)
  })
  async function settle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      const before = tracker.started()
      while (tracker.inFlight() > 0) await new Promise((r) => setTimeout(r, 2))
      await flush()
      quiet = tracker.inFlight() === 0 && tracker.started() === before ? quiet + 1 : 0
    }
  }
  return {
    companion,
    clock,
    notifier,
    opener,
    logger,
    events,
    settle,
    async advance(ms) {
      await clock.advance(ms)
      await settle()
    },
    shownQueue() {
      if (deltaProblem) throw new Error(deltaProblem)
      return shown
    },
    shownQueues,
    last(name) {
      for (let i = events.length - 1; i >= 0; i--) if (events[i]!.name === name) return events[i]!.payload as never
      return undefined
    }
  }
}

export interface World {
  sandbox: RunningSandbox
  admin: InstanceType<typeof Avara>
  radiologist: { userId: string; email: string }
  profileDir: string
  state: StateStore
  secrets: SecretStore
  close(): Promise<void>
}

/** A fresh sandbox (empty seed) with one invited radiologist, a temp profile and a memory keychain. */
export async function makeWorld(): Promise<World> {
  const sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })
  const admin = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 0, logLevel: 'off' })
  const user = await admin.viewer.users.invite({
    email: 'rad.one@example.org',
    firstName: 'Rae',
    lastName: 'Diologist',
    clinicRole: 'Radiologist',
    level: 'member',
    canManageStudies: true,
    hasDashboardAccess: true
  })
  const profileDir = mkdtempSync(path.join(tmpdir(), 'rrc-core-'))
  return {
    sandbox,
    admin,
    radiologist: { userId: user.userId, email: user.email },
    profileDir,
    state: createConfStateStore({ cwd: profileDir }),
    secrets: createMemorySecretStore(),
    async close() {
      await sandbox.close()
      rmSync(profileDir, { recursive: true, force: true })
    }
  }
}

let uid = 0
export function newStudy(world: World, severity: 'stat' | 'high' | 'normal', assignedTo: string | null = world.radiologist.userId, description = `CT Chest ${++uid}`) {
  return world.admin.viewer.studies.create({
    severity,
    studyDescription: description,
    studyInstanceUid: `1.2.826.0.1.${Date.now() % 100000}.${++uid}`,
    ...(assignedTo ? { assignedTo } : {}),
    metadata: { patientName: 'Jane Q Patient' }
  })
}

/** Signs the rig in with the sandbox key and follows the radiologist; leaves the first poll done. */
export async function signIn(rig: Rig, world: World): Promise<void> {
  const saved = await rig.companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  if (!saved.ok || !saved.value.ok) throw new Error(`saveKey failed: ${JSON.stringify(saved)}`)
  const set = await rig.companion.handle('auth.setIdentity', { userId: world.radiologist.userId })
  if (!set.ok) throw new Error(`setIdentity failed: ${JSON.stringify(set)}`)
  await rig.settle()
}

/** A started rig, signed in and following the radiologist, whose connection says online. */
export async function startOnline(world: World): Promise<Rig> {
  const rig = makeRig(world)
  await rig.companion.start()
  await signIn(rig, world)
  const status = rig.last('connection.changed')?.status
  if (status !== 'online') throw new Error(`expected the connection to be online after sign-in, got ${String(status)}`)
  return rig
}

export async function setFault(world: World, config: Record<string, unknown> | null): Promise<void> {
  const res = await fetch(`${world.sandbox.baseURL}/_sandbox/faults`, {
    method: config ? 'POST' : 'DELETE',
    headers: { authorization: `Bearer ${world.sandbox.apiKey}`, 'content-type': 'application/json' },
    ...(config ? { body: JSON.stringify(config) } : {})
  })
  if (!res.ok) throw new Error(`fault control failed: ${res.status} ${await res.text()}`)
}

export async function requestCount(world: World): Promise<number> {
  const res = await fetch(`${world.sandbox.baseURL}/_sandbox/requests?limit=1000`, { headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
  const body = (await res.json()) as { requests: unknown[] }
  return body.requests.length
}

export async function clearRequests(world: World): Promise<void> {
  await fetch(`${world.sandbox.baseURL}/_sandbox/requests`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
}

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  status: number | null
}

export async function loggedRequests(world: World): Promise<LoggedRequest[]> {
  const res = await fetch(`${world.sandbox.baseURL}/_sandbox/requests?limit=1000`, { headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
  return ((await res.json()) as { requests: LoggedRequest[] }).requests
}
