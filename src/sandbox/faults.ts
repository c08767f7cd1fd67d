import { z } from 'zod'

/**
 * List answers a misbehaving server (or a mock made from a loose OpenAPI document) gives:
 * `repeatCursor` answers every list request with its first page, `hasMore: true` and the same
 * cursor; `emptyPageClaimsMore` answers with no items, `hasMore: true` and a cursor.
 */
export const PAGINATION_FAULTS = ['repeatCursor', 'emptyPageClaimsMore'] as const
export type PaginationFault = (typeof PAGINATION_FAULTS)[number]

/** Body of POST /_sandbox/faults (strict: a typo is a 400, not a silently ignored option). */
export const FaultConfigSchema = z
  .strictObject({
    status: z.number().int().min(400).max(599).optional(),
    failureRate: z.number().min(0).max(1).optional(),
    count: z.number().int().min(1).optional(),
    retryAfterSeconds: z.number().min(0).max(3600).optional(),
    retryAfterMs: z.number().min(0).max(3_600_000).optional(),
    shouldRetry: z.boolean().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    malformedJson: z.boolean().optional(),
    dropConnection: z.boolean().optional(),
    pagination: z.enum(PAGINATION_FAULTS).optional(),
    /**
     * Only requests that match are hit (and counted): `method` and `path` exactly, and each `query` parameter
     * equal to its value, or absent when the value is null (e.g. `{ severity: null }`: list
     * requests without a severity filter, the companion's full-queue lane).
     */
    match: z
      .strictObject({ method: z.string().max(10).optional(), path: z.string().max(200).optional(), query: z.record(z.string().max(100), z.string().max(200).nullable()).optional() })
      .optional()
  })
  .refine(
    (c) => c.status !== undefined || c.latencyMs !== undefined || c.malformedJson === true || c.dropConnection === true || c.pagination !== undefined,
    'give at least one of status, latencyMs, malformedJson, dropConnection or pagination'
  )

export type FaultConfig = z.output<typeof FaultConfigSchema>

/** What happens to one /v1 request. */
export interface FaultDecision {
  latencyMs: number
  /** What answers instead of the real handler; undefined = the real handler answers (after the latency). */
  outcome?:
    | { kind: 'drop' }
    | { kind: 'malformed' }
    | { kind: 'status'; status: number; headers: Record<string, string> }
    /** List requests get a misbehaving page; other requests are answered normally. */
    | { kind: 'pagination'; fault: PaginationFault }
  /** For the request log, e.g. `latency:200ms+status:503`. */
  label: string
}

export interface FaultState {
  active: boolean
  config?: FaultConfig
  /** Requests still to be hit; null = until cleared. */
  remaining: number | null
}

/** The injected fault, counted per /v1 request. `random` is injectable for tests. */
export class FaultInjector {
  private config: FaultConfig | undefined
  private remaining: number | null = null

  constructor(private readonly random: () => number = Math.random) {}

  set(config: FaultConfig): FaultState {
    this.config = config
    this.remaining = config.count ?? null
    return this.state()
  }

  clear(): FaultState {
    this.config = undefined
    this.remaining = null
    return this.state()
  }

  state(): FaultState {
    return this.config ? { active: true, config: this.config, remaining: this.remaining } : { active: false, remaining: null }
  }

  /** Decides for one request; undefined = no fault. Consumes one unit of `count` when it hits. */
  next(request?: { method: string; path: string; query: URLSearchParams }): FaultDecision | undefined {
    const config = this.config
    if (!config) return undefined
    if (config.match && !(request && matchesRequest(config.match, request))) return undefined
    if (this.random() >= (config.failureRate ?? 1)) return undefined
    if (this.remaining !== null) {
      this.remaining -= 1
      if (this.remaining <= 0) this.clear()
    }
    const latencyMs = config.latencyMs ?? 0
    const parts: string[] = latencyMs > 0 ? [`latency:${latencyMs}ms`] : []
    let outcome: FaultDecision['outcome']
    if (config.dropConnection) {
      outcome = { kind: 'drop' }
      parts.push('dropConnection')
    } else if (config.malformedJson) {
      outcome = { kind: 'malformed' }
      parts.push('malformedJson')
    } else if (config.status !== undefined) {
      const headers: Record<string, string> = {}
      if (config.retryAfterSeconds !== undefined) headers['retry-after'] = String(config.retryAfterSeconds)
      if (config.retryAfterMs !== undefined) headers['retry-after-ms'] = String(config.retryAfterMs)
      if (config.shouldRetry !== undefined) headers['x-should-retry'] = String(config.shouldRetry)
      outcome = { kind: 'status', status: config.status, headers }
      parts.push(`status:${config.status}`)
    } else if (config.pagination !== undefined) {
      outcome = { kind: 'pagination', fault: config.pagination }
      parts.push(`pagination:${config.pagination}`)
    }
    return { latencyMs, outcome, label: parts.join('+') }
  }
}

/** Whether a request is one `match` targets (see FaultConfigSchema). */
function matchesRequest(match: NonNullable<FaultConfig['match']>, request: { method: string; path: string; query: URLSearchParams }): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== request.method.toUpperCase()) return false
  if (match.path !== undefined && match.path !== request.path) return false
  for (const [name, value] of Object.entries(match.query ?? {})) {
    if (value === null ? request.query.has(name) : request.query.get(name) !== value) return false
  }
  return true
}
