/**
 * A tiny scripted HTTP server on 127.0.0.1:0 that records every request exactly as it arrived,
 * for checking the client's wire behaviour without the sandbox.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CapturedRequest {
  method: string
  /** Path and raw query string, exactly as sent. */
  url: string
  path: string
  /** The raw query string without `?`, or `''`. */
  rawQuery: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Reply {
  status?: number
  headers?: Record<string, string>
  /** Serialised as JSON unless `raw` is given. */
  json?: unknown
  raw?: string
  /** Wait this long before answering (the reply is dropped if the client goes away). */
  delayMs?: number
  /** Close the socket without answering. */
  destroy?: boolean
}

export type ReplyScript = (request: CapturedRequest, index: number) => Reply

export interface CaptureServer {
  baseURL: string
  requests: CapturedRequest[]
  /** Replace the script; replies default to `200 {}`. */
  reply(script: ReplyScript): void
  /** Answer the next requests with these replies in order, then keep repeating the last one. */
  replySequence(replies: Reply[]): void
  close(): Promise<void>
}

export async function startCaptureServer(script: ReplyScript = () => ({ json: {} })): Promise<CaptureServer> {
  const requests: CapturedRequest[] = []
  let current = script

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = req.url ?? '/'
      const queryAt = url.indexOf('?')
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url,
        path: queryAt === -1 ? url : url.slice(0, queryAt),
        rawQuery: queryAt === -1 ? '' : url.slice(queryAt + 1),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      requests.push(captured)
      const reply = current(captured, requests.length - 1)
      if (reply.delayMs) {
        const timer = setTimeout(() => send(res, reply), reply.delayMs)
        res.on('close', () => clearTimeout(timer))
      } else {
        send(res, reply)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      current = next
    },
    replySequence(replies) {
      current = (_request, index) => replies[Math.min(index, replies.length - 1)] ?? { json: {} }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.destroy) {
    res.socket?.destroy()
    return
  }
  const body = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json))
  const headers = { ...(reply.raw === undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers }
  res.writeHead(reply.status ?? 200, headers)
  res.end(body)
}
