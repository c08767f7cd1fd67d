import type { Duplex } from 'node:stream'

/**
 * Requests Node's HTTP parser rejects (unknown method, broken request line, oversized headers)
 * never reach the listener; answer them with the same JSON error body instead of Node's bare 400.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
  const body = JSON.stringify({
    message: tooLarge ? 'Request headers are too large' : 'Malformed HTTP request',
    code: tooLarge ? 'headers_too_large' : 'malformed_request'
  })
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n${body}`
  )
}
