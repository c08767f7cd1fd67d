/**
 * The `Avara` client: options and environment resolved once, the API key kept in a private field,
 * and `client.viewer` wired to one transport.
 */
import type * as C from './contract'
import type { QueryParams } from './encoding'
import * as Errors from './errors'
import { parseCustomHeaders, type HeadersLike } from './headers'
import { isLogLevel, levelledLogger, type Logger, type LogLevel } from './logging'
import { platformHeaders, readEnv } from './platform'
import { Viewer, type InvitationsPage, type StudiesPage, type UsersPage } from './resources'
import { Transport, type Fetch, type RequestOptions as PerRequestOptions, type TransportInternals } from './transport'

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
  static AvaraPaginationError = Errors.AvaraPaginationError

  readonly baseURL: string
  readonly timeout: number
  readonly maxRetries: number
  readonly viewer: Viewer

  // Private fields are invisible to JSON.stringify, util.inspect and property enumeration.
  readonly #apiKey: string
  /** The options minus the key, for `withOptions`. */
  readonly #options: Omit<ClientOptions, 'apiKey'>

  constructor({ apiKey = readEnv('AVARA_API_KEY'), baseURL = readEnv('AVARA_BASE_URL'), ...rest }: ClientOptions = {}) {
    if (apiKey === undefined) {
      throw new Errors.AvaraError(
        "The AVARA_API_KEY environment variable is missing or empty; either provide it, or instantiate the Avara client with an apiKey option, like new Avara({ apiKey: 'My API Key' })."
      )
    }
    // Checked here because fetch's own error for a bad header value quotes the value: the key.
    if (typeof apiKey !== 'string' || !/^[\x20-\x7E]*$/.test(apiKey.trim())) {
      throw new Errors.AvaraError('apiKey must be a string of printable ASCII characters (check for line breaks or pasted symbols)')
    }
    const resolvedBaseURL = baseURL || DEFAULT_BASE_URL
    if (!isAbsoluteHttpURL(resolvedBaseURL)) {
      throw new Errors.AvaraError(`baseURL must be an absolute http(s) URL, got ${JSON.stringify(resolvedBaseURL)}`)
    }
    const timeout = rest.timeout ?? DEFAULT_TIMEOUT_MS
    const maxRetries = rest.maxRetries ?? DEFAULT_MAX_RETRIES
    if (!(typeof timeout === 'number' && timeout >= 0)) throw new Errors.AvaraError(`timeout must be a non-negative number, got ${String(timeout)}`)
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Errors.AvaraError(`maxRetries must be a non-negative integer, got ${String(maxRetries)}`)

    this.#apiKey = apiKey.trim()
    this.#options = { ...rest, baseURL: resolvedBaseURL }
    this.baseURL = resolvedBaseURL
    this.timeout = timeout
    this.maxRetries = maxRetries

    const fetchImpl = rest.fetch ?? globalFetch()
    this.viewer = new Viewer(
      new Transport({
        apiKey: this.#apiKey,
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

type AvaraClientOptions = ClientOptions

/**
 * SDK-style type namespaces, so code written against the SDK's types compiles unchanged:
 * `Avara.RequestOptions`, `Avara.Viewer.StudyCreateParams`, `Avara.Viewer.Studies.StudyCreateParams`,
 * `Avara.Viewer.Users.Invitations.InvitationListParams` and so on.
 */
/* eslint-disable @typescript-eslint/no-namespace -- declaration merging with the class is how the SDK exposes its types */
export declare namespace Avara {
  export type RequestOptions = PerRequestOptions
  export type ClientOptions = AvaraClientOptions

  export namespace Viewer {
    export type UserReference = C.UserReference
    export type APIKeyReference = C.APIKeyReference
    export type ExpressCustomerReference = C.ExpressCustomerReference
    export type Severity = C.Severity
    export type StudyViewerStatus = C.StudyViewerStatus
    export type UserLevel = C.UserLevel
    export type AssignableUserLevel = C.AssignableUserLevel
    export type InvitedSource = C.InvitedSource
    export type InvitationStatus = C.InvitationStatus
    export type InvitationExpiredFilter = C.InvitationExpiredFilter
    export type ClinicRole = C.ClinicRole
    export type StudyCreateParams = C.StudyCreateParams
    export type StudyListParams = C.StudyListParams
    export type StudyUpdateParams = C.StudyUpdateParams
    export type StudyCancelParams = C.StudyCancelParams
    export type StudyUncancelParams = C.StudyUncancelParams
    export type StudyRerouteURLParams = C.StudyRerouteURLParams
    export type StudyCreateResponse = C.StudyCreateResponse
    export type StudyListResponse = C.StudyListResponse
    export type StudyRetrieveResponse = C.StudyRetrieveResponse
    export type StudyUpdateResponse = C.StudyUpdateResponse
    export type StudyCancelResponse = C.StudyCancelResponse
    export type StudyUncancelResponse = C.StudyUncancelResponse
    export type StudyRerouteURLResponse = C.StudyRerouteURLResponse
    export type StudyRetrieveByUidResponse = C.StudyRetrieveByUidResponse
    export type StudyListResponsesCursorStudies = StudiesPage
    export type UserInviteParams = C.UserInviteParams
    export type UserListParams = C.UserListParams
    export type UserUpdateParams = C.UserUpdateParams
    export type UserRevokeAccessParams = C.UserRevokeAccessParams
    export type UserReactivateParams = C.UserReactivateParams
    export type UserInviteResponse = C.UserInviteResponse
    export type UserListResponse = C.UserListResponse
    export type UserRetrieveResponse = C.UserRetrieveResponse
    export type UserUpdateResponse = C.UserUpdateResponse
    export type UserRevokeAccessResponse = C.UserRevokeAccessResponse
    export type UserReactivateResponse = C.UserReactivateResponse
    export type UserListResponsesCursorUsers = UsersPage

    export namespace Studies {
      export type StudyCreateParams = C.StudyCreateParams
      export type StudyListParams = C.StudyListParams
      export type StudyUpdateParams = C.StudyUpdateParams
      export type StudyCancelParams = C.StudyCancelParams
      export type StudyUncancelParams = C.StudyUncancelParams
      export type StudyRerouteURLParams = C.StudyRerouteURLParams
      export type StudyCreateResponse = C.StudyCreateResponse
      export type StudyListResponse = C.StudyListResponse
      export type StudyRetrieveResponse = C.StudyRetrieveResponse
      export type StudyUpdateResponse = C.StudyUpdateResponse
      export type StudyCancelResponse = C.StudyCancelResponse
      export type StudyUncancelResponse = C.StudyUncancelResponse
      export type StudyRerouteURLResponse = C.StudyRerouteURLResponse
      export type StudyRetrieveByUidResponse = C.StudyRetrieveByUidResponse
      export type StudyListResponsesCursorStudies = StudiesPage
    }

    export namespace Users {
      export type UserInviteParams = C.UserInviteParams
      export type UserListParams = C.UserListParams
      export type UserUpdateParams = C.UserUpdateParams
      export type UserRevokeAccessParams = C.UserRevokeAccessParams
      export type UserReactivateParams = C.UserReactivateParams
      export type UserInviteResponse = C.UserInviteResponse
      export type UserListResponse = C.UserListResponse
      export type UserRetrieveResponse = C.UserRetrieveResponse
      export type UserUpdateResponse = C.UserUpdateResponse
      export type UserRevokeAccessResponse = C.UserRevokeAccessResponse
      export type UserReactivateResponse = C.UserReactivateResponse
      export type UserListResponsesCursorUsers = UsersPage
      export type InvitationListParams = C.InvitationListParams
      export type InvitationUpdateParams = C.InvitationUpdateParams
      export type InvitationRevokeParams = C.InvitationRevokeParams
      export type InvitationListResponse = C.InvitationListResponse
      export type InvitationRetrieveResponse = C.InvitationRetrieveResponse
      export type InvitationUpdateResponse = C.InvitationUpdateResponse
      export type InvitationRevokeResponse = C.InvitationRevokeResponse
      export type InvitationListResponsesCursorInvitations = InvitationsPage

      export namespace Invitations {
        export type InvitationListParams = C.InvitationListParams
        export type InvitationUpdateParams = C.InvitationUpdateParams
        export type InvitationRevokeParams = C.InvitationRevokeParams
        export type InvitationListResponse = C.InvitationListResponse
        export type InvitationRetrieveResponse = C.InvitationRetrieveResponse
        export type InvitationUpdateResponse = C.InvitationUpdateResponse
        export type InvitationRevokeResponse = C.InvitationRevokeResponse
        export type InvitationListResponsesCursorInvitations = InvitationsPage
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */
