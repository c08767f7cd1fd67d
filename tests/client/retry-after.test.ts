/**
 * Retry-After has one reader (serverRequestedWaitMs in src/shared/avara/retry.ts). Its two callers
 * used to parse it apart and disagreed: the client's retries (uncapped, SDK behaviour) and the
 * engine's poll lanes (serverRetryAfterMs, capped at MAX_SERVER_WAIT_MS). Both readings are pinned
 * here on the same headers, so a change to the parser shows in both at once.
 */
import { describe, expect, it } from 'vitest'
import { serverRequestedWaitMs } from '@shared/avara/retry'
import { MAX_SERVER_WAIT_MS, serverRetryAfterMs } from '@main/engine/backoff'

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0)
const h = (entries: Record<string, string>) => new Headers(entries)

/** [headers, the client's wait, the engine's wait] */
const CASES: Array<[Record<string, string>, number | undefined, number | null]> = [
  [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 1500, 1500],
  [{ 'retry-after-ms': '1.5' }, 1.5, 1.5],
  [{ 'retry-after': '7' }, 7000, 7000],
  [{ 'retry-after': ' 2.5 ' }, 2500, 2500],
  [{ 'retry-after': new Date(NOW + 12_000).toUTCString() }, 12_000, 12_000],
  [{ 'retry-after': new Date(NOW - 5000).toUTCString() }, 0, 0],
  // A zero or unusable ms header defers to retry-after; alone, zero means "retry now".
  [{ 'retry-after-ms': '0', 'retry-after': '1' }, 1000, 1000],
  [{ 'retry-after-ms': 'soon', 'retry-after': '1' }, 1000, 1000],
  [{ 'retry-after-ms': '-4', 'retry-after': '3' }, 3000, 3000],
  [{ 'retry-after-ms': '0' }, 0, 0],
  [{ 'retry-after': '0' }, 0, 0],
  // Not seconds, but Date.parse reads it as a date in the past (both callers did so before): now.
  [{ 'retry-after': '-3' }, 0, 0],
  // Nothing usable.
  [{}, undefined, null],
  [{ 'retry-after': 'soon' }, undefined, null],
  [{ 'retry-after': '' }, undefined, null],
  // Long waits: the client honours them; the engine caps them so a bad header cannot silence a lane for hours.
  [{ 'retry-after': '7200' }, 7_200_000, MAX_SERVER_WAIT_MS],
  [{ 'retry-after-ms': String(MAX_SERVER_WAIT_MS + 1) }, MAX_SERVER_WAIT_MS + 1, MAX_SERVER_WAIT_MS],
  [{ 'retry-after': new Date(NOW + 3_600_000).toUTCString() }, 3_600_000, MAX_SERVER_WAIT_MS]
]

describe('Retry-After, one parser for the client and the engine', () => {
  for (const [headers, client, engine] of CASES) {
    it(`${JSON.stringify(headers)} → client ${client}, engine ${engine}`, () => {
      expect(serverRequestedWaitMs(h(headers), () => NOW)).toBe(client)
      expect(serverRetryAfterMs(h(headers), NOW)).toBe(engine)
    })
  }

  it('the engine reads no headers as no wait', () => {
    expect(serverRetryAfterMs(undefined, NOW)).toBeNull()
  })
})
