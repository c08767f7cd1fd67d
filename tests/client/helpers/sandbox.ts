/** Starts the project's Avara sandbox in memory on 127.0.0.1:0, with typed access to its controls. */
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@sandbox/server'

export interface LoggedRequest {
  at: string
  method: string
  path: string
  query: Record<string, unknown>
  status: number
  retryCount: number | null
  durationMs: number
  fault: string | null
}

export interface FaultConfig {
  status?: number
  failureRate?: number
  count?: number
  retryAfterSeconds?: number
  retryAfterMs?: number
  shouldRetry?: boolean
  latencyMs?: number
  malformedJson?: boolean
  dropConnection?: boolean
  pagination?: 'repeatCursor' | 'emptyPageClaimsMore'
}

export interface TestSandbox extends RunningSandbox {
  setFault(config: FaultConfig): Promise<void>
  clearFaults(): Promise<void>
  /** The /v1 request log, oldest first. */
  requests(): Promise<LoggedRequest[]>
  clearRequests(): Promise<void>
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, dbFile: null, quiet: true, seed: 'demo', simulate: false, ...options })
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sandbox.baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`sandbox control ${method} ${path} failed: ${response.status} ${text}`)
    return text === '' ? undefined : JSON.parse(text)
  }
  return {
    ...sandbox,
    close: () => sandbox.close(),
    setFault: async (config) => {
      await control('POST', '/_sandbox/faults', config)
    },
    clearFaults: async () => {
      await control('DELETE', '/_sandbox/faults')
    },
    requests: async () => ((await control('GET', '/_sandbox/requests?limit=1000')) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => {
      await control('DELETE', '/_sandbox/requests')
    }
  }
}
