/** The API key must never surface in errors, their string forms, logs or the client's own forms. */
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Avara, { APIError } from '@shared/avara'
import { startCaptureServer, type CaptureServer, type Reply } from './helpers/capture-server'
import { study, TEST_KEY } from './helpers/fixtures'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

/** Every way a thrown object commonly ends up in a log. */
function renderings(value: unknown): string[] {
  const forms = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: true })]
  if (value instanceof Error) forms.push(value.stack ?? '', value.message, inspect(value.cause, { depth: 10 }))
  return forms
}

function expectNoKey(value: unknown): void {
  for (const form of renderings(value)) {
    expect(form).not.toContain(TEST_KEY)
    expect(form).not.toContain(TEST_KEY.slice(8))
  }
}

describe('the API key stays secret', () => {
  it('is absent from the client when printed, inspected or serialised', () => {
    const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL })
    expectNoKey(client)
    expectNoKey(client.viewer)
    expectNoKey(client.viewer.users.invitations)
    expect(JSON.stringify(client)).toContain('[redacted]')
    expect(Object.values(client)).not.toContain(TEST_KEY)
  })

  it('is absent from pages', async () => {
    server.reply(() => ({ json: { studies: [study(1)], cursor: 'c', hasMore: true } }))
    const page = await new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL }).viewer.studies.list()
    expectNoKey(page)
  })

  const failures: [string, Reply, Partial<ConstructorParameters<typeof Avara>[0]>][] = [
    // A server or proxy that echoes the credentials back in headers and body.
    ['an echoing 401', { status: 401, json: { message: 'bad key', echoed: 'see header' }, headers: { authorization: `Bearer ${TEST_KEY}`, 'set-cookie': `k=${TEST_KEY}` } }, {}],
    ['a 500 after retries', { status: 500, json: { message: 'boom' } }, { maxRetries: 1 }],
    ['a dropped connection', { destroy: true }, { maxRetries: 0 }],
    ['a timeout', { json: study(1), delayMs: 5000 }, { maxRetries: 0, timeout: 50 }],
    ['malformed JSON', { raw: '{', headers: { 'content-type': 'application/json' } }, {}],
    ['an invalid body', { json: { studyId: 1 } }, {}]
  ]

  it.each(failures)('is absent from the error for %s', async (_name, reply, options) => {
    server.reply(() => reply)
    const lines: string[] = []
    const log = (...args: unknown[]) => lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '))
    const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL, logLevel: 'debug', logger: { debug: log, info: log, warn: log, error: log }, internal: { sleep: async () => {} }, ...options })
    const error = await client.viewer.studies.retrieve(study(1).studyId).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Avara.AvaraError)
    expectNoKey(error)
    if (error instanceof APIError && error.headers) {
      expect(error.headers.get('authorization')).toBeNull()
      expect(error.headers.get('set-cookie')).toBeNull()
    }
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).not.toContain(TEST_KEY)
  })

  it('is absent from invalid-option errors', () => {
    expectNoKey(catchError(() => new Avara({ apiKey: TEST_KEY, baseURL: 'ftp://x' })))
    expectNoKey(catchError(() => new Avara({ apiKey: TEST_KEY, maxRetries: 1.5 })))
  })

  it('is absent from the error for a key that cannot be sent (fetch would quote it)', () => {
    for (const broken of [`${TEST_KEY}\nsecond line`, `${TEST_KEY.slice(0, 20)}€${TEST_KEY.slice(20)}`]) {
      const error = catchError(() => new Avara({ apiKey: broken, baseURL: server.baseURL }))
      expect(error).toBeInstanceOf(Avara.AvaraError)
      expectNoKey(error)
      expect(String(error)).not.toContain(TEST_KEY.slice(8, 20))
    }
  })

  it('is absent from the error for a header value that cannot be sent', async () => {
    const client = new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL })
    const error = await client.viewer.studies.list({}, { headers: { Authorization: `Bearer ${TEST_KEY}\nX: y` } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Avara.AvaraError)
    expect(String(error)).toContain('"authorization"')
    expectNoKey(error)
  })

  it('trims whitespace around the key, as a key read from a file often has', async () => {
    let seen: string | undefined
    server.reply((request) => {
      seen = request.headers['authorization']
      return { json: study(1) }
    })
    await new Avara({ apiKey: `  ${TEST_KEY}\n`, baseURL: server.baseURL }).viewer.studies.retrieve(study(1).studyId)
    expect(seen).toBe(`Bearer ${TEST_KEY}`)
  })
})

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
