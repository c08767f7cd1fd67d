/**
 * GET /api/events: the core's events as Server-Sent Events (`event: <name>` + JSON data), a
 * comment heartbeat so proxies and the browser keep the stream open, and every listener removed
 * when the page goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_NAMES } from '@shared/ipc/contract'
import type { Companion } from '@main/engine/companion-api'

export const HEARTBEAT_MS = 15_000

export interface EventStreams {
  open(request: IncomingMessage, response: ServerResponse): void
  /** Streams currently open (tests, diagnostics). */
  count(): number
  closeAll(): void
}

export function createEventStreams(companion: Companion, heartbeatMs = HEARTBEAT_MS): EventStreams {
  const open = new Set<() => void>()

  return {
    count: () => open.size,
    closeAll() {
      for (const close of [...open]) close()
    },
    open(request, response) {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no'
      })
      // Reconnect quickly after a restart of the shell; then a first byte so the browser fires `open`.
      response.write('retry: 2000\n: connected\n\n')
      const unsubscribers = EVENT_NAMES.map((name) =>
        companion.on(name, (payload) => {
          response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
        })
      )
      const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs)
      let closed = false
      const close = (): void => {
        if (closed) return
        closed = true
        clearInterval(heartbeat)
        for (const unsubscribe of unsubscribers) unsubscribe()
        open.delete(close)
        if (!response.writableEnded) response.end()
      }
      open.add(close)
      request.on('close', close)
      response.on('close', close)
      response.on('error', close)
    }
  }
}
