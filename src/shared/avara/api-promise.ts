/**
 * What every client method returns: awaitable for the checked data, like the SDK's APIPromise,
 * with `withResponse()` / `asResponse()` for the HTTP response behind it.
 */

/** The checked data of a call and the HTTP response it came from (body re-readable). */
export interface APIResult<T> {
  data: T
  response: Response
}

export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<APIResult<T>>
  #data: Promise<T> | undefined

  /**
   * The request has already started. A failure is reported wherever the promise is used, even
   * much later; until then it is not an unhandled rejection (which would end a Node process).
   */
  constructor(result: Promise<APIResult<T>>) {
    this.#result = result
    result.catch(() => {})
  }

  /** The data together with the HTTP response (status, headers, a fresh copy of the body). */
  withResponse(): Promise<APIResult<T>> {
    return this.#result
  }

  /** Only the HTTP response. */
  asResponse(): Promise<Response> {
    return this.#result.then((result) => result.response)
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null
  ): Promise<R1 | R2> {
    return this.#dataPromise().then(onFulfilled, onRejected)
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#dataPromise().catch(onRejected)
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#dataPromise().finally(onFinally)
  }

  get [Symbol.toStringTag](): string {
    return 'APIPromise'
  }

  #dataPromise(): Promise<T> {
    this.#data ??= this.#result.then((result) => result.data)
    return this.#data
  }
}
