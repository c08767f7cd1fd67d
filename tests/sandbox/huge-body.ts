/**
 * Offers a server a request with a huge body over a raw socket, honouring back-pressure, and
 * reports how much it accepted before the connection closed. A server that keeps reading a body it
 * already refused accepts all of it; one that closes the connection accepts about what fits in the
 * socket buffers.
 */
import net from 'node:net'
import { expect } from 'vitest'

export interface HugeBodyOffer {
  port: number
  method: string
  path: string
  headers?: Record<string, string>
  /** Declared size; default 1 GiB. Sent as Content-Length, or chunked when `chunked` is set. */
  offeredBytes?: number
  chunked?: boolean
  /** Give up (and destroy the socket) after this long; default 10 s. */
  timeoutMs?: number
}

export interface HugeBodyOutcome {
  /** The status line's code, or null when no answer arrived before the close. */
  status: number | null
  /** The raw answer head (status line and headers), lower-cased. */
  head: string
  /** Body bytes the socket took before it closed (what the server's side absorbed, plus kernel buffers). */
  bytesAccepted: number
  offeredBytes: number
  /** Time from the first byte sent to the socket closing. */
  closedAfterMs: number
  /** True when the socket closed on its own; false when the timeout had to end it. */
  closedByServer: boolean
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61)

export function offerHugeBody(offer: HugeBodyOffer): Promise<HugeBodyOutcome> {
  const offeredBytes = offer.offeredBytes ?? 1024 ** 3
  const timeoutMs = offer.timeoutMs ?? 10_000
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: offer.port })
    const started = performance.now()
    let received = ''
    let bodyBytes = 0
    let closedByServer = true
    let finished = false

    const timer = setTimeout(() => {
      closedByServer = false
      socket.destroy()
    }, timeoutMs)

    const finish = () => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      const head = received.split('\r\n\r\n')[0]!.toLowerCase()
      const match = /^http\/1\.1 (\d{3})/.exec(head)
      resolve({
        status: match ? Number(match[1]) : null,
        head,
        bytesAccepted: bodyBytes,
        offeredBytes,
        closedAfterMs: performance.now() - started,
        closedByServer
      })
    }
    socket.on('data', (chunk: Buffer) => {
      // Only the head matters; keep memory bounded.
      if (received.length < 16 * 1024) received += chunk.toString('latin1')
    })
    socket.on('error', () => {})
    socket.on('close', finish)

    socket.on('connect', () => {
      const headers: Record<string, string> = {
        host: `127.0.0.1:${offer.port}`,
        'content-type': 'application/json',
        ...(offer.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(offeredBytes) }),
        ...offer.headers
      }
      const headLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
      socket.write(`${offer.method} ${offer.path} HTTP/1.1\r\n${headLines.join('\r\n')}\r\n\r\n`)
      const pump = () => {
        while (!socket.destroyed && bodyBytes < offeredBytes) {
          const piece = offer.chunked ? Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]) : CHUNK
          bodyBytes += CHUNK.length
          if (!socket.write(piece)) {
            socket.once('drain', pump)
            return
          }
        }
      }
      pump()
    })
  })
}

/** Generous bounds for "closed promptly, having taken far less than offered". */
export const PROMPT_CLOSE_MS = 5_000
export const MOST_BYTES_ACCEPTED = 64 * 1024 * 1024

/** An early refusal: the server closed the connection promptly, took far less than offered, and (when the answer was read) said `status` with Connection: close. */
export function expectRefusedAndClosed(outcome: HugeBodyOutcome, status: number): void {
  expect(outcome.closedByServer, 'the server closed the connection').toBe(true)
  expect(outcome.closedAfterMs).toBeLessThan(PROMPT_CLOSE_MS)
  expect(outcome.bytesAccepted).toBeLessThan(MOST_BYTES_ACCEPTED)
  expect(outcome.bytesAccepted).toBeLessThan(outcome.offeredBytes / 10)
  // The answer is flushed before the close; it is read whenever the reset does not overtake it.
  if (outcome.status !== null) {
    expect(outcome.status).toBe(status)
    expect(outcome.head).toContain('connection: close')
  }
}
