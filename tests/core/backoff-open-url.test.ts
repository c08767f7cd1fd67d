import { describe, expect, it } from 'vitest'
import { BACKOFF_CAP_MS, backoffDelay, serverRetryAfterMs } from '@main/engine/backoff'
import { checkBaseUrl, checkViewerUrl, isLoopbackHost } from '@main/engine/open-url'

describe('backoffDelay', () => {
  it('doubles from the lane interval and stops at the cap', () => {
    const noJitter = () => 0
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 100].map((n) => backoffDelay(n, 5000, noJitter))).toEqual([
      5000, 10_000, 20_000, 40_000, 80_000, 160_000, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS, BACKOFF_CAP_MS
    ])
  })

  it('keeps jitter within [75 %, 100 %] of the raw delay and never above the cap', () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      const d = backoffDelay(3, 30_000, () => r)
      expect(d).toBeGreaterThanOrEqual(0.75 * 120_000)
      expect(d).toBeLessThanOrEqual(120_000)
      expect(backoffDelay(30, 30_000, () => r)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    }
  })
})

describe('serverRetryAfterMs', () => {
  const h = (entries: Record<string, string>) => new Headers(entries)
  const now = Date.UTC(2026, 0, 1)
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(serverRetryAfterMs(h({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500)
    expect(serverRetryAfterMs(h({ 'retry-after': '7' }), now)).toBe(7000)
    expect(serverRetryAfterMs(h({ 'retry-after': new Date(now + 12_000).toUTCString() }), now)).toBe(12_000)
    expect(serverRetryAfterMs(h({}), now)).toBeNull()
    expect(serverRetryAfterMs(h({ 'retry-after': 'soon' }), now)).toBeNull()
    expect(serverRetryAfterMs(undefined, now)).toBeNull()
  })
})

describe('checkViewerUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(checkViewerUrl('https://viewer.avarasoftware.com/s/1?token=abc').ok).toBe(true)
    for (const u of ['http://127.0.0.1:5000/viewer/studies/x?token=t', 'http://127.8.9.10/x', 'http://localhost:80/', 'http://[::1]:9/x']) {
      expect(checkViewerUrl(u)).toMatchObject({ ok: true })
    }
  })

  it('refuses other schemes, remote http, credentials and garbage, without echoing the URL', () => {
    const bad = ['http://example.com/v?token=secret1', 'javascript:alert(1)', 'file:///etc/passwd', 'https://u:p@example.com/?token=secret2', 'not a url', 'ftp://x/', 'http://127.0.0.1.evil.com/']
    for (const u of bad) {
      const r = checkViewerUrl(u)
      expect(r.ok, u).toBe(false)
      if (!r.ok) expect(r.error).not.toContain('secret')
    }
  })

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
    expect(isLoopbackHost('localhost.example.com')).toBe(false)
  })

  it('normalises base URLs', () => {
    const r = checkBaseUrl(' https://api.avarasoftware.com/?x=1#y ')
    expect(r.ok && r.url.href).toBe('https://api.avarasoftware.com/')
    expect(checkBaseUrl('http://api.avarasoftware.com').ok).toBe(false)
  })
})
