/**
 * One operation of the contract, sent over HTTP with the SDK's headers, timeouts and retries,
 * and its 2xx body checked against the contract's response schema.
 */
import type { APIResult } from './api-promise'
import { ENDPOINTS, type OperationName } from './contract'
import { encodeQuery, fillPathTemplate, joinURL, type QueryParams } from './encoding'
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AvaraError
} from './errors'
import { headersSafeToExpose, mergeHeaderLayers, toHeaderLayer, type HeadersLike } from './headers'
import type { Logger } from './logging'
import { isRetryableResponse, retryDelayMs } from './retry'
import { checkResponse, isJsonMediaType, notJsonError } from './validation'

/** Options accepted by every method as its last argument (same names as the SDK). */
export interface RequestOptions {
  /** Milliseconds per attempt; also sent to the server as `X-Stainless-Timeout` (whole seconds). */
  timeout?: number
  maxRetries?: number
  /** Aborts the request, including a backoff wait between attempts. */
  signal?: AbortSignal | null
  /** Extra headers for this request; `null` removes a header. */
  headers?: HeadersLike
  /** Extra query parameters for this request. */
  query?: QueryParams
  /** Accepted for SDK compatibility; like the SDK's Viewer surface, no idempotency header is sent. */
  idempotencyKey?: string
  /** List calls only: most pages the list follows, the first included (default 1000, see pagination.ts). */
  maxPages?: number
}

/** The `fetch` the client calls: the global one by default. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>

/** Test seams: the clock, randomness and waiting behind the backoff schedule. */
export interface TransportInternals {
  /** Waits `ms`; should settle early when `signal` aborts (the transport also stops waiting then). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  now?: () => number
}

export interface TransportConfig {
  apiKey: string
  baseURL: string
  timeout: number
  maxRetries: number
  fetch: Fetch
  userAgent: string
  /** Header layers applied after the SDK's own headers, in order (env custom, `defaultHeaders`). */
  headerLayers: readonly HeadersLike[]
  /** Platform headers (`X-Stainless-Lang` and so on), computed once. */
  platformHeaders: Readonly<Record<string, string>>
  defaultQuery?: QueryParams
  fetchOptions?: RequestInit
  logger: Logger
  internals?: TransportInternals
}

/** What a resource method asks for: the operation, and its path, query and body inputs. */
export interface OperationCall {
  operation: OperationName
  pathParams?: Readonly<Record<string, unknown>>
  query?: QueryParams
  body?: unknown
}

interface ReceivedResponse {
  status: number
  statusText: string
  headers: Headers
  text: string
}

type AttemptResult =
  | ({ kind: 'response' } & ReceivedResponse)
  | { kind: 'failure'; timedOut: boolean; cause: unknown }

export class Transport {
  readonly #apiKey: string
  readonly #config: Omit<TransportConfig, 'apiKey'>
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #random: () => number
  readonly #now: () => number

  constructor({ apiKey, ...config }: TransportConfig) {
    this.#apiKey = apiKey
    this.#config = config
    this.#sleep = config.internals?.sleep ?? defaultSleep
    this.#random = config.internals?.random ?? Math.random
    this.#now = config.internals?.now ?? Date.now
  }

