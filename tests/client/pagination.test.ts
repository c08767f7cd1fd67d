/** Cursor pagination (docs/avara-viewer-api.md §5) against a scripted loopback server. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import Avara, { AvaraError, PagePromise, StudiesPage } from '@shared/avara'
import { startCaptureServer, type CaptureServer } from './helpers/capture-server'
import { invitation, study, TEST_KEY, user } from './helpers/fixtures'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())
afterEach(() => {
  server.requests.length = 0
})

const client = () => new Avara({ apiKey: TEST_KEY, baseURL: server.baseURL })

/** Pages of `size` studies over `total`, with a cursor of the next offset. */
function pagedStudies(total: number, size: number) {
  server.reply((request) => {
    const offset = Number(new URLSearchParams(request.rawQuery).get('cursor') ?? '0')
    const next = offset + size
    return { json: { studies: Array.from({ length: Math.min(size, total - offset) }, (_, i) => study(offset + i + 1)), ...(next < total ? { cursor: String(next), hasMore: true } : { hasMore: false }) } }
  })
}

describe('list pages', () => {
  it('awaits to the first page with its items, cursor and hasMore', async () => {
    pagedStudies(5, 2)
    const page = await client().viewer.studies.list({ limit: 2 })
    expect(page).toBeInstanceOf(StudiesPage)
    expect(page.studies.map((s) => s.studyId)).toEqual([study(1).studyId, study(2).studyId])
    expect([page.cursor, page.hasMore, page.hasNextPage()]).toEqual(['2', true, true])
    const second = await page.getNextPage()
    expect(second.studies).toHaveLength(2)
    const third = await second.getNextPage()
    expect([third.studies.length, third.cursor, third.hasMore, third.hasNextPage()]).toEqual([1, '', false, false])
    await expect(third.getNextPage()).rejects.toBeInstanceOf(AvaraError)
  })

  it('iterates every item of every page, resending the original filters with each cursor', async () => {
    pagedStudies(7, 3)
    const ids: string[] = []
    for await (const s of client().viewer.studies.list({ severity: 'stat', assignedTo: null, limit: 3 })) ids.push(s.studyId)
    expect(ids).toEqual(Array.from({ length: 7 }, (_, i) => study(i + 1).studyId))
    expect(server.requests.map((r) => r.rawQuery)).toEqual([
      'severity=stat&assignedTo=&limit=3',
      'severity=stat&assignedTo=&limit=3&cursor=3',
      'severity=stat&assignedTo=&limit=3&cursor=6'
    ])
  })

  it('replaces a cursor given by the caller rather than sending two', async () => {
    pagedStudies(4, 2)
    const pages = []
    for await (const page of (await client().viewer.studies.list({ cursor: '0', limit: 2 })).iterPages()) pages.push(page.studies.length)
    expect(pages).toEqual([2, 2])
    expect(server.requests.map((r) => r.rawQuery)).toEqual(['cursor=0&limit=2', 'cursor=2&limit=2'])
  })

  it.each([
    ['hasMore missing', { studies: [study(1)], cursor: 'abc' }],
    ['cursor missing', { studies: [study(1)], hasMore: true }],
    ['cursor null', { studies: [study(1)], hasMore: true, cursor: null }],
    ['cursor empty', { studies: [study(1)], hasMore: true, cursor: '' }]
  ])('stops when %s', async (_name, body) => {
    server.reply(() => ({ json: body }))
    const items = []
    for await (const s of client().viewer.studies.list()) items.push(s)
    expect(items).toHaveLength(body.studies.length)
    expect(server.requests).toHaveLength(1)
  })

  it('pages users and invitations under their own keys', async () => {
    server.replySequence([
      { json: { users: [user(1)], cursor: 'c1', hasMore: true } },
      { json: { users: [user(2)], hasMore: false } }
    ])
    const emails: string[] = []
    for await (const u of client().viewer.users.list({ level: 'member' })) emails.push(u.email)
    expect(emails).toEqual([user(1).email, user(2).email])
    expect(server.requests[1]?.rawQuery).toBe('level=member&cursor=c1')

    server.requests.length = 0
    server.reply(() => ({ json: { invitations: [invitation(1)], hasMore: false } }))
    const page = await client().viewer.users.invitations.list({ status: ['sent'] })
    expect(page.invitations[0]?.invitationId).toBe(invitation(1).invitationId)
    expect(server.requests[0]?.rawQuery).toBe('status=sent')
  })

  it('starts at once like the SDK, and one request serves every await', async () => {
    pagedStudies(1, 1)
    const pending = client().viewer.studies.list()
    expect(pending).toBeInstanceOf(PagePromise)
    await waitFor(() => server.requests.length === 1)
    const [a, b] = await Promise.all([pending, pending])
    expect(a).toBe(b)
    expect(server.requests).toHaveLength(1)
  })

  it('keeps a failure nobody awaited yet out of unhandled rejections, and still reports it on await', async () => {
    server.reply(() => ({ status: 404, json: { message: 'gone' } }))
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const pending = client().viewer.studies.list()
      await waitFor(() => server.requests.length === 1)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(unhandled).toEqual([])
      await expect(pending).rejects.toThrow('404 gone')
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('rejects the await and the iteration with the request error', async () => {
    server.reply(() => ({ status: 401, json: { message: 'bad key' } }))
    await expect(client().viewer.studies.list()).rejects.toBeInstanceOf(Avara.AuthenticationError)
    const iterate = async () => {
      for await (const _ of client().viewer.users.list()) void _
    }
    await expect(iterate()).rejects.toThrow('401 bad key')
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
