/**
 * The error classes of the Avara client, with the names, hierarchy and fields of the official
 * SDK (`avara-software`), plus `AvaraResponseValidationError` for responses that break the contract.
 *
 * None of these objects ever holds a request header, so the API key cannot leak through
 * `String(err)`, `JSON.stringify(err)`, `util.inspect(err)` or a stack trace.
 */

/** Base class of every error this client throws. */
export class AvaraError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options)
    // Keep the subclass name in `String(err)` and stack traces ("NotFoundError: 404 ...").
    this.name = new.target.name
  }
}

/** An HTTP-level failure: a non-2xx response, or no usable response at all. */
export class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
  TError extends object | undefined = object | undefined
> extends AvaraError {
  /** The HTTP status of the response, or undefined when no response arrived. */
  readonly status: TStatus
  /** The response headers (never the request headers), or undefined when no response arrived. */
  readonly headers: THeaders
  /** The parsed JSON error body, or undefined when the body was empty or not JSON. */
  readonly error: TError

  constructor(status: TStatus, error: TError, message: string | undefined, headers: THeaders, options?: { cause?: unknown }) {
    super(describeAPIError(status, error, message), options)
    this.status = status
    this.headers = headers
    this.error = error
  }

  /** Picks the subclass for an HTTP status, as the SDK does. */
  static generate(status: number, errorBody: object | undefined, message: string | undefined, headers: Headers): APIError {
    const Class = errorClassForStatus(status)
    return new Class(status, errorBody, message, headers)
  }
}

export class BadRequestError extends APIError<400, Headers> {}
export class AuthenticationError extends APIError<401, Headers> {}
export class PermissionDeniedError extends APIError<403, Headers> {}
export class NotFoundError extends APIError<404, Headers> {}
export class ConflictError extends APIError<409, Headers> {}
export class UnprocessableEntityError extends APIError<422, Headers> {}
export class RateLimitError extends APIError<429, Headers> {}
export class InternalServerError extends APIError<number, Headers> {}

/** No response: DNS failure, refused or dropped connection, and so on. */
export class APIConnectionError extends APIError<undefined, undefined, undefined> {
  constructor({ message, cause }: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, message ?? 'Connection error.', undefined, cause === undefined ? undefined : { cause })
  }
}

/** Every attempt ran past its timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor({ message }: { message?: string } = {}) {
    super({ message: message ?? 'Request timed out.' })
  }
}

/** The caller's AbortSignal fired (during a request or during a backoff wait). */
export class APIUserAbortError extends APIError<undefined, undefined, undefined> {
  constructor({ message }: { message?: string } = {}) {
    super(undefined, undefined, message ?? 'Request was aborted.', undefined)
  }
}

/** One place where a 2xx response does not match the contract. */
export interface ResponseIssue {
  /** Dotted path of the field, e.g. `studies[3].severity`; empty for the whole body. */
  readonly path: string
  readonly expected: string
  /** What arrived instead: a JSON type name, `missing`, or a short description. */
  readonly received: string
}

/**
 * A 2xx response whose body is not JSON or lacks a required field / has a wrongly typed one.
 * Not an `APIError`: the HTTP exchange succeeded, the payload is what is wrong.
 */
export class AvaraResponseValidationError extends AvaraError {
  /** SDK method path, e.g. `studies.list`. */
  readonly operation: string
  /** Path of the first bad field (see `issues` for all of them). */
  readonly path: string
  readonly status: number
  readonly issues: readonly ResponseIssue[]

  constructor(operation: string, status: number, issues: readonly [ResponseIssue, ...ResponseIssue[]]) {
    super(describeValidationFailure(operation, issues))
    this.operation = operation
    this.status = status
    this.issues = issues
    this.path = issues[0].path
  }
}

/** Why a list stopped paging before the server said it was done. */
export type PaginationFailure = 'repeated-cursor' | 'empty-page-claims-more' | 'too-many-pages'

/**
 * A list whose pages make no sense to follow: the server repeated a cursor (paging would loop),
 * sent a page with no items that says `hasMore: true`, or the list ran past its page cap
 * (`maxPages`). Not an `APIError`: every HTTP exchange succeeded. It names no cursor or item.
 */
export class AvaraPaginationError extends AvaraError {
  /** SDK method path, e.g. `studies.list`. */
  readonly operation: string
  readonly reason: PaginationFailure
  /** Pages received before paging stopped (including the one at fault). */
  readonly pages: number

  constructor(operation: string, reason: PaginationFailure, pages: number, detail: string) {
    super(`${operation}: ${detail}; stopped paging`)
    this.operation = operation
    this.reason = reason
    this.pages = pages
  }
}

// ---------------------------------------------------------------------------------------------

type APIErrorClass = new (status: number, error: object | undefined, message: string | undefined, headers: Headers) => APIError

/** The subclasses narrow `status` to a literal type; the switch is what guarantees it matches. */
function errorClassForStatus(status: number): APIErrorClass {
  switch (status) {
    case 400: return BadRequestError as APIErrorClass
    case 401: return AuthenticationError as APIErrorClass
    case 403: return PermissionDeniedError as APIErrorClass
    case 404: return NotFoundError as APIErrorClass
    case 409: return ConflictError as APIErrorClass
    case 422: return UnprocessableEntityError as APIErrorClass
    case 429: return RateLimitError as APIErrorClass
    default: return status >= 500 ? InternalServerError : APIError
  }
}

/** The message rules of docs/avara-viewer-api.md §3. */
function describeAPIError(status: number | undefined, error: object | undefined, text: string | undefined): string {
  const bodyMessage = error !== undefined && 'message' in error ? (error as { message: unknown }).message : undefined
  let detail: string | undefined
  if (typeof bodyMessage === 'string') detail = bodyMessage
  else if (bodyMessage !== undefined) detail = JSON.stringify(bodyMessage)
  else if (error !== undefined) detail = JSON.stringify(error)
  else if (text) detail = text

  if (status !== undefined && detail !== undefined) return `${status} ${detail}`
  if (status !== undefined) return `${status} status code (no body)`
  return detail ?? '(no status code or body)'
}

function describeValidationFailure(operation: string, issues: readonly [ResponseIssue, ...ResponseIssue[]]): string {
  const [first] = issues
  const where = first.path === '' ? 'response body' : `response field "${first.path}"`
  const what = first.received === 'missing' ? `is missing (expected ${first.expected})` : `expected ${first.expected}, got ${first.received}`
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  return `${operation}: ${where} ${what}${more}`
}
