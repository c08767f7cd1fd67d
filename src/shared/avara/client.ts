/**
 * The `Avara` client: options and environment resolved once, the API key kept in a private field,
 * and `client.viewer` wired to one transport.
 */
import type { QueryParams } from './encoding'
import * as Errors from './errors'
import { parseCustomHeaders, type HeadersLike } from './headers'
import { isLogLevel, levelledLogger, type Logger, type LogLevel } from './logging'
import { platformHeaders, readEnv } from './platform'
import { Viewer } from './resources'
import { Transport, type Fetch, type TransportInternals } from './transport'

/** The SDK version whose surface and wire behaviour this client reproduces (sent in `User-Agent`). */
export const VERSION = '0.2.0'

export const DEFAULT_BASE_URL = 'https://api.avarasoftware.com'
export const DEFAULT_TIMEOUT_MS = 60_000
export const DEFAULT_MAX_RETRIES = 2

export interface ClientOptions {
  /** Defaults to `AVARA_API_KEY`; the constructor throws `AvaraError` when neither is set. */
  apiKey?: string | undefined
  /** Defaults to `AVARA_BASE_URL`, then `https://api.avarasoftware.com`. */
  baseURL?: string | null | undefined
  /** Milliseconds per attempt (default 60 000). */
  timeout?: number | undefined
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined
  /** Defaults to the global `fetch`. */
  fetch?: Fetch | undefined
  /** Extra `RequestInit` fields for every request (e.g. `keepalive`). */
  fetchOptions?: RequestInit | undefined
  /** Sent with every request, over `AVARA_CUSTOM_HEADERS`; `null` removes a header. */
  defaultHeaders?: HeadersLike | undefined
  defaultQuery?: QueryParams | undefined
  /** Defaults to `AVARA_LOG`, then `warn`. */
  logLevel?: LogLevel | undefined
  /** Defaults to the global `console`. */
  logger?: Logger | undefined
  /**
   * Internal test seams (clock, randomness, waiting). Not part of the SDK surface; leave unset in
   * application code.
   */
  internal?: TransportInternals | undefined
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

export class Avara {
  static Avara = this
  static DEFAULT_TIMEOUT = DEFAULT_TIMEOUT_MS

  static AvaraError = Errors.AvaraError
  static APIError = Errors.APIError
  static APIConnectionError = Errors.APIConnectionError
  static APIConnectionTimeoutError = Errors.APIConnectionTimeoutError
  static APIUserAbortError = Errors.APIUserAbortError
  static NotFoundError = Errors.NotFoundError
  static ConflictError = Errors.ConflictError
  static RateLimitError = Errors.RateLimitError
  static BadRequestError = Errors.BadRequestError
  static AuthenticationError = Errors.AuthenticationError
  static InternalServerError = Errors.InternalServerError
  static PermissionDeniedError = Errors.PermissionDeniedError
  static UnprocessableEntityError = Errors.UnprocessableEntityError
  static AvaraResponseValidationError = Errors.AvaraResponseValidationError

  readonly baseURL: string
  readonly timeout: number
  readonly maxRetries: number
  readonly viewer: Viewer

  // Private fields are invisible to JSON.stringify, util.inspect and property enumeration.
  readonly #apiKey: string
  readonly #options: ClientOptions

  constructor({ apiKey = readEnv('AVARA_API_KEY'), baseURL = readEnv('AVARA_BASE_URL'), ...rest }: ClientOptions = {}) {
    if (apiKey === undefined) {
      throw new Errors.AvaraError(
        "The AVARA_API_KEY environment variable is missing or empty; either provide it, or instantiate the Avara client with an apiKey option, like new Avara({ apiKey: 'My API Key' })."
      )
    }
    const resolvedBaseURL = baseURL || DEFAULT_BASE_URL
    if (!isAbsoluteHttpURL(resolvedBaseURL)) {
      throw new Errors.AvaraError(`baseURL must be an absolute http(s) URL, got ${JSON.stringify(resolvedBaseURL)}`)
    }
    const timeout = rest.timeout ?? DEFAULT_TIMEOUT_MS
    const maxRetries = rest.maxRetries ?? DEFAULT_MAX_RETRIES
    if (!(typeof timeout === 'number' && timeout >= 0)) throw new Errors.AvaraError(`timeout must be a non-negative number, got ${String(timeout)}`)
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Errors.AvaraError(`maxRetries must be a non-negative integer, got ${String(maxRetries)}`)

    this.#apiKey = apiKey
    this.#options = { ...rest, apiKey, baseURL: resolvedBaseURL }
    this.baseURL = resolvedBaseURL
    this.timeout = timeout
    this.maxRetries = maxRetries

    const fetchImpl = rest.fetch ?? globalFetch()
    this.viewer = new Viewer(
      new Transport({
        apiKey,
        baseURL: resolvedBaseURL,
        timeout,
        maxRetries,
        fetch: fetchImpl,
        fetchOptions: rest.fetchOptions,
        userAgent: `${new.target.name}/JS ${VERSION}`,
        headerLayers: [parseCustomHeaders(readEnv('AVARA_CUSTOM_HEADERS')), rest.defaultHeaders ?? {}],
        platformHeaders: platformHeaders(VERSION),
        defaultQuery: rest.defaultQuery,
        logger: resolveLogger(rest.logLevel, rest.logger),
        internals: rest.internal
      })
    )
  }

  /** A new client with these options over the current ones (the SDK's `withOptions`). */
  withOptions(options: Partial<ClientOptions>): this {
    const Class = this.constructor as new (options: ClientOptions) => this
    return new Class({ ...this.#options, apiKey: this.#apiKey, ...options })
  }

  /** What `JSON.stringify(client)` shows: configuration without the key. */
  toJSON(): Record<string, unknown> {
    return { baseURL: this.baseURL, timeout: this.timeout, maxRetries: this.maxRetries, apiKey: '[redacted]' }
  }

  /** What `util.inspect(client)` and `console.log(client)` show. */
  [INSPECT](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`
  }
}

function globalFetch(): Fetch {
  const candidate = (globalThis as { fetch?: Fetch }).fetch
  if (typeof candidate !== 'function') {
    throw new Errors.AvaraError('No global fetch is available; pass a fetch implementation: new Avara({ fetch })')
  }
  // Called unbound later, so bind now: browsers throw "Illegal invocation" for an unbound fetch.
  return candidate.bind(globalThis)
}

function isAbsoluteHttpURL(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function resolveLogger(level: LogLevel | undefined, logger: Logger | undefined): Logger {
  const target = logger ?? (globalThis.console as Logger)
  const fromEnv = readEnv('AVARA_LOG')
  if (level !== undefined) return levelledLogger(level, target)
  if (fromEnv !== undefined && !isLogLevel(fromEnv)) {
    target.warn(`[avara] AVARA_LOG should be one of debug, info, warn, error, off; got ${JSON.stringify(fromEnv)}. Using "warn".`)
  }
  return levelledLogger(isLogLevel(fromEnv) ? fromEnv : 'warn', target)
}
