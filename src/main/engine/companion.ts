/**
 * The Companion facade both shells use (start/stop/handle/on/suspend/resume/notificationClicked/
 * traySummary). The work is done by the engine's units (engine.ts): account sessions with their
 * lanes and connection state machine, the Queue, the AlertDesk, and the bridge handlers table.
 *
 * The API key lives only in the account session (and the keychain). It is never emitted, returned,
 * persisted or logged; error texts are written by the engine, never copied from a request.
 */
import { AuthenticationError, AvaraError } from '@shared/avara/errors'
import { CALLS, isCallName, type BridgeResult, type CallName, type CallResponse, type EventName, type EventPayloads } from '@shared/ipc/contract'
import { createHandlers } from './bridge-handlers'
import { CallError, describeUpstream, describeZodIssue, errorName } from './call-errors'
import type { Companion, TraySummary } from './companion-api'
import { Engine } from './engine'
import { keychainAccount, type CorePorts } from './ports'
import { summarizeForTray } from './tray-summary'

export function createCompanion(ports: CorePorts): Companion {
  const engine = new Engine(ports)
  const handlers = createHandlers(engine)
  const { log } = engine

  async function handle<K extends CallName>(name: K, request: unknown): Promise<BridgeResult<CallResponse<K>>> {
    if (!isCallName(name)) return { ok: false, error: { code: 'unknown-call', message: `Unknown call "${String(name).slice(0, 60)}".` } }
    const parsed = CALLS[name].request.safeParse(request ?? {})
    if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: describeZodIssue(parsed.error.issues[0]) } }
    try {
      const handler = handlers[name] as (r: unknown) => Promise<CallResponse<K>>
      const failedBefore = engine.keeper.failedSaves
      const value = await handler(parsed.data)
      // The call took effect in this run; if what it changed could not be saved, its result says so.
      const notSaved = engine.keeper.failedSaves > failedBefore ? engine.keeper.saveProblem() : null
      return notSaved ? { ok: true, value, notSaved } : { ok: true, value }
    } catch (error) {
      if (error instanceof CallError) return { ok: false, error: { code: error.code, message: error.message } }
      if (error instanceof AuthenticationError) engine.primary.rejectKey()
      if (error instanceof AvaraError) return { ok: false, error: { code: 'upstream', message: describeUpstream(error) } }
      log.error('call failed', { call: name, error: errorName(error) })
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. Try again.' } }
    }
  }

  async function start(): Promise<void> {
    engine.load()
    engine.emitQueue()
    await engine.describeStorage()
    const session = engine.primary
    try {
      const key = await ports.secrets.get(keychainAccount(session.baseUrl))
      if (key) session.useKey(key)
    } catch (error) {
      log.warn('reading the key failed', { error: errorName(error) })
    }
    engine.emitAuth()
    log.info('companion started', { shell: ports.shell, signedIn: session.hasKey, identity: session.identity?.userId ?? null })
    session.start()
    engine.emitConnection()
  }

  async function stop(): Promise<void> {
    for (const session of engine.sessions) {
      session.stopPolling()
      if (engine.queue.fetchedAt(session.id) !== null) engine.saveAccount(session)
    }
    engine.keeper.flush()
    engine.desk.stop()
  }

  function traySummary(): TraySummary {
    const id = engine.primary.id
    const { mine, pool } = engine.queue.ordered(id)
    const counts = engine.queue.counts(id)
    // Stat studies lead the ordered queue: the tray gets those, not a pass over all of them.
    const stat = mine.slice(0, counts.stat)
    return summarizeForTray({ mine: stat, statPool: pool, counts, ledger: engine.desk.ledger(id), status: engine.connectionState().status, pausedUntil: engine.desk.pausedUntil() })
  }

  return {
    start,
    stop,
    handle,
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void) {
      return engine.events.on(name, listener)
    },
    suspend() {
      for (const session of engine.sessions) session.suspend()
      engine.emitConnection()
    },
    resume() {
      for (const session of engine.sessions) session.resume()
      engine.emitConnection()
    },
    async notificationClicked(studyIds: string[]) {
      const [first] = studyIds
      if (first === undefined) return
      if (studyIds.length === 1) {
        const result = await handle('study.open', { studyId: first })
        if (!result.ok || !result.value.ok) log.warn('opening from a notification failed', { studyId: first })
      }
      engine.events.emit('alert.clicked', { studyId: first, accountId: engine.primary.id })
    },
    traySummary,
    queueSnapshot: () => engine.sentQueue
  }
}
