// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { HttpBridge } from '../../src/renderer/src/bridge/http-bridge'
import { captureWebToken } from '../../src/renderer/src/bridge/token'
import { BridgeError } from '../../src/shared/ipc/contract'

class FakeEventSource {
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  readonly handlers = new Map<string, (e: MessageEvent) => void>()
  constructor(readonly url: string) {}
  addEventListener(type: string, handler: (e: MessageEvent) => void) {
    this.handlers.set(type, handler)
  }
  fire(type: string, data: string) {
    this.handlers.get(type)?.(new MessageEvent(type, { data }))
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

describe('the web-shell bridge', () => {
  it('posts calls as JSON with the token header and unwraps results', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = []
    const bridge = new HttpBridge({
      token: 'tok123',
      fetchImpl: (async (url: string, init: RequestInit) => {
        seen.push({ url, init })
        return jsonResponse({ ok: true, value: { pausedUntil: null } })
      }) as typeof fetch
    })
    await expect(bridge.invoke('alerts.pause', { minutes: 0 })).resolves.toEqual({ pausedUntil: null })
    expect(seen[0]!.url).toBe('/api/call/alerts.pause')
    expect(seen[0]!.init.method).toBe('POST')
    expect(seen[0]!.init.credentials).toBe('same-origin')
    expect(seen[0]!.init.headers).toEqual({ 'content-type': 'application/json', 'x-companion-token': 'tok123' })
    expect(seen[0]!.init.body).toBe('{"minutes":0}')
  })

  it('turns error envelopes, refusals and network failures into BridgeErrors', async () => {
    const respond = (r: () => Response | Promise<Response>) =>
      new HttpBridge({ token: null, fetchImpl: (async () => r()) as unknown as typeof fetch })
    const rejected = respond(() => jsonResponse({ ok: false, error: { code: 'invalid-request', message: 'minutes: too big' } }))
    await expect(rejected.invoke('alerts.pause', { minutes: 0 })).rejects.toEqual(new BridgeError('invalid-request', 'minutes: too big'))
    const forbidden = respond(() => new Response('no', { status: 403 }))
    await expect(forbidden.invoke('app.getState', {})).rejects.toMatchObject({ code: 'forbidden' })
    const down = respond(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(down.invoke('app.getState', {})).rejects.toMatchObject({ code: 'internal' })
  })

  it('delivers SSE events by name and reports the link going down and up', () => {
    let source: FakeEventSource | null = null
    const bridge = new HttpBridge({
      token: null,
      createEventSource: (url) => (source = new FakeEventSource(url)) as unknown as EventSource
    })
    const got: unknown[] = []
    const link: boolean[] = []
    bridge.on('alert.clicked', (payload) => got.push(payload))
    bridge.onLinkChange((up) => link.push(up))
    expect(source!.url).toBe('/api/events')
    source!.onopen?.()
    source!.fire('alert.clicked', JSON.stringify({ studyId: 'stu_1' }))
    source!.fire('alert.clicked', 'not json')
    source!.onerror?.()
    source!.onerror?.()
    source!.onopen?.()
    expect(got).toEqual([{ studyId: 'stu_1' }])
    expect(link).toEqual([true, false, true])
  })

  it('takes the token from the address once, keeps it for the tab and strips it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=abc&x=1')
    expect(captureWebToken(window)).toBe('abc')
    expect(window.location.search).toBe('?x=1')
    expect(captureWebToken(window)).toBe('abc')
  })

  it('prefers the token the web shell wrote into the page', () => {
    const meta = document.createElement('meta')
    meta.name = 'rrc-token'
    meta.content = 'from-meta'
    document.head.append(meta)
    window.history.replaceState(null, '', '/?token=stale')
    expect(captureWebToken(window)).toBe('from-meta')
    meta.remove()
  })
})
