import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { CALLS, isCallName, type BridgeResult, type EventName, type EventPayloads, type QueueSnapshot } from '@shared/ipc/contract'
import type { Companion } from '@main/engine/companion-api'
import type { CorePorts } from '@main/engine/ports'

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A built-renderer stand-in (relative addresses, as built with `base: './'`): index.html, one hashed asset, and a secret file beside (not inside) it. */
export function fakeRendererDir(): { root: string; renderer: string } {
  const root = tempDir('rrc-web-')
  const renderer = path.join(root, 'renderer')
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true })
  fs.writeFileSync(
    path.join(renderer, 'index.html'),
    '<!doctype html><html><head><title>RRC</title><script type="module" src="./assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>'
  )
  fs.writeFileSync(path.join(renderer, 'assets/index-abc123.js'), 'console.log("app")\n')
  fs.writeFileSync(path.join(renderer, 'assets/index-abc123.css'), 'body{color:red}\n')
  fs.writeFileSync(path.join(renderer, '.hidden'), 'dotfile')
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE-RENDERER')
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(renderer, 'assets/link.txt'))
  return { root, renderer }
}

/**
 * A minimal Companion for protocol tests: validates requests with the contract's schemas like the
 * real core, records calls, and lets the test emit events.
 */
export interface FakeCompanion extends Companion {
  calls: Array<{ name: string; request: unknown }>
  clicked: string[][]
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void
  listenerCount(): number
  started: boolean
  stopped: boolean
  ports: CorePorts | null
  /** What `queueSnapshot()` answers (a test sets it beside the deltas it emits). */
  queue: QueueSnapshot
}

export function fakeCompanionFactory(): { factory: (ports: CorePorts) => Companion; companion: FakeCompanion } {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const companion: FakeCompanion = {
    calls: [],
    clicked: [],
    started: false,
    stopped: false,
    ports: null,
    queue: { epoch: 'fake', seq: 0, mine: [], statPool: [], closed: [], alerts: {}, fetchedAt: null, fromCache: false, counts: { stat: 0, high: 0, normal: 0 } },
    async start() {
      companion.started = true
    },
    async stop() {
      companion.stopped = true
    },
    async handle(name, request) {
      companion.calls.push({ name, request })
      if (!isCallName(name)) return { ok: false, error: { code: 'unknown-call', message: 'unknown call' } }
      const parsed = CALLS[name].request.safeParse(request)
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: parsed.error.issues[0]?.message ?? 'invalid' } }
      if (name === 'queue.refresh') return { ok: true, value: { ok: true } } as BridgeResult<never>
      return { ok: true, value: { echo: parsed.data } } as BridgeResult<never>
    },
    on(name, listener) {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => void set.delete(listener as (payload: never) => void)
    },
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) (listener as (p: unknown) => void)(payload)
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    suspend() {},
    resume() {},
    async notificationClicked(studies) {
      companion.clicked.push(studies.map((s) => s.studyId))
    },
    traySummary() {
      throw new Error('not used by the web shell')
    },
    queueSnapshot: () => companion.queue
  }
  return {
    companion,
    factory: (ports) => {
      companion.ports = ports
      return companion
    }
  }
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A raw HTTP request (fetch cannot set Host or Origin freely). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string }
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      }
    )
    request.on('error', reject)
    if (options.body !== undefined) request.write(options.body)
    request.end()
  })
}
