/**
 * The web shell: the shell-agnostic core in plain Node, its bridge over HTTP + SSE, and the built
 * renderer, on 127.0.0.1 only, under a per-run token that is the first segment of every path (a
 * capability URL; no cookie). See docs/web-shell.md for the protocol and the security model.
 * Never imports electron.
 */
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { isCallName, WEB_CALL_PATH, WEB_EVENTS_PATH, type BridgeErrorCode, type BridgeResult } from '@shared/ipc/contract'
import type { Companion } from '@main/engine/companion-api'
import { createCompanion } from '@main/engine/companion'
import type { CorePorts, Logger, SecretStore } from '@main/engine/ports'
import { KEYCHAIN_SERVICE } from '@main/engine/ports'
import { registerSecret, silentLogger } from '@main/engine/logging'
import { createFileLogger } from '@main/node'
import { createKeytarSecretStore } from '@main/node'
import { loadPolicy } from '@main/node'
import type { PolicyReading } from '@shared/ipc/managed-policy'
import { setBaseUrlInProfile } from './profile'
import { ensureProfileDir, lockProfile } from './profile-lock'
import { BodyTooLargeError, closeUnlessBodyRead, readBody } from './body'
import { createEventStreams, HEARTBEAT_MS, UNDELIVERED_ALERTS_FILE, type EventStreams } from './events'
import { checkHost, checkOrigin, isJsonContentType } from './guards'
import { messagePage, sendHtml, sendJson, setSecurityHeaders } from './headers'
import { createStaticFiles } from './static-files'
import { generateToken, splitTokenPath, tokensEqual } from './token'
import { createWebPorts, type PageOpener } from './web-ports'

export const DEFAULT_WEB_PORT = 5180
export const WEB_HOST = '127.0.0.1'

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..')
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out/renderer')

export type CompanionFactory = (ports: CorePorts) => Companion

export interface WebShellOptions {
  /** Default 5180; 0 picks a free port. The host is always 127.0.0.1. */
  port?: number
  /** Preset the Avara base URL in the profile (clears the identity and cache of another server). */
  baseUrl?: string
  profileDir: string
  rendererDir?: string
  /** Default: the OS keychain (keytar). A memory store is used only when the caller passes one. */
  secrets?: SecretStore
  companionFactory?: CompanionFactory
  /** Write logs to <profile>/logs (default true). */
  log?: boolean
  /** SSE heartbeat interval (tests). */
  heartbeatMs?: number
  /** Close an event stream that has not drained for this long (default 30 s; tests use less). */
  eventStallLimitMs?: number
  /** The administrator's policy file (`--policy`); default READING_ROOM_POLICY, else the system path. */
  policyFile?: string
}

export interface WebShell {
  /** The address to open: `http://127.0.0.1:<port>/<token>/` (everything is served below it). */
  url: string
  origin: string
  token: string
  port: number
  companion: Companion
  opener: PageOpener
  /** The event streams: open pages and how many alerts reached one (tests, diagnostics). */
  events: EventStreams
  /** The policy file as found at start (docs/managed-configuration.md). */
  policy: PolicyReading
  close(): Promise<void>
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

const bridgeError = (code: BridgeErrorCode, message: string): BridgeResult<never> => ({ ok: false, error: { code, message } })

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const profileDir = path.resolve(options.profileDir)
  ensureProfileDir(profileDir)
  const lock = lockProfile(profileDir)
  try {
    return await startLocked(options, profileDir, lock.release)
  } catch (error) {
    lock.release()
    throw error
  }
}

