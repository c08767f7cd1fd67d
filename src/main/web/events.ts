/**
 * GET /api/events: the core's events as Server-Sent Events (`event: <name>` + JSON data), a
 * comment heartbeat so proxies and the browser keep the stream open, and every listener removed
 * when the page goes away.
 *
 * Delivery, not emission: alerts go through an AlertJournal. Each alert frame carries an id
 * (`<run>.<seq>`); a page that connects gets the alerts no page has taken yet, and a page that
 * reconnects with `Last-Event-ID` gets the alerts it missed, each once.
 *
 * Back-pressure: when `write()` returns false the stream stops writing. Meanwhile state events are
 * coalesced (the latest of each name) and alerts wait in the journal; on `drain` the missed alerts
 * and the latest states are written. Queue deltas cannot be coalesced (each builds on the one
 * before): while blocked they are dropped, and on `drain` the page gets the whole queue once
 * (`queue.updated`, as the last delta left it) and the deltas after it. A stream blocked longer than the stall limit is closed (the
 * page's EventSource reconnects and catches up through `Last-Event-ID`). See docs/fault-tolerance.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_NAMES, type AlertNotice, type EventName } from '@shared/ipc/contract'
import type { Companion } from '@main/engine/companion-api'
import { AlertJournal, JOURNAL_SIZE, type DeliveryCounts, type JournalEntry } from './alert-journal'

export const HEARTBEAT_MS = 15_000
/** A stream that has not drained for this long is closed: a frozen tab must not grow the shell's memory. */
export const STALL_LIMIT_MS = 30_000
/** The frame that tells a page where it stands in the alert sequence (its EventSource keeps the id). */
export const CURSOR_EVENT = 'stream.cursor'
/** In the profile: alerts raised and taken by no page yet, so a crash of the shell does not lose them. */
export const UNDELIVERED_ALERTS_FILE = 'undelivered-alerts.json'

export interface EventStreamOptions {
  heartbeatMs?: number
  stallLimitMs?: number
  journalSize?: number
  /** Where undelivered alerts are kept across a crash of the shell (the profile); none: memory only. */
  undeliveredFile?: string
  onStreamClosed?: (reason: 'page-left' | 'stalled' | 'shell-closing') => void
}

export interface StreamStats {
  /** Bytes queued in the response, not yet handed to the socket. */
  writableLength: number
  blocked: boolean
  /** State events waiting (coalesced, at most one per name). */
  pendingStates: number
  /** Queue deltas were dropped: the whole queue goes out when the page reads again. */
  queueResync: boolean
}

export interface EventStreams {
  open(request: IncomingMessage, response: ServerResponse): void
  /** Streams currently open (tests, diagnostics). */
  count(): number
  stats(): StreamStats[]
  /** Alerts raised in this run and how many reached a page. */
  delivery(): DeliveryCounts
  closeAll(): void
}

/** Each event's JSON, made once however many pages listen (a payload object is never changed after it is emitted). */
const serialised = new WeakMap<object, string>()
function dataOf(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return JSON.stringify(payload)
  let json = serialised.get(payload)
  if (json === undefined) serialised.set(payload, (json = JSON.stringify(payload)))
  return json
}

