import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshUid, startTestSandbox, type TestSandbox } from './helpers'

let sb: TestSandbox
let now = Date.parse('2026-05-01T08:00:00.000Z')

beforeAll(async () => {
  sb = await startTestSandbox({ clock: () => now, seed: 'empty' })
})
afterAll(() => sb.close())

async function createStudy(description: string) {
  const res = await sb.api('POST', '/v1/viewer/studies', { severity: 'stat', studyDescription: description, studyInstanceUid: freshUid() })
  expect(res.status).toBe(201)
  return res.json
}

async function rerouteUrl(studyId: string): Promise<string> {
  const res = await sb.api('POST', '/v1/viewer/studies/reroute-url', { studyId })
  expect(res.status).toBe(200)
  return res.json.url
}

describe('viewer page behind a reroute token', () => {
  it('shows the study, escaped, with a strict CSP and no-store, without bearer auth', async () => {
    const study = await createStudy('<script>alert("x")</script> CT & MRI')
    const res = await fetch(await rerouteUrl(study.studyId))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('<title>Avara Viewer (sandbox)</title>')
    expect(html).toContain(study.studyInstanceUid)
    expect(html).toContain('stat')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; CT &#38; MRI')
  })

  it('refuses an expired token (injected clock) with a 4xx page', async () => {
    const study = await createStudy('CT Head without contrast')
    const url = await rerouteUrl(study.studyId)
    now += 299_000
    expect((await fetch(url)).status).toBe(200)
    now += 2_000
    const res = await fetch(url)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const html = await res.text()
    expect(html).toMatch(/expired/)
    expect(html).not.toContain(study.studyInstanceUid)
  })

  it('honours the TTL set through /_sandbox/config', async () => {
    const patched = await sb.api('PATCH', '/_sandbox/config', { rerouteTtlSeconds: 10 })
    expect(patched.json).toEqual({ rerouteTtlSeconds: 10 })
    try {
      const study = await createStudy('MRI Brain w/wo contrast')
      const url = await rerouteUrl(study.studyId)
      now += 9_000
      expect((await fetch(url)).status).toBe(200)
      now += 1_500
      expect((await fetch(url)).status).toBe(403)
    } finally {
      await sb.api('PATCH', '/_sandbox/config', { rerouteTtlSeconds: 300 })
    }
    expect((await sb.api('PATCH', '/_sandbox/config', { rerouteTtlSeconds: -1 })).status).toBe(400)
    expect((await sb.api('PATCH', '/_sandbox/config', { ttl: 5 })).status).toBe(400)
  })

  it('refuses altered tokens, missing tokens and tokens for another study', async () => {
    const a = await createStudy('XR Chest 2 views')
    const b = await createStudy('US Renal')
    const url = new URL(await rerouteUrl(a.studyId))
    const token = url.searchParams.get('token') ?? ''
    // Change the second-to-last character (fully significant in base64url; the last one has spare bits).
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.slice(-1)
    expect(flipped).not.toBe(token)
    const [payload, mac] = token.split('.')
    const forgedPayload = Buffer.from(JSON.stringify({ s: a.studyId, e: now + 10 ** 9 })).toString('base64url')
    const attempts = [
      `${sb.baseURL}/viewer/studies/${a.studyId}?token=${encodeURIComponent(flipped)}`,
      `${sb.baseURL}/viewer/studies/${a.studyId}?token=${encodeURIComponent(`${forgedPayload}.${mac}`)}`,
      `${sb.baseURL}/viewer/studies/${a.studyId}?token=${encodeURIComponent(payload ?? '')}`,
      `${sb.baseURL}/viewer/studies/${a.studyId}`,
      `${sb.baseURL}/viewer/studies/${b.studyId}?token=${encodeURIComponent(token)}`
    ]
    for (const attempt of attempts) {
      const res = await fetch(attempt)
      expect(res.status, attempt).toBe(403)
      const html = await res.text()
      expect(html).not.toContain(a.studyInstanceUid)
      expect(html).not.toContain(b.studyInstanceUid)
    }
  })

  it('never writes the token into the request log', async () => {
    const study = await createStudy('CT Chest without contrast')
    const url = new URL(await rerouteUrl(study.studyId))
    await fetch(url)
    const log = await sb.api('GET', '/_sandbox/requests?limit=5')
    const viewerEntry = log.json.requests.findLast((r: { path: string }) => r.path.startsWith('/viewer/'))
    expect(viewerEntry.query.token).toBe('[redacted]')
    expect(JSON.stringify(log.json)).not.toContain(url.searchParams.get('token'))
  })
})
