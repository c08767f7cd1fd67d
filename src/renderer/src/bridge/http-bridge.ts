/**
 * The web-shell bridge: the same CompanionBridge as Electron's preload, over HTTP + SSE.
 *
 * Calls: POST api/call/<name> with the request as JSON → 200 + BridgeResult JSON.
 * Events: one EventSource on api/events, each event name an SSE event type with JSON data.
 * Auth: both addresses are relative to the page's own, `http://127.0.0.1:<port>/<token>/`, so they
 * carry the run's token in their path; the page never handles the token itself.
 */
import { t } from '../strings'
import {
  EVENT_NAMES,
  WEB_CALL_PATH,
  WEB_EVENTS_PATH,
  BridgeError,
  unwrapBridgeResult,
  type BridgeResult,
  type CallName,
  type CallRequest,
  type CallResponse,
  type CompanionBridge,
  type EventName,
  type EventPayloads
} from '@shared/ipc/contract'

/** Whether the page can currently hear the companion service (the event stream is open). */
export type LinkListener = (up: boolean) => void

/** A bridge that can also tell when the page itself lost contact with its shell. */
export interface LinkAwareBridge extends CompanionBridge {
  onLinkChange(listener: LinkListener): () => void
}

export function isLinkAware(bridge: CompanionBridge): bridge is LinkAwareBridge {
  return typeof (bridge as Partial<LinkAwareBridge>).onLinkChange === 'function'
}

type AnyListener = (payload: never) => void

export interface HttpBridgeOptions {
  /** The address the API paths are relative to: the page's own (`document.baseURI`) unless given. */
  baseUrl?: string
  fetchImpl?: typeof fetch
  createEventSource?: (url: string) => EventSource
}

export class HttpBridge implements LinkAwareBridge {
  readonly shell = 'web' as const
  private readonly listeners = new Map<EventName, Set<AnyListener>>()
  private readonly linkListeners = new Set<LinkListener>()
  private source: EventSource | null = null
  private linkUp = false

  constructor(private readonly options: HttpBridgeOptions = {}) {}

  /** `path` resolved against the page's address, which ends in `/<token>/`. */
  private address(path: string): string {
    return new URL(path, this.options.baseUrl ?? document.baseURI).href
  }

  async invoke<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> {
    const doFetch = this.options.fetchImpl ?? fetch
    let response: Response
    try {
      response = await doFetch(this.address(`${WEB_CALL_PATH}${encodeURIComponent(name)}`), {
        method: 'POST',
        // Nothing ambient authorises a call: the token is in the address.
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request)
      })
    } catch {
      // The event stream alone decides the link state: it reconnects by itself and says when it is back.
      throw new BridgeError('internal', t('bridge.unreachable'))
    }
    if (response.status === 401 || response.status === 403) {
      throw new BridgeError('forbidden', t('bridge.forbidden'))
    }
    let body: BridgeResult<CallResponse<K>>
    try {
      body = (await response.json()) as BridgeResult<CallResponse<K>>
    } catch {
      throw new BridgeError('internal', t('bridge.noResult', { status: response.status }))
    }
    return unwrapBridgeResult(body)
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.ensureStream()
    let set = this.listeners.get(name)
    if (!set) {
      set = new Set()
      this.listeners.set(name, set)
    }
    set.add(listener as AnyListener)
    return () => set.delete(listener as AnyListener)
  }

  onLinkChange(listener: LinkListener): () => void {
    this.ensureStream()
    this.linkListeners.add(listener)
    return () => this.linkListeners.delete(listener)
  }

  /** One stream for all events; EventSource reconnects by itself after a drop. */
  private ensureStream(): void {
    if (this.source) return
    const url = this.address(WEB_EVENTS_PATH)
    const source = this.options.createEventSource ? this.options.createEventSource(url) : new EventSource(url)
    this.source = source
    source.onopen = () => this.setLink(true)
    source.onerror = () => this.setLink(false)
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => this.dispatch(name, (event as MessageEvent<string>).data))
    }
  }

  private dispatch(name: EventName, data: string): void {
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch {
      return // a malformed frame is dropped; the next snapshot carries the truth
    }
    for (const listener of this.listeners.get(name) ?? []) (listener as (p: unknown) => void)(payload)
  }

  private setLink(up: boolean): void {
    if (this.linkUp === up) return
    this.linkUp = up
    for (const listener of this.linkListeners) listener(up)
  }
}