const frame = (name: string, payload: unknown, id?: string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${dataOf(payload)}\n\n`

export function createEventStreams(companion: Companion, options: number | EventStreamOptions = {}): EventStreams {
  const settings = typeof options === 'number' ? { heartbeatMs: options } : options
  const heartbeatMs = settings.heartbeatMs ?? HEARTBEAT_MS
  const stallLimitMs = settings.stallLimitMs ?? STALL_LIMIT_MS
  const journal = new AlertJournal(settings.journalSize ?? JOURNAL_SIZE, settings.undeliveredFile ?? null)
  const open = new Map<(reason: 'page-left' | 'stalled' | 'shell-closing') => void, () => StreamStats>()
  // Subscribed from the shell's start, before the engine starts: alerts raised before any page connects are kept.
  companion.on('alert.shown', (notice) => journal.record(notice))

  return {
    count: () => open.size,
    stats: () => [...open.values()].map((stats) => stats()),
    delivery: () => journal.counts(),
    closeAll() {
      for (const close of [...open.keys()]) close('shell-closing')
    },
    open(request, response) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no'
      })
      let blocked = false
      let stallTimer: ReturnType<typeof setTimeout> | null = null
      const pendingStates = new Map<EventName, unknown>()
      /** Deltas were dropped while blocked: the page needs the whole queue before the next one. */
      let queueResync = false
      let closed = false

      const send = (text: string, onFlushed?: (error?: Error | null) => void): void => {
        if (closed) return
        if (!response.write(text, onFlushed) && !blocked) {
          blocked = true
          stallTimer = setTimeout(() => close('stalled'), stallLimitMs)
        }
      }

      // Reconnect quickly after a restart of the shell; then a first byte so the browser fires `open`.
      send('retry: 2000\n: connected\n\n')

      const cursor = journal.cursorFrom(request.headers['last-event-id'])
      // A reconnecting page gets what it missed; a new page gets what no page took.
      const catchUp: JournalEntry[] = cursor === null ? journal.undelivered() : journal.after(cursor)
      let alertCursor = cursor ?? journal.lastSeq

      const sendAlert = (entry: JournalEntry): void => {
        send(frame('alert.shown', entry.notice, journal.eventId(entry.seq)), (error) => {
          if (!error) journal.markDelivered(entry)
        })
        alertCursor = Math.max(alertCursor, entry.seq)
      }
      for (const entry of catchUp) sendAlert(entry)
      send(frame(CURSOR_EVENT, {}, journal.eventId(alertCursor)))

      /** Alerts after this stream's cursor, while the stream takes them. */
      const pumpAlerts = (): void => {
        for (const entry of journal.after(alertCursor)) {
          if (blocked || closed) return
          sendAlert(entry)
        }
      }

      const unsubscribers = EVENT_NAMES.map((name) =>
        companion.on(name, (payload) => {
          if (name === 'alert.shown') {
            journal.record(payload as AlertNotice)
            pumpAlerts()
          } else if (name === 'queue.delta' && (blocked || queueResync)) {
            // Not kept: the snapshot sent on drain holds it (companion.queueSnapshot() is up to date).
            queueResync = true
          } else if (blocked) {
            // Coalesce: only the latest of each state reaches a page that was not reading.
            pendingStates.delete(name)
            pendingStates.set(name, payload)
          } else {
            send(frame(name, payload))
          }
        })
      )

      const onDrain = (): void => {
        blocked = false
        if (stallTimer !== null) clearTimeout(stallTimer)
        stallTimer = null
        pumpAlerts()
        if (queueResync && !blocked) {
          queueResync = false
          pendingStates.delete('queue.updated')
          send(frame('queue.updated', companion.queueSnapshot()))
        }
        for (const [name, payload] of pendingStates) {
          if (blocked) return
          pendingStates.delete(name)
          send(frame(name, payload))
        }
      }
      response.on('drain', onDrain)

      const heartbeat = setInterval(() => {
        if (!blocked) send(': heartbeat\n\n')
      }, heartbeatMs)

      const close = (reason: 'page-left' | 'stalled' | 'shell-closing'): void => {
        if (closed) return
        closed = true
        clearInterval(heartbeat)
        if (stallTimer !== null) clearTimeout(stallTimer)
        for (const unsubscribe of unsubscribers) unsubscribe()
        pendingStates.clear()
        open.delete(close)
        // A stalled page would never take what is buffered: drop it with the connection.
        if (reason === 'stalled') response.destroy()
        else if (!response.writableEnded) response.end()
        settings.onStreamClosed?.(reason)
      }
      open.set(close, () => ({ writableLength: response.writableLength, blocked, pendingStates: pendingStates.size, queueResync }))
      request.on('close', () => close('page-left'))
      response.on('close', () => close('page-left'))
      response.on('error', () => close('page-left'))
    }
  }
}
