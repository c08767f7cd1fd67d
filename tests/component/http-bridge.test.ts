// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { HttpBridge } from '@renderer/bridge/http-bridge'
import { BridgeError } from '@shared/ipc/contract'

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

/** The page's address as the web shell prints it: the token is its first path segment. */
const PAGE = 'http://127.0.0.1:5180/tok123/'

describe('the web-shell bridge', () => {
  it('posts calls as JSON below the page address (the token is in the path, nothing else) and unwraps results', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = []
    const bridge = new HttpBridge({
      baseUrl: PAGE,
      fetchImpl: (async (url: string, init: RequestInit) => {
        seen.push({ url, init })
        return jsonResponse({ ok: true, value: { ok: true } })
      }) as typeof fetch
    })
    await expect(bridge.invoke('alerts.pause', { minutes: 0 })).resolves.toEqual({ ok: true })
    expect(seen[0]!.url).toBe('http://127.0.0.1:5180/tok123/api/call/alerts.pause')
    expect(seen[0]!.init.method).toBe('POST')
    expect(seen[0]!.init.credentials).toBe('omit')
    expect(seen[0]!.init.headers).toEqual({ 'content-type': 'application/json' })
    expect(seen[0]!.init.body).toBe('{"minutes":0}')
  })

  it('turns error envelopes, refusals and network failures into BridgeErrors', async () => {
    const respond = (r: () => Response | Promise<Response>) =>
      new HttpBridge({ baseUrl: PAGE, fetchImpl: (async () => r()) as unknown as typeof fetch })
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
      baseUrl: PAGE,
      createEventSource: (url) => (source = new FakeEventSource(url)) as unknown as EventSource
    })
    const got: unknown[] = []
    const link: boolean[] = []
    bridge.on('alert.clicked', (payload) => got.push(payload))
    bridge.onLinkChange((up) => link.push(up))
    expect(source!.url).toBe('http://127.0.0.1:5180/tok123/api/events')
    source!.onopen?.()
    source!.fire('alert.clicked', JSON.stringify({ studyId: 'stu_1' }))
    source!.fire('alert.clicked', 'not json')
    source!.onerror?.()
    source!.onerror?.()
    source!.onopen?.()
    expect(got).toEqual([{ studyId: 'stu_1' }])
    expect(link).toEqual([true, false, true])
  })

  it('resolves its addresses against the page it was served as, by default', async () => {
    window.history.replaceState(null, '', '/tok456/')
    let source: FakeEventSource | null = null
    const urls: string[] = []
    const bridge = new HttpBridge({
      fetchImpl: (async (url: string) => {
        urls.push(url)
        return jsonResponse({ ok: true, value: null })
      }) as typeof fetch,
      createEventSource: (url) => (source = new FakeEventSource(url)) as unknown as EventSource
    })
    await bridge.invoke('app.getState', {})
    bridge.on('queue.updated', () => {})
    expect(urls).toEqual([`${window.location.origin}/tok456/api/call/app.getState`])
    expect(source!.url).toBe(`${window.location.origin}/tok456/api/events`)
  })
})
