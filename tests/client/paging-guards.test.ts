/**
 * A list stops with AvaraPaginationError instead of paging forever when the server repeats a
 * cursor, sends an empty page that claims more, or never ends: first against a scripted loopback
 * server, then against the sandbox's `pagination` fault over HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import Avara, { AvaraPaginationError, DEFAULT_MAX_PAGES } from '@shared/avara'
import { startCaptureServer, type CaptureServer } from './helpers/capture-server'
import { study, TEST_KEY } from './helpers/fixtures'
import { startTestSandbox, type TestSandbox } from './helpers/sandbox'

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = []
  for await (const item of items) seen.push(item)
  return seen
}

async function paginationError(run: () => Promise<unknown>): Promise<AvaraPaginationError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AvaraPaginationError)
  return error as AvaraPaginationError
}

describe('against a scripted server', () => {
  let server: CaptureServer
  beforeAll(async () => {
    server = await startCaptureServer()
  })
  afterAll(() => server.close())
  afterEach(() => {
    server.requests.length = 0
  })
  const client = () => new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL, maxRetries: 0 })

  it('a repeated cursor stops the list on the page that repeats it', async () => {
    // Every page: new items, hasMore true, and always the same cursor (a mock's idea of a list).
    let n = 0
    server.reply(() => ({ json: { studies: [study(++n)], cursor: 'same', hasMore: true } }))
    const error = await paginationError(() => drain(client().viewer.studies.list({ limit: 1 })))
    expect(error.reason).toBe('repeated-cursor')
    expect(error.operation).toBe('studies.list')
    expect(error.pages).toBe(2)
    expect(error.message).toBe('studies.list: page 2 repeats the cursor of page 1; stopped paging')
    expect(server.requests).toHaveLength(2)
  })

  it('a cycle over two cursors is caught too', async () => {
    let n = 0
    server.reply(() => ({ json: { studies: [study(++n)], cursor: n % 2 === 0 ? 'b' : 'a', hasMore: true } }))
    const error = await paginationError(() => drain(client().viewer.studies.list()))
    expect(error.reason).toBe('repeated-cursor')
    expect(error.message).toBe('studies.list: page 3 repeats the cursor of page 1; stopped paging')
    expect(error.pages).toBe(3)
    expect(server.requests).toHaveLength(3)
  })

  it('a page that returns the cursor the caller started from is a repeat', async () => {
    server.reply(() => ({ json: { studies: [study(1)], cursor: 'start', hasMore: true } }))
    const page = await client().viewer.studies.list({ cursor: 'start' })
    const error = await paginationError(() => page.getNextPage())
    expect(error.message).toContain('repeats the cursor the list started from')
    expect(server.requests).toHaveLength(1)
  })

  it('asking one page for its next page twice is not a repeat', async () => {
    server.replySequence([
      { json: { studies: [study(1)], cursor: 'c1', hasMore: true } },
      { json: { studies: [study(2)], hasMore: false } },
      { json: { studies: [study(2)], hasMore: false } }
    ])
    const first = await client().viewer.studies.list()
    expect((await first.getNextPage()).studies[0]?.studyId).toBe(study(2).studyId)
    expect((await first.getNextPage()).studies[0]?.studyId).toBe(study(2).studyId)
  })

  it('an empty first page that claims more rejects the await and the iteration', async () => {
    server.reply(() => ({ json: { studies: [], cursor: 'abc', hasMore: true } }))
    const awaited = await paginationError(() => client().viewer.studies.list())
    expect(awaited.reason).toBe('empty-page-claims-more')
    expect(awaited.message).toBe('studies.list: page 1 has no items but says hasMore: true; stopped paging')
    await paginationError(() => drain(client().viewer.studies.list()))
  })

  it('an empty later page that claims more stops the list there', async () => {
    server.replySequence([
      { json: { studies: [study(1)], cursor: 'c1', hasMore: true } },
      { json: { studies: [], cursor: 'c2', hasMore: true } }
    ])
    const seen: string[] = []
    const error = await paginationError(async () => {
      for await (const s of client().viewer.studies.list()) seen.push(s.studyId)
    })
    expect(error.reason).toBe('empty-page-claims-more')
    expect(error.pages).toBe(2)
    expect(seen).toEqual([study(1).studyId])
    expect(server.requests).toHaveLength(2)
  })

  it('a list that never ends stops at maxPages (a caller-given cap)', async () => {
    let n = 0
    server.reply(() => ({ json: { studies: [study(++n)], cursor: `c${n}`, hasMore: true } }))
    const error = await paginationError(() => drain(client().viewer.studies.list({ limit: 1 }, { maxPages: 5 })))
    expect(error.reason).toBe('too-many-pages')
    expect(error.pages).toBe(5)
    expect(error.message).toBe('studies.list: the list is longer than 5 pages (maxPages); stopped paging')
    expect(server.requests).toHaveLength(5)
  })

  it('the default cap is 1000 pages (100,000 studies at 100 a page), and a bad cap is refused', async () => {
    expect(DEFAULT_MAX_PAGES).toBe(1000)
    let n = 0
    server.reply(() => ({ json: { studies: [study((n % 50) + 1)], cursor: `c${++n}`, hasMore: true } }))
    const error = await paginationError(() => drain(client().viewer.studies.list()))
    expect(error.reason).toBe('too-many-pages')
    expect(server.requests).toHaveLength(DEFAULT_MAX_PAGES)
    for (const maxPages of [0, -1, 1.5]) {
      await expect(client().viewer.studies.list({}, { maxPages })).rejects.toThrow(/maxPages must be a positive integer/)
    }
  }, 60_000)
})

describe('against the sandbox pagination fault, over HTTP', () => {
  let sandbox: TestSandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.close())
  afterEach(() => sandbox.clearFaults())
  const client = () => new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 0 })

  it('repeatCursor: the list stops on page 2 with a clear error instead of looping', async () => {
    await sandbox.setFault({ pagination: 'repeatCursor' })
    await sandbox.clearRequests()
    const error = await paginationError(() => drain(client().viewer.studies.list({ limit: 5 })))
    expect(error.reason).toBe('repeated-cursor')
    const log = await sandbox.requests()
    expect(log).toHaveLength(2)
    expect(log.every((entry) => entry.fault === 'pagination:repeatCursor')).toBe(true)
  })

  it('emptyPageClaimsMore: the first await fails with a clear error', async () => {
    await sandbox.setFault({ pagination: 'emptyPageClaimsMore' })
    const error = await paginationError(() => client().viewer.users.list())
    expect(error.reason).toBe('empty-page-claims-more')
    expect(error.operation).toBe('users.list')
  })

  it('once the fault is cleared the same list ends normally', async () => {
    const studies = await drain(client().viewer.studies.list({ limit: 25 }))
    expect(studies.length).toBeGreaterThan(25)
    expect(new Set(studies.map((s) => s.studyId)).size).toBe(studies.length)
  })
})
