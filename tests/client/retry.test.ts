import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultBackoffMs, isRetryableResponse, retryDelayMs, serverRequestedWaitMs } from '@shared/avara/retry'

const h = (init: Record<string, string> = {}) => new Headers(init)
const NOW = Date.parse('2026-01-01T00:00:00.000Z')
const now = () => NOW

describe('which responses are retried (docs/avara-viewer-api.md §2)', () => {
  it('retries 408, 409, 429 and 5xx, not other 4xx', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504, 599]) expect(isRetryableResponse(status, h())).toBe(true)
    for (const status of [400, 401, 403, 404, 422, 300]) expect(isRetryableResponse(status, h())).toBe(false)
  })

  it('lets x-should-retry override the status either way', () => {
    expect(isRetryableResponse(409, h({ 'x-should-retry': 'false' }))).toBe(false)
    expect(isRetryableResponse(503, h({ 'x-should-retry': 'false' }))).toBe(false)
    expect(isRetryableResponse(400, h({ 'x-should-retry': 'true' }))).toBe(true)
    expect(isRetryableResponse(404, h({ 'x-should-retry': 'maybe' }))).toBe(false)
  })
})

describe('how long to wait', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(serverRequestedWaitMs(h({ 'retry-after-ms': '1.5', 'retry-after': '9' }), now)).toBe(1.5)
    expect(serverRequestedWaitMs(h({ 'retry-after': '2.5' }), now)).toBe(2500)
    expect(serverRequestedWaitMs(h({ 'retry-after': new Date(NOW + 3000).toUTCString() }), now)).toBe(3000)
    expect(serverRequestedWaitMs(h({ 'retry-after-ms': 'soon', 'retry-after': '1' }), now)).toBe(1000)
    expect(serverRequestedWaitMs(h({ 'retry-after-ms': '0', 'retry-after': '1' }), now)).toBe(1000)
  })

  it('honours long server waits uncapped and a 0 as "now"', () => {
    expect(serverRequestedWaitMs(h({ 'retry-after': '120' }), now)).toBe(120_000)
    expect(serverRequestedWaitMs(h({ 'retry-after': '0' }), now)).toBe(0)
    expect(serverRequestedWaitMs(h({ 'retry-after-ms': '0' }), now)).toBe(0)
    expect(serverRequestedWaitMs(h({ 'retry-after': new Date(NOW - 5000).toUTCString() }), now)).toBe(0)
  })

  it('falls back to exponential backoff when the server gives nothing usable', () => {
    expect(serverRequestedWaitMs(h({ 'retry-after': 'later' }), now)).toBeUndefined()
    expect(retryDelayMs(h({ 'retry-after-ms': '-4' }), 0, () => 0, now)).toBe(500)
    expect(retryDelayMs(undefined, 1, () => 0, now)).toBe(1000)
  })

  it('backs off as min(0.5 s × 2^n, 8 s) × jitter in [0.75, 1]', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => defaultBackoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const base = Math.min(500 * 2 ** n, 8000)
        const wait = defaultBackoffMs(n, () => r)
        expect(wait).toBeGreaterThanOrEqual(base * 0.75)
        expect(wait).toBeLessThanOrEqual(base)
      })
    )
  })
})