async function startLocked(options: WebShellOptions, profileDir: string, releaseLock: () => void): Promise<WebShell> {
  const logger: Logger = options.log === false ? silentLogger : createFileLogger({ dir: path.join(profileDir, 'logs'), level: 'info' })
  const token = generateToken()
  registerSecret(token)

  const secrets = options.secrets ?? createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
  const policy = loadPolicy({ flag: options.policyFile, env: process.env, platform: process.platform })
  const ports = { ...createWebPorts({ profileDir, secrets, logger, version: readVersion() }), policy }
  // Through the shell's own store, so a recovery of a damaged file is reported to the engine.
  if (options.baseUrl !== undefined) setBaseUrlInProfile(ports.state, options.baseUrl, logger)
  const factory = options.companionFactory ?? createCompanion
  const companion = factory(ports)
  const files = createStaticFiles(options.rendererDir ?? DEFAULT_RENDERER_DIR)
  const streams = createEventStreams(companion, {
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    stallLimitMs: options.eventStallLimitMs,
    undeliveredFile: path.join(profileDir, UNDELIVERED_ALERTS_FILE)
  })
  let port = 0

  /** `apiPath`: the path below `/<token>/`, without its leading slash (`api/call/app.getState`). */
  async function handleApi(request: IncomingMessage, response: ServerResponse, apiPath: string): Promise<void> {
    if (apiPath === WEB_EVENTS_PATH) {
      if (request.method !== 'GET') return sendJson(response, 405, bridgeError('invalid-request', 'Use GET for the event stream.'))
      streams.open(request, response)
      return
    }
    if (request.method !== 'POST') return sendJson(response, 405, bridgeError('invalid-request', 'Use POST.'))
    // JSON only: no cross-site form or "simple" request can send it (with the Origin check, the
    // CSRF defence; the token in the path already proves the caller was given the address).
    if (!isJsonContentType(request)) return sendJson(response, 415, bridgeError('invalid-request', 'Send the request as application/json.'))
    let body: unknown
    try {
      const text = await readBody(request)
      // Read in full: the connection may be kept alive again (see closeUnlessBodyRead).
      response.removeHeader('Connection')
      body = text.trim() === '' ? {} : (JSON.parse(text) as unknown)
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response.setHeader('Connection', 'close')
        return sendJson(response, 413, bridgeError('invalid-request', 'The request is larger than 64 KiB.'))
      }
      return sendJson(response, 400, bridgeError('invalid-request', 'The request body is not valid JSON.'))
    }

    if (!apiPath.startsWith(WEB_CALL_PATH)) return sendJson(response, 404, bridgeError('unknown-call', 'No such endpoint.'))
    let name: string
    try {
      name = decodeURIComponent(apiPath.slice(WEB_CALL_PATH.length))
    } catch {
      name = ''
    }
    if (!isCallName(name)) return sendJson(response, 404, bridgeError('unknown-call', 'No such call.'))
    const result = await companion.handle(name, body)
    sendJson(response, 200, result)
  }

  function refuseWithoutToken(response: ServerResponse, pathname: string): void {
    // `/api/…` or `/<anything>/api/…`: a script is asking, so answer it in the bridge's terms.
    if (/^\/(?:[^/]*\/)?api\//.test(pathname)) return sendJson(response, 401, bridgeError('forbidden', 'Missing or wrong access token.'))
    sendHtml(
      response,
      401,
      messagePage('Open the address printed in the terminal', [
        'Reading Room Companion (web) only answers at the address it printed when it started,',
        'the line "Reading Room Companion (web) ready: http://127.0.0.1:…/…/". Open that address again.',
        'It changes on every start, and addresses of older versions (ending in ?token=…) no longer work.'
      ])
    )
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response)
    closeUnlessBodyRead(request, response)
    const host = checkHost(request, port)
    if (!host) return sendHtml(response, 403, messagePage('Forbidden', ['This address is served to 127.0.0.1 only.']))
    if (!checkOrigin(request, host)) {
      logger.warn('refused a request from a foreign origin', { method: request.method })
      return sendJson(response, 403, bridgeError('forbidden', 'Requests from other origins are refused.'))
    }
    // The URL parser resolves `.` and `..` segments (also percent-encoded), so nothing can climb
    // out from under the token prefix; what is below it is checked again by the static files.
    const url = new URL(request.url ?? '/', `http://${host}`)
    // Browsers ask for /favicon.ico at the root on their own: answer empty rather than 401.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204, { 'Cache-Control': 'no-cache' })
      response.end()
      return
    }
    const { first, rest } = splitTokenPath(url.pathname)
    if (!tokensEqual(first, token)) return refuseWithoutToken(response, url.pathname)
    if (rest === '') {
      // `/<token>` without the slash: the page's relative addresses need it.
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, bridgeError('invalid-request', 'Use GET.'))
      response.writeHead(308, { Location: `/${token}/`, 'Cache-Control': 'no-store' })
      response.end()
      return
    }
    if (rest.startsWith('/api/')) return handleApi(request, response, rest.slice(1))

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      return sendHtml(response, 405, messagePage('Method not allowed', ['Only GET and HEAD are served here.']))
    }
    const served = files.serve(rest, response, request.method === 'HEAD')
    if (served === 'bad-path') return sendHtml(response, 400, messagePage('Bad request', ['That path is not allowed.']))
    if (served === 'not-found') return sendHtml(response, 404, messagePage('Not found', ['Nothing is served at this address.']))
  }

  const server = http.createServer((request, response) => {
    route(request, response).catch(() => {
      logger.error('web request failed', { method: request.method })
      if (!response.headersSent) sendJson(response, 500, bridgeError('internal', 'The companion service failed to answer.'))
      else response.end()
    })
  })
  // Slow-loris limits. They bound receiving a request, so the long-lived event stream (a complete
  // GET) is not cut by them.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_WEB_PORT, WEB_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://${WEB_HOST}:${port}`

  try {
    await companion.start()
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    throw error
  }
  logger.info('web shell started', { port, rendererBuilt: files.hasIndex() })

  let closing: Promise<void> | null = null
  return {
    url: `${origin}/${token}/`,
    origin,
    token,
    port,
    companion,
    opener: ports.opener,
    events: streams,
    policy,
    close() {
      closing ??= (async () => {
        streams.closeAll()
        await companion.stop().catch(() => logger.error('companion did not stop cleanly'))
        // No save retry may touch the profile once the lock is released.
        ports.state.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        logger.info('web shell stopped')
        releaseLock()
      })()
      return closing
    }
  }
}
