/**
 * A page's event stream as a browser's EventSource keeps it: frames parsed per the SSE rules, the
 * last event id remembered and sent back as `Last-Event-ID` on reconnect. Used by the delivery
 * tests and the soak script to count which alerts reached "a page".
 */
import http from 'node:http'
import net from 'node:net'
import type { AlertNotice } from '@shared/ipc/contract'

export interface SseFrame {
  event: string
  data: string
  id: string | null
}

export class SsePage {
  lastEventId: string | null = null
  readonly frames: SseFrame[] = []
  #request: http.ClientRequest | null = null
  #response: http.IncomingMessage | null = null
  #connected: Promise<void> | null = null

  /** `eventsUrl`: the shell's `…/<token>/api/events`. */
  constructor(private readonly eventsUrl: string) {}

  /** Opens (or re-opens, sending Last-Event-ID like EventSource) the stream; resolves when the first byte arrived. */
  connect(): Promise<void> {
    this.close()
    this.#connected = new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' }
      if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId
      const request = http.get(this.eventsUrl, { agent: false, headers }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`event stream answered ${response.statusCode}`))
        this.#response = response
        let buffer = ''
        let pendingId: string | null = null
        response.on('data', (chunk: Buffer) => {
          resolve()
          buffer += chunk.toString('utf8')
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            let event = 'message'
            const data: string[] = []
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue
              const colon = line.indexOf(':')
              const field = colon < 0 ? line : line.slice(0, colon)
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
              if (field === 'event') event = value
              else if (field === 'data') data.push(value)
              else if (field === 'id') pendingId = value
            }
            // As EventSource: the id is kept even by a frame nobody listens to.
            if (pendingId !== null) this.lastEventId = pendingId
            pendingId = null
            if (data.length > 0) this.frames.push({ event, data: data.join('\n'), id: this.lastEventId })
          }
        })
        response.on('error', () => undefined)
      })
      request.on('error', (error) => (this.#request === request ? reject(error) : undefined))
      this.#request = request
    })
    return this.#connected
  }

  /** Stop reading (a frozen tab): what arrives stays unparsed in the buffers. */
  pause(): void {
    this.#response?.pause()
  }

  close(): void {
    const request = this.#request
    this.#request = null
    request?.destroy()
  }

  alerts(): AlertNotice[] {
    return this.frames.filter((frame) => frame.event === 'alert.shown').map((frame) => JSON.parse(frame.data) as AlertNotice)
  }

  count(event: string): number {
    return this.frames.filter((frame) => frame.event === event).length
  }
}

/** A page that asks for the stream and then never reads a byte (a frozen tab): only the kernel buffers fill. */
export function stalledPage(eventsUrl: string): Promise<net.Socket> {
  const url = new URL(eventsUrl)
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`)
      // Read the first bytes (the answer began), then stop reading for good.
      socket.once('data', () => {
        socket.pause()
        resolve(socket)
      })
    })
    socket.setNoDelay(true)
    // Keep the receive side small so back-pressure reaches the shell quickly.
    socket.on('error', reject)
  })
}

/** Per study: how many times an alert named it. */
export function alertCounts(notices: readonly AlertNotice[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const notice of notices) if (!notice.reAlert) for (const id of notice.studyIds) counts.set(id, (counts.get(id) ?? 0) + 1)
  return counts
}

/** created / once / twice or more / never, over the stat studies created. */
export function tally(created: readonly string[], notices: readonly AlertNotice[]): { created: number; once: number; duplicates: number; missed: number } {
  const counts = alertCounts(notices)
  let once = 0
  let duplicates = 0
  let missed = 0
  for (const id of created) {
    const n = counts.get(id) ?? 0
    if (n === 0) missed++
    else if (n === 1) once++
    else duplicates++
  }
  return { created: created.length, once, duplicates, missed }
}
