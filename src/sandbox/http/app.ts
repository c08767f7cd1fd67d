import type { IncomingMessage, ServerResponse } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import type { OperationName } from '@shared/avara/contract'
import type { SandboxContext } from '../context'
import type { ApiKeyRow } from '../db/store'
import type { FaultDecision, FaultInjector } from '../faults'
import { handleControl } from '../handlers/control'
import { OPERATIONS } from '../handlers/operations'
import { faultyPage, isListOperation, withoutCursor } from '../handlers/paging-fault'
import { renderViewerPage, VIEWER_PAGE_HEADERS } from '../handlers/viewer-page'
import { buildOpenApiDocument } from '../openapi'
import { decodeQueryForLog, type RequestLog } from '../request-log'
import { carriesBody, parseJsonBody, readBody } from './body'
import { ApiError } from './errors'
import { decodeQuery } from './query'
import { CORS_HEADERS, sendError, sendHtml, sendJson } from './respond'
import { matchRoute } from './router'

export interface AppDeps {
  ctx: SandboxContext
  faults: FaultInjector
  log: RequestLog
  quiet?: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Splits the request target by hand: `new URL()` would read `//host/x` as a host. */
function splitTarget(target: string): { path: string; search: URLSearchParams } {
  const q = target.indexOf('?')
  const path = q === -1 ? target : target.slice(0, q)
  const hash = path.indexOf('#')
  return { path: hash === -1 ? path : path.slice(0, hash), search: new URLSearchParams(q === -1 ? '' : target.slice(q + 1)) }
}

function authenticate(ctx: SandboxContext, req: IncomingMessage): ApiKeyRow {
  const header = req.headers.authorization ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const key = match?.[1] ? ctx.store.apiKeyBySecret(match[1]) : undefined
  if (!key || !match?.[1] || !timingSafeEqual(Buffer.from(key.secret), Buffer.from(match[1]))) {
    throw new ApiError(401, 'unauthorized', header ? 'Invalid API key' : 'Missing API key: send Authorization: Bearer <key>', {
      'www-authenticate': 'Bearer'
    })
  }
  return key
}

function retryCountOf(req: IncomingMessage): number | null {
  const raw = req.headers['x-stainless-retry-count']
  const n = typeof raw === 'string' ? Number(raw) : Number.NaN
  return Number.isInteger(n) && n >= 0 ? n : null
}

/** The node:http request listener of the sandbox. */
export function createRequestListener(deps: AppDeps) {
  const { ctx } = deps
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now()
    const method = (req.method ?? 'GET').toUpperCase()
    const { path, search } = splitTarget(req.url ?? '/')
    let fault: string | null = null
    const isControl = path.startsWith('/_sandbox/')

    let recorded = false
    // 'finish' as soon as the answer is handed over (so the next request sees it); 'close' for dropped ones.
    const record = () => {
      if (isControl || recorded) return
      recorded = true
      deps.log.add({
        at: new Date(ctx.clock()).toISOString(),
        method,
        path,
        query: decodeQueryForLog(search),
        status: res.headersSent ? res.statusCode : null,
        retryCount: retryCountOf(req),
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        fault
      })
    }
    res.once('finish', record)
    res.once('close', record)

    // A body is presumed refused until it has been read: any earlier answer (401, 404, 405, a
    // fault, ...) closes the connection once it is flushed, so Node does not keep reading (and
    // discarding) an upload of any size just to reuse the connection.
    if (carriesBody(req)) res.setHeader('connection', 'close')
    const readJsonBody = async (): Promise<unknown> => {
      const raw = await readBody(req)
      res.removeHeader('connection')
      return parseJsonBody(raw)
    }

    const handle = async (): Promise<void> => {
      if (method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS)
        res.end()
        return
      }
      if (path === '/openapi.json') {
        if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on /openapi.json`, { allow: 'GET' })
        sendJson(res, 200, buildOpenApiDocument(ctx.baseURL()))
        return
      }
      if (path.startsWith('/viewer/studies/')) {
        if (method !== 'GET') throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on the viewer page`, { allow: 'GET' })
        let studyId = ''
        try {
          studyId = decodeURIComponent(path.slice('/viewer/studies/'.length))
        } catch {
          studyId = ''
        }
        const page = renderViewerPage(ctx, studyId, search.get('token'))
        sendHtml(res, page.status, page.html, VIEWER_PAGE_HEADERS)
        return
      }
      if (isControl) {
        authenticate(ctx, req)
        const body = method === 'POST' || method === 'PATCH' ? await readJsonBody() : undefined
        const result = handleControl(deps, method, path, search, body)
        sendJson(res, result.status, result.body)
        return
      }
      if (path === '/v1' || path.startsWith('/v1/')) {
        const apiKey = authenticate(ctx, req)
        const decision = deps.faults.next({ method, path, query: search })
        if (decision) {
          fault = decision.label
          if (await applyFault(decision, res)) return
        }
        const route = matchRoute(method, path)
        const body = method === 'POST' || method === 'PATCH' ? await readJsonBody() : {}
        const operation = route.endpoint.operation
        const handler = OPERATIONS[operation as OperationName]
        const paging = decision?.outcome?.kind === 'pagination' && isListOperation(operation) ? decision.outcome.fault : undefined
        const query = decodeQuery(paging ? withoutCursor(search) : search, route.endpoint.query)
        const result = handler(ctx, { params: route.params, query, body, apiKey })
        const answer = paging && result.status === 200 ? faultyPage(paging, operation, result.body as Record<string, unknown>) : result.body
        sendJson(res, result.status, answer, result.headers)
        return
      }
      throw new ApiError(404, 'route_not_found', `No route for ${path}`)
    }

    handle().catch((error: unknown) => {
      if (error instanceof ApiError) {
        sendError(res, error.status, error.code, error.message, error.headers)
        return
      }
      if (!deps.quiet) console.error('[sandbox] internal error:', error)
      sendError(res, 500, 'internal_error', 'Internal sandbox error', { 'x-should-retry': 'false' })
    })
  }
}

/** Applies an injected fault; true when it already answered (or dropped) the request. */
async function applyFault(decision: FaultDecision, res: ServerResponse): Promise<boolean> {
  if (decision.latencyMs > 0) await sleep(decision.latencyMs)
  const outcome = decision.outcome
  if (!outcome) return false
  if (outcome.kind === 'drop') {
    res.socket?.destroy()
    return true
  }
  // Changes the answer of the real handler (list requests only), so it runs.
  if (outcome.kind === 'pagination') return false
  if (outcome.kind === 'malformed') {
    const payload = '{"studies": [{"studyId": "stu_'
    res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
    res.end(payload)
    return true
  }
  sendError(res, outcome.status, 'sandbox_fault', `Injected fault: HTTP ${outcome.status}`, outcome.headers)
  return true
}
