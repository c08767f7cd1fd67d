/** One line of GET /_sandbox/requests. Never holds the Authorization header or any body. */
export interface RequestLogEntry {
  at: string
  method: string
  path: string
  query: Record<string, string>
  /** null when the connection was dropped without an answer. */
  status: number | null
  retryCount: number | null
  durationMs: number
  fault: string | null
}

/** Query parameters that are credentials and must never be echoed back. */
const SECRET_QUERY_KEYS = new Set(['token'])

export function decodeQueryForLog(search: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [key, value] of search) query[key] = SECRET_QUERY_KEYS.has(key) ? '[redacted]' : value
  return query
}

/** A ring buffer of the most recent requests, oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = []

  constructor(private readonly capacity = 1000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry)
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity)
  }

  /** The newest `limit` entries, newest last. */
  recent(limit = this.capacity): RequestLogEntry[] {
    return this.entries.slice(Math.max(0, this.entries.length - limit))
  }

  clear(): void {
    this.entries = []
  }
}
