/** Pagination, retries, timeouts and aborts through the sandbox's fault controls and request log. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import Avara, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AvaraResponseValidationError,
  InternalServerError,
  RateLimitError
} from '@shared/avara'
import { recordingSleep } from './helpers/recording-sleep'
import { startTestSandbox, type TestSandbox } from './helpers/sandbox'

let sandbox: TestSandbox
beforeAll(async () => {
  sandbox = await startTestSandbox()
})
afterAll(() => sandbox.close())
afterEach(async () => {
  await sandbox.clearFaults()
  await sandbox.clearRequests()
})

function setup(options: ConstructorParameters<typeof Avara>[0] = {}) {
  const recorder = recordingSleep()
  const client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, internal: { sleep: recorder.sleep, random: () => 0.5 }, ...options })
  return { client, waits: recorder.waits }
}

describe('pagination across several pages', () => {
  it('iterates every study once, sending the filters and limit with each cursor', async () => {
    const { client } = setup()
    const everything = await client.viewer.studies.list({ limit: 100 })
    expect(everything.hasMore).toBe(false)
    const expected = everything.studies.filter((s) => s.isCancelled === false).map((s) => s.studyId)
    expect(expected.length).toBeGreaterThan(14)
    await sandbox.clearRequests()

    const seen: string[] = []
    for await (const s of client.viewer.studies.list({ isCancelled: false, limit: 7 })) seen.push(s.studyId)
    expect(seen).toEqual(expected)

    const log = await sandbox.requests()
    expect(log.length).toBe(Math.ceil(expected.length / 7))
    expect(log.every((r) => r.path === '/v1/viewer/studies' && r.query['isCancelled'] === 'false' && r.query['limit'] === '7')).toBe(true)
    expect(log[0]?.query['cursor']).toBeUndefined()
    expect(log.slice(1).every((r) => typeof r.query['cursor'] === 'string')).toBe(true)
  })

  it('walks pages by hand with hasNextPage/getNextPage', async () => {
    const { client } = setup()
    let page = await client.viewer.users.list({ limit: 3 })
    const emails = [...page.users.map((u) => u.email)]
    while (page.hasNextPage()) {
      page = await page.getNextPage()
      emails.push(...page.users.map((u) => u.email))
    }
    const all = await client.viewer.users.list({ limit: 100 })
    expect(emails).toEqual(all.users.map((u) => u.email))
    expect(emails.length).toBeGreaterThan(3)
  })
})

describe('retries through sandbox faults', () => {
  it('a single 500 is retried once and the call succeeds', async () => {
    await sandbox.setFault({ status: 500, count: 1 })
    const { client, waits } = setup()
    const page = await client.viewer.studies.list({ limit: 1 })
    expect(page.studies).toHaveLength(1)
    const log = await sandbox.requests()
    expect(log.map((r) => [r.status, r.retryCount])).toEqual([[500, 0], [200, 1]])
    expect(waits).toEqual([500 * 0.875])
  })

  it('a persistent 503 is tried three times with growing backoff, then InternalServerError', async () => {
    await sandbox.setFault({ status: 503 })
    const { client, waits } = setup()
    await expect(client.viewer.studies.retrieveByUid('1.2.3')).rejects.toBeInstanceOf(InternalServerError)
    expect((await sandbox.requests()).map((r) => r.retryCount)).toEqual([0, 1, 2])
    expect(waits).toEqual([500 * 0.875, 1000 * 0.875])
  })

  it('a 429 with retry-after waits the server-given seconds', async () => {
    await sandbox.setFault({ status: 429, retryAfterSeconds: 7, count: 2 })
    const { client, waits } = setup()
    await expect(client.viewer.users.list()).resolves.toBeDefined()
    expect(waits).toEqual([7000, 7000])
    await sandbox.setFault({ status: 429, retryAfterSeconds: 1 })
    await expect(setup({ maxRetries: 0 }).client.viewer.users.list()).rejects.toBeInstanceOf(RateLimitError)
  })

  it('x-should-retry: false stops retries of a 503', async () => {
    await sandbox.setFault({ status: 503, shouldRetry: false })
    await expect(setup().client.viewer.studies.list()).rejects.toBeInstanceOf(InternalServerError)
    expect(await sandbox.requests()).toHaveLength(1)
  })

  it('really waits a short retry-after-ms', async () => {
    await sandbox.setFault({ status: 503, retryAfterMs: 150, count: 1 })
    const client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
    const started = performance.now()
    await expect(client.viewer.studies.list({ limit: 1 })).resolves.toBeDefined()
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    expect((await sandbox.requests()).map((r) => r.retryCount)).toEqual([0, 1])
  })

  it('latency past the timeout is retried, then APIConnectionTimeoutError', async () => {
    await sandbox.setFault({ latencyMs: 3000 })
    const { client, waits } = setup({ timeout: 150, maxRetries: 1 })
    await expect(client.viewer.studies.list()).rejects.toBeInstanceOf(APIConnectionTimeoutError)
    expect(waits).toHaveLength(1)
  })

  it('a dropped connection is retried, then APIConnectionError', async () => {
    await sandbox.setFault({ dropConnection: true })
    const { client, waits } = setup({ maxRetries: 1 })
    await expect(client.viewer.studies.list()).rejects.toBeInstanceOf(APIConnectionError)
    expect(waits).toHaveLength(1)
  })

  it('malformed JSON on a 2xx is a clear validation error, not retried', async () => {
    await sandbox.setFault({ malformedJson: true, count: 1 })
    const error = await setup().client.viewer.studies.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AvaraResponseValidationError)
    expect((error as Error).message).toMatch(/^studies\.list: response body expected a JSON object, got unparseable JSON/)
    expect(await sandbox.requests()).toHaveLength(1)
  })

  it('aborting a slow in-flight request ends it without a retry', async () => {
    await sandbox.setFault({ latencyMs: 5000 })
    const controller = new AbortController()
    const { client, waits } = setup()
    const pending = client.viewer.studies.retrieveByUid('1.2.3', { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    expect(waits).toEqual([])
  })

  it('aborting during a long server-given wait ends the call at once', async () => {
    await sandbox.setFault({ status: 503, retryAfterSeconds: 60 })
    const controller = new AbortController()
    const client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
    const pending = client.viewer.studies.list({}, { signal: controller.signal })
    while ((await sandbox.requests()).length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    expect(await sandbox.requests()).toHaveLength(1)
  })
})
