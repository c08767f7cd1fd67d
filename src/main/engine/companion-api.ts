/**
 * What the core offers its shells. Both shells (Electron IPC, web HTTP + SSE) forward calls to
 * `handle` and events from `on`; nothing else of the core is reachable from a renderer.
 */
import type { Severity } from '@shared/avara/contract'
import type { BridgeResult, CallName, CallResponse, EventName, EventPayloads, QueueSnapshot, QueueStudy, StudyRef } from '@shared/ipc/contract'

export interface TraySummary {
  counts: Record<Severity, number>
  /** The oldest-waiting stat studies (at most 5), for the tray menu. */
  topStat: QueueStudy[]
  /** `offline` while the server cannot be reached, rejects the key or fails. */
  state: 'normal' | 'stat-waiting' | 'offline'
  /**
   * The newest stat study still alerting (not opened or acknowledged), how many others alert, and
   * the severity it had when it escalated to stat (null: it arrived as stat). The Electron tray
   * puts it into words (src/main/electron/strings).
   */
  /** `description` names the account first when several are followed. */
  newestStat: { studyId: string; accountId: string; description: string; others: number; escalatedFrom: 'high' | 'normal' | null } | null
  alertsPausedUntil: string | null
}

export interface Companion {
  /** Load persisted state and the key, show the cached queue, start polling if signed in. */
  start(): Promise<void>
  /** Stop timers and flush state. */
  stop(): Promise<void>
  /** Validate `request` against the contract and run the call; errors come back as data. */
  handle<K extends CallName>(name: K, request: unknown): Promise<BridgeResult<CallResponse<K>>>
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** Power and session: pause on suspend/lock, poll at once on resume/unlock. */
  suspend(): void
  resume(): void
  /** A native or browser notification was clicked: open that study (or the queue for a summary). */
  notificationClicked(studies: StudyRef[]): Promise<void>
  traySummary(): TraySummary
  /**
   * The queue as the last `queue.delta` left it (no delta is emitted by asking): what a shell sends
   * as `queue.updated` to a page that missed deltas.
   */
  queueSnapshot(): QueueSnapshot
}
