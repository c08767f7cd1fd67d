/** Errors, retries, timeouts, aborts and response checks, against a scripted loopback server. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import Avara, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  AvaraResponseValidationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError
} from '@shared/avara'
import { startCaptureServer, type CaptureServer, type Reply } from './helpers/capture-server'
import { invitation, study, TEST_KEY } from './helpers/fixtures'
import { recordingSleep } from './helpers/recording-sleep'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())
afterEach(() => {
  server.requests.length = 0
})

const STUDY_ID = study(1).studyId
function setup(options: ConstructorParameters<typeof Avara>[0] = {}) {
  const recorder = recordingSleep()
  const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL, internal: { sleep: recorder.sleep, random: () => 0 }, ...options })
  return { client, waits: recorder.waits }
}
const retryCounts = () => server.requests.map((r) => r.headers['x-stainless-retry-count'])

describe('error classes and messages (docs/avara-viewer-api.md §3)', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError]
  ])('%i gives %o with status, headers and the parsed body', async (status, Class) => {
    server.reply(() => ({ status, json: { message: 'it went wrong', code: 'x' }, headers: { 'x-should-retry': 'false', 'x-trace': 't1' } }))
    const error = await setup().client.viewer.studies.retrieve(STUDY_ID).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Class)
    expect(error).toBeInstanceOf(APIError)
    expect(error).toBeInstanceOf(Avara.AvaraError)
    const apiError = error as APIError
    expect(apiError.status).toBe(status)
    expect(apiError.headers?.get('x-trace')).toBe('t1')
    expect(apiError.error).toEqual({ message: 'it went wrong', code: 'x' })
    expect(apiError.message).toBe(`${status} it went wrong`)
    expect(server.requests).toHaveLength(1)
  })

  it('builds messages from non-string messages, whole bodies, text and empty bodies', async () => {
    const { client } = setup({ maxRetries: 0 })
    const cases: [Reply, string, unknown][] = [
      [{ status: 400, json: { message: { field: 'x' } } }, '400 {"field":"x"}', { message: { field: 'x' } }],
      [{ status: 400, json: { code: 'bad' } }, '400 {"code":"bad"}', { code: 'bad' }],
      [{ status: 400, raw: 'plain failure', headers: { 'content-type': 'text/plain' } }, '400 plain failure', undefined],
      [{ status: 400, raw: '' }, '400 status code (no body)', undefined]
    ]
    for (const [reply, message, body] of cases) {
      server.reply(() => reply)
      const error = (await client.viewer.studies.retrieve(STUDY_ID).catch((e: unknown) => e)) as APIError
      expect(error.message).toBe(message)
      expect(error.error).toEqual(body)
    }
  })

  it('exposes the classes as static members like the SDK', () => {
    expect(Avara.NotFoundError).toBe(NotFoundError)
    expect(Avara.APIUserAbortError).toBe(APIUserAbortError)
    expect(Avara.AvaraResponseValidationError).toBe(AvaraResponseValidationError)
    expect(String(new NotFoundError(404, undefined, undefined, new Headers()))).toBe('NotFoundError: 404 status code (no body)')
  })
})

describe('retries (docs/avara-viewer-api.md §2)', () => {
  it('retries 500 twice with exponential backoff, then throws', async () => {
    server.reply(() => ({ status: 500, json: { message: 'boom' } }))
    const { client, waits } = setup()
    await expect(client.viewer.studies.retrieve(STUDY_ID)).rejects.toBeInstanceOf(InternalServerError)
    expect(retryCounts()).toEqual(['0', '1', '2'])
    expect(waits).toEqual([500, 1000])
  })

  it('succeeds once the server recovers, and honours retry-after / retry-after-ms', async () => {
    server.replySequence([
      { status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '3' } },
      { status: 503, json: { message: 'busy' }, headers: { 'retry-after-ms': '250' } },
      { json: study(1) }
    ])
    const { client, waits } = setup()
    await expect(client.viewer.studies.retrieve(STUDY_ID)).resolves.toEqual(study(1))
    expect(waits).toEqual([3000, 250])
    expect(retryCounts()).toEqual(['0', '1', '2'])
  })

  it('lets x-should-retry decide: false stops a 409, true retries a 400', async () => {
    server.reply(() => ({ status: 409, json: { message: 'duplicate' }, headers: { 'x-should-retry': 'false' } }))
    await expect(setup().client.viewer.studies.create({ severity: 'normal', studyDescription: 'x', studyInstanceUid: '1.2' })).rejects.toBeInstanceOf(ConflictError)
    expect(server.requests).toHaveLength(1)
    server.requests.length = 0
    server.reply(() => ({ status: 400, json: { message: 'flaky' }, headers: { 'x-should-retry': 'true' } }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).rejects.toBeInstanceOf(BadRequestError)
    expect(server.requests).toHaveLength(3)
  })

  it('does not retry other 4xx, and honours maxRetries per client and per request', async () => {
    server.reply(() => ({ status: 404, json: { message: 'no' } }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).rejects.toBeInstanceOf(NotFoundError)
    expect(server.requests).toHaveLength(1)
    server.requests.length = 0
    server.reply(() => ({ status: 502, json: {} }))
    await expect(setup({ maxRetries: 0 }).client.viewer.studies.retrieve(STUDY_ID)).rejects.toBeInstanceOf(InternalServerError)
    expect(server.requests).toHaveLength(1)
    server.requests.length = 0
    await expect(setup({ maxRetries: 0 }).client.viewer.studies.retrieve(STUDY_ID, { maxRetries: 4 })).rejects.toBeInstanceOf(InternalServerError)
    expect(retryCounts()).toEqual(['0', '1', '2', '3', '4'])
  })

  it('retries dropped connections and then throws APIConnectionError', async () => {
    server.reply(() => ({ destroy: true }))
    const { client, waits } = setup()
    await expect(client.viewer.studies.retrieve(STUDY_ID)).rejects.toSatisfy((e) => e instanceof APIConnectionError && !(e instanceof APIConnectionTimeoutError))
    expect(server.requests).toHaveLength(3)
    expect(waits).toHaveLength(2)
  })

  it('retries a refused connection (service down), then throws APIConnectionError with the cause', async () => {
    const down = await startCaptureServer()
    const deadURL = down.baseURL
    await down.close()
    const recorder = recordingSleep()
    const client = new Avara({ apiKey: TEST_KEY, baseURL: deadURL, internal: { sleep: recorder.sleep, random: () => 0 } })
    const error = await client.viewer.studies.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIConnectionError)
    expect((error as APIConnectionError).message).toBe('Connection error.')
    expect((error as APIConnectionError).cause).toBeDefined()
    expect(recorder.waits).toEqual([500, 1000])
  })

  it('really waits a short server-given retry-after-ms', async () => {
    server.replySequence([{ status: 503, json: {}, headers: { 'retry-after-ms': '120' } }, { json: study(1) }])
    const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL })
    const started = performance.now()
    await expect(client.viewer.studies.retrieve(STUDY_ID)).resolves.toEqual(study(1))
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
    expect(server.requests).toHaveLength(2)
  })
})

describe('timeouts and aborts', () => {
  it('times out each attempt, retries, and ends with APIConnectionTimeoutError', async () => {
    server.reply(() => ({ json: study(1), delayMs: 5_000 }))
    const { client } = setup({ timeout: 100, maxRetries: 1 })
    await expect(client.viewer.studies.retrieve(STUDY_ID)).rejects.toBeInstanceOf(APIConnectionTimeoutError)
    expect(retryCounts()).toEqual(['0', '1'])
  })

  it('a per-request timeout overrides the client one', async () => {
    server.reply(() => ({ json: study(1), delayMs: 5_000 }))
    const { client } = setup({ maxRetries: 0 })
    await expect(client.viewer.studies.retrieve(STUDY_ID, { timeout: 100 })).rejects.toBeInstanceOf(APIConnectionTimeoutError)
  })

  it('aborts an in-flight request without retrying', async () => {
    server.reply(() => ({ json: study(1), delayMs: 5_000 }))
    const controller = new AbortController()
    const pending = setup().client.viewer.studies.retrieve(STUDY_ID, { signal: controller.signal })
    await waitFor(() => server.requests.length === 1)
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    expect(server.requests).toHaveLength(1)
  })

  it('aborts during a backoff wait', async () => {
    server.reply(() => ({ status: 503, json: {}, headers: { 'retry-after': '30' } }))
    const controller = new AbortController()
    // Real sleep: the wait would be 30 s, so only the abort can end it.
    const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL })
    const pending = client.viewer.studies.retrieve(STUDY_ID, { signal: controller.signal })
    await waitFor(() => server.requests.length === 1)
    setTimeout(() => controller.abort(), 20)
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    expect(server.requests).toHaveLength(1)
  })

  it('refuses to start with an already aborted signal', async () => {
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError)
    expect(server.requests).toHaveLength(0)
  })
})

describe('response checks', () => {
  it('names the operation and the field for a wrong type', async () => {
    server.reply(() => ({ json: { studies: [study(1), study(2), study(3), { ...study(4), severity: 3 }], hasMore: false } }))
    const error = (await setup().client.viewer.studies.list().catch((e: unknown) => e)) as AvaraResponseValidationError
    expect(error).toBeInstanceOf(AvaraResponseValidationError)
    expect(error.message).toBe('studies.list: response field "studies[3].severity" expected string, got number')
    expect(error.operation).toBe('studies.list')
    expect(error.path).toBe('studies[3].severity')
    expect(server.requests).toHaveLength(1)
  })

  it('says "or null" where the contract allows null', async () => {
    server.reply(() => ({ json: { ...study(1), cancelledAt: 5 } }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).rejects.toThrow('studies.retrieve: response field "cancelledAt" expected string or null, got number')
  })

  it('names a missing required field', async () => {
    const { userId: _dropped, ...withoutId } = { userId: 'usr_x', email: 'a@b.c' }
    server.reply(() => ({ json: { ...study(1), assignedTo: withoutId } }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).rejects.toThrow(
      'studies.retrieve: response field "assignedTo.userId" is missing (expected string)'
    )
  })

  it('passes extra fields and unknown enum values through untouched', async () => {
    const future = { ...study(1), severity: 'critical', newField: { nested: [1, 2] }, assignedTo: { email: 'a@b.c', userId: 'usr_1', title: 'Dr' } }
    server.reply(() => ({ json: future }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).resolves.toEqual(future)
  })

  it('accepts the documented nulls the SDK types leave out (inviterId, invitedByApiKeyId)', async () => {
    const dashboardInvitation = { ...invitation(1), invitedSource: 'dashboard', inviterId: 'usr_1', invitedByApiKeyId: null }
    server.reply(() => ({ json: dashboardInvitation }))
    await expect(setup().client.viewer.users.invitations.retrieve(invitation(1).invitationId)).resolves.toEqual(dashboardInvitation)
  })

  it('gives a clear error for malformed JSON and non-JSON bodies on a 2xx, without retrying', async () => {
    server.reply(() => ({ raw: '{"studyId": "stu_', headers: { 'content-type': 'application/json' } }))
    const error = (await setup().client.viewer.studies.retrieve(STUDY_ID).catch((e: unknown) => e)) as AvaraResponseValidationError
    expect(error).toBeInstanceOf(AvaraResponseValidationError)
    expect(error.message).toMatch(/^studies\.retrieve: response body expected a JSON object, got unparseable JSON/)
    expect(server.requests).toHaveLength(1)
    server.reply(() => ({ raw: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } }))
    await expect(setup().client.viewer.studies.retrieve(STUDY_ID)).rejects.toThrow('studies.retrieve: response body expected a JSON object, got a "text/html" body')
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
