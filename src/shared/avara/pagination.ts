/**
 * Cursor pagination as in fact sheet §5: a page knows how to fetch the next one with the same
 * filters, and a `PagePromise` is both awaitable (first page) and async-iterable (every item).
 */
import { APIPromise } from './api-promise'
import type { QueryParams } from './encoding'
import { AvaraError } from './errors'

/** Fetches one page for the given query (filters, `limit` and maybe `cursor`). */
export type PageLoader<P> = (query: QueryParams) => Promise<P>

/** Fields of a list envelope every page reads; the items array is read by the subclass. */
export interface CursorEnvelope {
  cursor?: string | null
  hasMore?: boolean
}

export abstract class CursorPage<Item> implements AsyncIterable<Item> {
  /** The cursor for the next page; `''` when the server sent none. */
  readonly cursor: string
  /** `true` only when the server said so. */
  readonly hasMore: boolean
  readonly #query: QueryParams
  readonly #load: PageLoader<CursorPage<Item>>
  readonly #response: Response

  protected constructor(envelope: CursorEnvelope, query: QueryParams, load: PageLoader<CursorPage<Item>>, response: Response) {
    this.cursor = typeof envelope.cursor === 'string' ? envelope.cursor : ''
    this.hasMore = envelope.hasMore === true
    this.#query = query
    this.#load = load
    this.#response = response
  }

  /** The HTTP response this page came from. */
  get response(): Response {
    return this.#response
  }

  /** The items of this page (`studies`, `users` or `invitations`). */
  abstract getPaginatedItems(): Item[]

  /** All three must hold: items on this page, `hasMore === true`, and a non-empty cursor. */
  hasNextPage(): boolean {
    return this.getPaginatedItems().length > 0 && this.hasMore && this.cursor !== ''
  }

  /** The query of the next request: the original filters and limit, with this page's cursor. */
  nextPageQuery(): QueryParams | null {
    return this.hasNextPage() ? { ...this.#query, cursor: this.cursor } : null
  }

  async getNextPage(): Promise<this> {
    const query = this.nextPageQuery()
    if (!query) {
      throw new AvaraError('No next page expected; please check `.hasNextPage()` before calling `.getNextPage()`.')
    }
    return (await this.#load(query)) as this
  }

  /** This page, then each following page. */
  async *iterPages(): AsyncGenerator<this> {
    yield this
    let next = this.hasNextPage() ? await this.getNextPage() : undefined
    while (next) {
      yield next
      next = next.hasNextPage() ? await next.getNextPage() : undefined
    }
  }

  /** Every item of this page and of the pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const page of this.iterPages()) {
      yield* page.getPaginatedItems()
    }
  }
}

/**
 * The result of a list call: `await` it for the first page, or `for await` it for every item of
 * every page. Like the SDK's, the request starts at once and every use shares it.
 */
export class PagePromise<P extends CursorPage<Item>, Item> extends APIPromise<P> implements AsyncIterable<Item> {
  constructor(firstPage: Promise<P>) {
    super(firstPage.then((page) => ({ data: page, response: page.response })))
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    const first = await this
    yield* first
  }

  override get [Symbol.toStringTag](): string {
    return 'PagePromise'
  }
}
