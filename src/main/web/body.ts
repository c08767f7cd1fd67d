/** Reads a request body up to a limit; JSON parsing is the caller's. */
import type { IncomingMessage, ServerResponse } from 'node:http'

export const BODY_LIMIT_BYTES = 64 * 1024

export class BodyTooLargeError extends Error {}

/** True when the request announces a body (a length above zero, or chunked). */
export function carriesBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0
}

/**
 * A body is presumed refused until it has been read: every earlier answer (401, 403, 404, 405,
 * 415, ...) then closes the connection once flushed, instead of Node reading and discarding an
 * upload of any size to keep the connection alive. Whoever reads the body in full removes the
 * header again (`response.removeHeader('Connection')`).
 */
export function closeUnlessBodyRead(request: IncomingMessage, response: ServerResponse): void {
  if (carriesBody(request)) response.setHeader('Connection', 'close')
}

export function readBody(request: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new BodyTooLargeError())
        request.removeAllListeners('data')
        request.resume()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
