/* eslint-disable @typescript-eslint/no-explicit-any -- test helpers hand back parsed JSON */
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@sandbox/server'

export interface ApiResponse<T = unknown> {
  status: number
  headers: Headers
  json: T
  text: string
}

export interface TestSandbox extends RunningSandbox {
  /** A request with the sandbox API key; `body` is JSON-encoded unless it is a string. */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>
  /** A request without any Authorization header. */
  raw(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<ApiResponse>
}

async function toResponse(res: Response): Promise<ApiResponse<any>> {
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, json, text }
}

/** An in-memory sandbox on an ephemeral port, with small request helpers. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, dbFile: null, quiet: true, ...options })
  return {
    ...sandbox,
    async api(method, path, body, headers = {}) {
      const res = await fetch(sandbox.baseURL + path, {
        method,
        headers: { authorization: `Bearer ${sandbox.apiKey}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
      })
      return toResponse(res)
    },
    async raw(method, path, init = {}) {
      const res = await fetch(sandbox.baseURL + path, { method, headers: init.headers, body: init.body })
      return toResponse(res)
    }
  }
}

let uidCounter = 0
/** A fresh valid DICOM UID per call. */
export function freshUid(): string {
  uidCounter += 1
  return `1.2.840.99999.${process.pid}.${Date.now()}.${uidCounter}`
}

export const STUDY_ID_RE = /^stu_[0-9a-f]{32}$/
export const USER_ID_RE = /^usr_[0-9a-f]{32}$/
export const INVITATION_ID_RE = /^inv_[0-9a-f]{32}$/
export const ISO_MS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Follows cursors to the end, asserting the envelope rules on every page. */
export async function collectAll<T>(
  sandbox: TestSandbox,
  path: string,
  itemsKey: string,
  check: (page: { items: T[]; hasMore: boolean; cursor?: unknown }) => void = () => {}
): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  const [pathname, search = ''] = path.split('?')
  for (let guard = 0; guard < 1000; guard++) {
    const params = new URLSearchParams(search)
    if (cursor) params.set('cursor', cursor)
    const query = params.toString().replace(/\+/g, '%20')
    const res = await sandbox.api('GET', query ? `${pathname}?${query}` : `${pathname}`)
    if (res.status !== 200) throw new Error(`page failed: ${res.status} ${res.text}`)
    const page: { items: T[]; hasMore: boolean; cursor?: unknown } = { items: res.json[itemsKey] as T[], hasMore: res.json.hasMore as boolean }
    if ('cursor' in res.json) page.cursor = res.json.cursor
    check(page)
    items.push(...page.items)
    if (!page.hasMore) return items
    cursor = page.cursor as string
  }
  throw new Error('too many pages')
}