  async call<T>(call: OperationCall, options: RequestOptions = {}): Promise<APIResult<T>> {
    const endpoint = ENDPOINTS[call.operation]
    const path = fillPathTemplate(endpoint.path, call.pathParams ?? {})
    const url = joinURL(this.#config.baseURL, path) + encodeQuery({ ...this.#config.defaultQuery, ...call.query, ...options.query })
    const maxRetries = options.maxRetries ?? this.#config.maxRetries
    const timeout = options.timeout ?? this.#config.timeout
    checkNonNegativeInteger('maxRetries', maxRetries)
    checkNonNegativeNumber('timeout', timeout)
    const hasBody = endpoint.method !== 'GET'
    // A body-less POST/PATCH still sends `{}` (the SDK does); `null` is treated the same way.
    const bodyText = hasBody ? JSON.stringify(call.body ?? {}) : undefined
    const signal = options.signal ?? undefined
    const { logger } = this.#config

    for (let retriesMade = 0; ; retriesMade++) {
      if (signal?.aborted) throw new APIUserAbortError()
      const headers = this.#headersFor(hasBody, retriesMade, options)
      const result = await this.#attempt(url, { method: endpoint.method, headers, body: bodyText }, timeout, signal)
      const canRetry = retriesMade < maxRetries

      if (result.kind === 'response') {
        logger.debug(`[avara] ${call.operation} ${endpoint.method} ${path} -> ${result.status} (attempt ${retriesMade + 1})`)
        if (result.status >= 200 && result.status < 300) {
          const data = checkResponse<T>(call.operation, result.status, endpoint.response, parseSuccessBody(call.operation, result))
          return { data, response: replayableResponse(result) }
        }
        if (!(canRetry && isRetryableResponse(result.status, result.headers))) throw errorFromResponse(result)
      } else {
        logger.debug(`[avara] ${call.operation} ${endpoint.method} ${path} -> ${result.timedOut ? 'timed out' : 'connection error'} (attempt ${retriesMade + 1})`)
        if (!canRetry) {
          throw result.timedOut ? new APIConnectionTimeoutError() : new APIConnectionError({ cause: result.cause })
        }
      }

      const waitMs = retryDelayMs(result.kind === 'response' ? result.headers : undefined, retriesMade, this.#random, this.#now)
      logger.info(`[avara] ${call.operation}: retrying in ${Math.round(waitMs)} ms, ${maxRetries - retriesMade} retries left`)
      await untilAborted(this.#sleep(waitMs, signal), signal)
    }
  }

  #headersFor(hasBody: boolean, retriesMade: number, options: RequestOptions): Headers {
    const own: Record<string, string> = {
      Accept: 'application/json',
      ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
      Authorization: `Bearer ${this.#apiKey}`,
      'User-Agent': this.#config.userAgent,
      'X-Stainless-Retry-Count': String(retriesMade),
      ...(options.timeout !== undefined ? { 'X-Stainless-Timeout': String(Math.trunc(options.timeout / 1000)) } : {}),
      ...this.#config.platformHeaders
    }
    return mergeHeaderLayers([own, ...this.#config.headerLayers, options.headers].map(toHeaderLayer))
  }

  /** One fetch, body included, bounded by `timeout` and the caller's signal. */
  async #attempt(url: string, init: RequestInit, timeout: number, signal: AbortSignal | undefined): Promise<AttemptResult> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, Math.min(timeout, MAX_TIMER_MS))
    const forwardAbort = () => controller.abort()
    signal?.addEventListener('abort', forwardAbort, { once: true })
    try {
      // Racing the abort keeps timeouts and aborts working even with a custom fetch that ignores signals.
      const response = await untilAborted(this.#config.fetch(url, { ...this.#config.fetchOptions, ...init, signal: controller.signal }), controller.signal)
      const text = await untilAborted(response.text(), controller.signal)
      return { kind: 'response', status: response.status, statusText: response.statusText, headers: response.headers, text }
    } catch (cause) {
      if (signal?.aborted) throw new APIUserAbortError()
      return { kind: 'failure', timedOut, cause }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', forwardAbort)
    }
  }
}

/** Fact sheet §1: JSON media types are parsed; 204 gives null; a JSON body of length 0 gives undefined. */
function parseSuccessBody(operation: string, response: ReceivedResponse): unknown {
  if (response.status === 204) return null
  const contentType = response.headers.get('content-type')
  if (!contentType || !isJsonMediaType(contentType)) throw notJsonError(operation, response.status, contentType, 'not JSON')
  if (response.headers.get('content-length') === '0') return undefined
  try {
    return JSON.parse(response.text)
  } catch (error) {
    throw notJsonError(operation, response.status, contentType, error instanceof Error ? error.message : String(error))
  }
}

function errorFromResponse(response: ReceivedResponse): APIError {
  let body: object | undefined
  try {
    const parsed: unknown = JSON.parse(response.text)
    if (typeof parsed === 'object' && parsed !== null) body = parsed
  } catch {
    // Not JSON: the raw text becomes the message.
  }
  const text = body === undefined && response.text !== '' ? response.text : undefined
  return APIError.generate(response.status, body, text, headersSafeToExpose(response.headers))
}

/** A `Response` equal to the one received, whose body (already read here) can be read again. */
function replayableResponse(received: ReceivedResponse): Response {
  // 204, 205 and 304 must not have a body, even an empty one.
  const body = received.text === '' || [204, 205, 304].includes(received.status) ? null : received.text
  return new Response(body, { status: received.status, statusText: received.statusText, headers: received.headers })
}

/** Resolves like `promise`, or rejects as soon as `signal` aborts (the late result is ignored). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError())
    if (signal.aborted) {
      promise.catch(() => {})
      onAbort()
      return
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

/** Timers overflow past 2^31 - 1 ms and would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** A timer that also ends (quietly) on abort, so an aborted backoff leaves no pending timer. */
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS))
    signal?.addEventListener('abort', done, { once: true })
  })
}

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new AvaraError(`${name} must be a non-negative integer, got ${String(value)}`)
}

function checkNonNegativeNumber(name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0)) throw new AvaraError(`${name} must be a non-negative number of milliseconds, got ${String(value)}`)
}
