/**
 * A stand-in for window.companion: the bridge is the renderer's only boundary, so component tests
 * drive the real stores and components through this object and assert on the calls it saw.
 */
import {
  DEFAULT_SETTINGS,
  type AppState,
  type CallName,
  type CallRequest,
  type CallResponse,
  type CompanionBridge,
  type EventName,
  type EventPayloads,
  type QueueDelta,
  type QueueSnapshot,
  type QueueStudy,
  type Settings,
  type StudyAlertState,
  studyKey
} from '@shared/ipc/contract'

type Handler<K extends CallName> = (request: CallRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>
type Handlers = { [K in CallName]?: Handler<K> }

export class FakeBridge implements CompanionBridge {
  readonly shell: 'web' | 'electron'
  readonly calls: Array<{ name: CallName; request: unknown }> = []
  private readonly handlers: Handlers = {}
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()
  /** Events a handler emitted, held back until after its answer (`eventsAfterAnswers`). */
  private held: Array<() => void> | null = null

  /**
   * The web shell's order: its event stream and the call's HTTP answer travel apart, so an event a
   * command emitted may arrive after the answer. When true, events a handler emits are delivered
   * only after its answer (on a later task); when false (Electron's order), before it.
   */
  eventsAfterAnswers = false

  constructor(shell: 'web' | 'electron' = 'web') {
    this.shell = shell
  }

  handle<K extends CallName>(name: K, handler: Handler<K>): this {
    ;(this.handlers as Record<string, unknown>)[name] = handler
    return this
  }

  async invoke<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
    this.calls.push({ name, request })
    const handler = this.handlers[name] as Handler<K> | undefined
    if (!handler) throw new Error(`FakeBridge: no handler for ${name}`)
    if (!this.eventsAfterAnswers) return handler(request)
    const held: Array<() => void> = []
    this.held = held
    try {
      return await handler(request)
    } finally {
      this.held = null
      setTimeout(() => held.forEach((deliver) => deliver()), 0)
    }
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(name)
    if (!set) this.listeners.set(name, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    const deliver = () => {
      for (const listener of this.listeners.get(name) ?? []) (listener as (p: EventPayloads[E]) => void)(payload)
    }
    if (this.held) this.held.push(deliver)
    else deliver()
  }

  /**
   * `settings.update` answered as the engine answers it: the patch merged into `current()`, the new
   * settings sent as one `settings.changed`, and the answer only `{ ok: true }`.
   */
  handleSettingsUpdate(current: () => Settings): this {
    return this.handle('settings.update', (patch) => {
      const now = current()
      const next = {
        ...now,
        ...patch,
        alerts: { ...now.alerts, ...patch.alerts },
        targets: { ...now.targets, ...patch.targets },
        appearance: { ...now.appearance, ...patch.appearance }
      } as Settings
      this.emit('settings.changed', next)
      return { ok: true } as const
    })
  }

  /**
   * Acknowledge and snooze answered as the engine answers them: the study's new alert state reaches
   * the page as one `queue.delta` (built on `page()`, the snapshot the page has) and the call itself
   * answers only `{ ok: true }`, never the queue.
   */
  handleAlertCommands(page: () => QueueSnapshot, snoozedUntil = '2026-01-01T13:00:00.000Z'): this {
    const mark = (ref: { accountId?: string; studyId: string }, status: 'acknowledged' | 'snoozed') => {
      const snapshot = page()
      const key = studyKey({ accountId: ref.accountId ?? 'primary', studyId: ref.studyId })
      const before = snapshot.alerts[key] ?? { status: 'alerting', firstAlertedAt: '2026-01-01T11:00:00.000Z', alertCount: 1, snoozedUntil: null }
      this.emit('queue.delta', alertsDelta(snapshot, { [key]: { ...before, status, snoozedUntil: status === 'snoozed' ? snoozedUntil : null } }))
      return { ok: true } as const
    }
    return this.handle('alerts.acknowledge', (ref) => mark(ref, 'acknowledged')).handle('alerts.snoozeStudy', (ref) => mark(ref, 'snoozed'))
  }

  callsOf(name: CallName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.request)
  }
}

let counter = 0
const hex = (n: number) => n.toString(16).padStart(32, '0')

export const ME = { userId: `usr_${hex(1)}`, email: 'rad@example.org', displayName: 'Dr Rad' }

export function makeStudy(overrides: Partial<QueueStudy> = {}): QueueStudy {
  counter += 1
  return {
    accountId: 'primary',
    studyId: `stu_${hex(counter)}`,
    studyInstanceUid: `1.2.840.113619.2.55.3.${1000 + counter}.${counter}`,
    studyDescription: `Study ${counter}`,
    severity: 'normal',
    studyViewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    assignedTo: { userId: ME.userId, email: ME.email, firstName: 'Dr', lastName: 'Rad' },
    expressCustomer: null,
    metadata: {},
    ...overrides
  }
}

export function snapshotOf(mine: QueueStudy[], extra: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return { epoch: 'test-run', seq: 0, mine, statPool: [], closed: [], alerts: {}, fetchedAt: '2026-01-01T12:00:00.000Z', fromCache: false, ...extra }
}

/** The `queue.delta` the engine sends when only alert states changed, following the page's snapshot `page`. */
export function alertsDelta(page: QueueSnapshot, set: Record<string, StudyAlertState>, cleared: string[] = []): QueueDelta {
  return {
    epoch: page.epoch,
    seq: page.seq + 1,
    baseSeq: page.seq,
    alerts: { set, cleared },
    counts: page.counts ?? { stat: 0, high: 0, normal: 0 },
    ...(page.countsByAccount ? { countsByAccount: page.countsByAccount } : {}),
    fetchedAt: page.fetchedAt,
    fromCache: page.fromCache
  }
}

export function appState(overrides: Partial<AppState> = {}): AppState {
  return {
    shell: 'web',
    version: '0.1.0',
    auth: {
      baseUrl: 'http://127.0.0.1:4010',
      hasKey: true,
      identity: ME,
      keyStorage: { kind: 'keychain', label: 'GNOME Keyring (Secret Service)', problem: null, fallbackNeedsConsent: false }
    },
    settings: structuredClone(DEFAULT_SETTINGS),
    connection: { status: 'online', lastSuccessAt: '2026-01-01T12:00:00.000Z', reason: null, nextPollAt: null, stale: false },
    queue: snapshotOf([]),
    alertsPausedUntil: null,
    ...overrides
  }
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
