/**
 * The Companion facade both shells use (start/stop/handle/on/suspend/resume/notificationClicked/
 * traySummary). The work is done by the engine's units (engine.ts): account sessions with their
 * lanes and connection state machine, the Queue, the AlertDesk, and the bridge handlers table.
 *
 * The API key lives only in the account session (and the keychain). It is never emitted, returned,
 * persisted or logged; error texts are written by the engine, never copied from a request.
 */
import { AuthenticationError, AvaraError } from '@shared/avara/errors'
import { CALLS, isCallName, type BridgeResult, type CallName, type CallResponse, type EventName, type EventPayloads, type StudyRef } from '@shared/ipc/contract'
import { createHandlers } from './bridge-handlers'
import { CallError, describeUpstream, describeZodIssue, errorName } from './call-errors'
import type { Companion, TraySummary } from './companion-api'
import { Engine } from './engine'
import type { CorePorts } from './ports'
import { summarizeForTray } from './tray-summary'
import { mergeOrdered } from './work-queue'

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
      if (error instanceof AuthenticationError) accountOfRequest(parsed.data)?.rejectKey()
      if (error instanceof AvaraError) return { ok: false, error: { code: 'upstream', message: describeUpstream(error) } }
      log.error('call failed', { call: name, error: errorName(error) })
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app. Try again.' } }
    }
  }

  /** The session a failed call named (the first account when it named none). */
  function accountOfRequest(request: unknown) {
    const named = typeof request === 'object' && request !== null && 'accountId' in request ? (request as { accountId?: unknown }).accountId : undefined
    return typeof named === 'string' ? engine.sessions.find((s) => s.id === named) : engine.primary
  }

  async function start(): Promise<void> {
    engine.load()
    engine.emitQueue()
    await engine.describeStorage()
    // Every account's key from its own keychain entry (the first account's keeps its name from before accounts).
    for (const session of engine.sessions) {
      try {
        const key = await ports.secrets.get(engine.keychainNameOf(session))
        if (key) session.useKey(key)
      } catch (error) {
        log.warn('reading the key failed', { account: session.id, error: errorName(error) })
      }
    }
    engine.emitAuth()
    const session = engine.primary
    log.info('companion started', { shell: ports.shell, signedIn: session.hasKey, identity: session.identity?.userId ?? null, accounts: engine.sessions.length })
    for (const s of engine.sessions) s.start()
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
    const ids = engine.accountIds
    const counts = engine.queue.totalCounts(ids)
    // Stat studies lead each account's ordered queue: the tray gets those, merged, not a pass over all studies.
    const stat = mergeOrdered(ids.map((id) => engine.queue.ordered(id).mine.slice(0, engine.queue.counts(id).stat)))
    const pool = mergeOrdered(ids.map((id) => engine.queue.ordered(id).pool))
    return summarizeForTray({
      mine: stat,
      statPool: pool,
      counts,
      ledger: (study) => engine.desk.ledger(study.accountId)[study.studyId],
      status: engine.connectionState().status,
      pausedUntil: engine.desk.pausedUntil(),
      accountName: (accountId) => engine.accountNameFor(accountId)
    })
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
    async notificationClicked(studies: StudyRef[]) {
      const [first] = studies
      if (first === undefined) return
      if (studies.length === 1) {
        const result = await handle('study.open', first)
        if (!result.ok || !result.value.ok) log.warn('opening from a notification failed', { studyId: first.studyId })
      }
      engine.events.emit('alert.clicked', { studyId: first.studyId, accountId: first.accountId })
    },
    traySummary,
    queueSnapshot: () => engine.sentQueue
  }
}
