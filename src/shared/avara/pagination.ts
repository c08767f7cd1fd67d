/**
 * Cursor pagination as in docs/avara-viewer-api.md §5: a page knows how to fetch the next one with the same
 * filters, and a `PagePromise` is both awaitable (first page) and async-iterable (every item).
 */
import { APIPromise } from './api-promise'
import type { QueryParams } from './encoding'
import { AvaraError, AvaraPaginationError } from './errors'

/**
 * Most pages one list follows unless the caller says otherwise (`maxPages`): 100,000 items at the
 * largest page size (100), well beyond any reading room, yet a bound on a server that never says
 * it is done.
 */
export const DEFAULT_MAX_PAGES = 1000

export interface PaginationOptions {
  /** SDK method path, for error messages (`studies.list`). */
  operation: string
  /** Most pages to follow, the first included (default `DEFAULT_MAX_PAGES`). */
  maxPages?: number | undefined
}

/** What every page of one list shares: its limits and the cursors already followed. */
interface PageChain {
  readonly operation: string
  readonly maxPages: number
  /** Each cursor followed so far, with the number of the page that sent it (0: the caller's). */
  readonly followed: Map<string, number>
}

/** Keeps chain set-up inside this module (PagePromise starts the chain of its first page). */
const START_CHAIN = Symbol('startChain')

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
  #chain: PageChain = { operation: 'list', maxPages: DEFAULT_MAX_PAGES, followed: new Map() }
  /** 1 for the first page of a list. */
  #pageNumber = 1

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

  /**
   * The next page. Refuses (with `AvaraPaginationError`) to follow a cursor an earlier page of this
   * list already sent, or to go past `maxPages`; rejects a next page that has no items but claims more.
   */
  async getNextPage(): Promise<this> {
    const query = this.nextPageQuery()
    if (!query) {
      throw new AvaraError('No next page expected; please check `.hasNextPage()` before calling `.getNextPage()`.')
    }
    const chain = this.#chain
    const sentBy = chain.followed.get(this.cursor)
    // The same page may be asked for its next page twice; another page sending its cursor is a loop.
    if (sentBy !== undefined && sentBy !== this.#pageNumber) {
      const earlier = sentBy === 0 ? 'the cursor the list started from' : `the cursor of page ${sentBy}`
      throw new AvaraPaginationError(chain.operation, 'repeated-cursor', this.#pageNumber, `page ${this.#pageNumber} repeats ${earlier}`)
    }
    if (this.#pageNumber >= chain.maxPages) {
      throw new AvaraPaginationError(chain.operation, 'too-many-pages', this.#pageNumber, `the list is longer than ${chain.maxPages} pages (maxPages)`)
    }
    chain.followed.set(this.cursor, this.#pageNumber)
    const next = (await this.#load(query)) as this
    next.#chain = chain
    next.#pageNumber = this.#pageNumber + 1
    next.#checkCoherent()
    return next
  }

  /** Joins this (first) page to a new chain with the caller's limits, and checks it. */
  [START_CHAIN](options: PaginationOptions): void {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new AvaraError(`maxPages must be a positive integer, got ${String(maxPages)}`)
    const startCursor = this.#query.cursor
    this.#chain = {
      operation: options.operation,
      maxPages,
      followed: new Map(typeof startCursor === 'string' && startCursor !== '' ? [[startCursor, 0]] : [])
    }
    this.#checkCoherent()
  }

  /** A page with no items that says there are more cannot be followed (docs/avara-viewer-api.md §5 forbids it). */
  #checkCoherent(): void {
    if (this.hasMore && this.getPaginatedItems().length === 0) {
      throw new AvaraPaginationError(this.#chain.operation, 'empty-page-claims-more', this.#pageNumber, `page ${this.#pageNumber} has no items but says hasMore: true`)
    }
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
  constructor(firstPage: Promise<P>, options: PaginationOptions = { operation: 'list' }) {
    super(
      firstPage.then((page) => {
        page[START_CHAIN](options)
        return { data: page, response: page.response }
      })
    )
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    const first = await this
    yield* first
  }

  override get [Symbol.toStringTag](): string {
    return 'PagePromise'
  }
}
