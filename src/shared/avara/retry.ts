/**
 * Retry policy of docs/avara-viewer-api.md §2, as pure functions: which responses are retried and how long to
 * wait first. Clock and randomness are parameters so the schedule is testable without waiting.
 */

/** Whether a non-2xx response may be retried. `x-should-retry` is checked first and wins. */
export function isRetryableResponse(status: number, headers: Headers): boolean {
  const override = headers.get('x-should-retry')
  if (override === 'true') return true
  if (override === 'false') return false
  return status === 408 || status === 409 || status === 429 || status >= 500
}

const INITIAL_BACKOFF_MS = 500
const MAX_BACKOFF_MS = 8_000

/**
 * Milliseconds to wait before the next attempt.
 * @param retriesMade retries already made before this wait (0 before the first retry)
 * @param random a number in [0, 1), e.g. `Math.random`
 * @param now current time in ms since the epoch, for `retry-after` HTTP dates
 */
export function retryDelayMs(headers: Headers | undefined, retriesMade: number, random: () => number, now: () => number): number {
  const serverWait = headers ? serverRequestedWaitMs(headers, now) : undefined
  if (serverWait !== undefined) return serverWait
  return defaultBackoffMs(retriesMade, random)
}

/** min(0.5 s × 2^n, 8 s) × jitter in (0.75, 1]. */
export function defaultBackoffMs(retriesMade: number, random: () => number): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retriesMade, MAX_BACKOFF_MS)
  const jitter = 1 - random() * 0.25
  return base * jitter
}

/** What the wait is read from: `Headers`, or anything with the same `get`. */
export interface HeaderSource {
  get(name: string): string | null
}

/**
 * The one reading of Retry-After (the client's retries and the engine's poll lanes both use it;
 * the engine caps it at its own limit). The wait the server asked for, honoured without an upper cap: `retry-after-ms` (float ms),
 * then `retry-after` (float seconds, or an HTTP date). A `retry-after-ms` of 0 only counts when
 * there is no `retry-after`; then it means "retry now". Undefined when neither gives a usable value.
 */
export function serverRequestedWaitMs(headers: HeaderSource, now: () => number): number | undefined {
  const millis = parseNonNegative(headers.get('retry-after-ms'))
  if (millis !== undefined && millis > 0) return millis

  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = parseNonNegative(retryAfter)
    if (seconds !== undefined) return seconds * 1000
    const date = Date.parse(retryAfter)
    // A date already past means "now".
    if (!Number.isNaN(date)) return Math.max(0, date - now())
  }
  return millis
}

function parseNonNegative(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined
  const value = Number(text.trim())
  return Number.isFinite(value) && value >= 0 ? value : undefined
}
