import type { IncomingMessage } from 'node:http'
import { ApiError, badRequest } from './errors'

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024
/** Past this we stop draining an oversized upload and drop the connection. */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024

/** True when the request announces a body (a length above zero, or chunked). */
export function carriesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
}

const tooLarge = () => new ApiError(413, 'payload_too_large', `Request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`)

/**
 * Reads the whole body. An oversized body is drained (not buffered) before answering 413, so the
 * client can read the answer instead of seeing its upload cut off.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let oversized = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_DRAIN_BYTES) {
        req.destroy()
        reject(tooLarge())
        return
      }
      if (size > MAX_BODY_BYTES) oversized = true
      if (!oversized) chunks.push(chunk)
    })
    req.on('end', () => (oversized ? reject(tooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

/**
 * The JSON body of a POST/PATCH as an object. No body, `{}` and the literal `null` all mean "no
 * fields" (the SDK sends `null` when a caller passes null).
 */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim()
  if (text === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badRequest('Request body is not valid JSON', 'malformed_json')
  }
  if (value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('Request body must be a JSON object', 'invalid_body')
  return value
}
