/**
 * Retry delays after failed polls: exponential from the lane's own interval (factor 2), capped,
 * with jitter so many workstations recovering from one outage do not poll in lock-step; and the
 * server's own wait on 429 (`retry-after-ms`, `retry-after` seconds or HTTP date).
 */
import { serverRequestedWaitMs, type HeaderSource } from '@shared/avara/retry'
import type { Random } from './ports'

export const BACKOFF_CAP_MS = 5 * 60_000
/** The stat lane's cap: a stat study must never wait long for the lane to come back (issue 14). */
export const STAT_BACKOFF_CAP_MS = 30_000
/** Upper bound on a server-requested wait we honour (a bad header must not silence us for hours). */
export const MAX_SERVER_WAIT_MS = 15 * 60_000

/**
 * Delay before attempt number `failures + 1`, where `failures` ≥ 1 consecutive polls failed:
 * base × 2^(failures−1), at most the cap, multiplied by a jitter factor in (0.75, 1].
 * Jitter only shortens, so the cap is never exceeded.
 */
export function backoffDelay(failures: number, baseMs: number, random: Random, capMs = BACKOFF_CAP_MS): number {
  const exponent = Math.max(0, failures - 1)
  const raw = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30))
  return Math.round(raw * (1 - 0.25 * random()))
}

/**
 * The wait a 429 (or any response) asks for, in ms, at most MAX_SERVER_WAIT_MS; null when it names
 * none. Read by the client's one Retry-After parser (src/shared/avara/retry.ts).
 */
export function serverRetryAfterMs(headers: HeaderSource | undefined, now: number): number | null {
  const wait = headers ? serverRequestedWaitMs(headers, () => now) : undefined
  return wait === undefined ? null : Math.min(wait, MAX_SERVER_WAIT_MS)
}
