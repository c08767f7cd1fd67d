import { TimestampIssuer, type Clock } from './clock'
import type { ApiKeyRow, SandboxStore } from './db/store'

/** Settings that can change while the sandbox runs (PATCH /_sandbox/config). */
export interface RuntimeConfig {
  rerouteTtlSeconds: number
}

/** Everything a handler needs; built once per sandbox. */
export interface SandboxContext {
  store: SandboxStore
  clock: Clock
  stamps: TimestampIssuer
  clinicId: string
  ownerUserId: string
  cursorSecret: string
  tokenSecret: string
  config: RuntimeConfig
  /** The sandbox's own base URL (known once the port is bound). */
  baseURL: () => string
  /**
   * Test hook (`POST /_sandbox/next-study-id`): the ID the next study created through the API
   * gets, so two sandboxes can hold the same study ID (two clinics, one ID); used once.
   */
  nextStudyId: string | null
}

export interface OperationInput {
  /** Percent-decoded path parameters. */
  params: Record<string, string>
  /** Query decoded to typed values (see http/query). */
  query: Record<string, unknown>
  /** Parsed JSON body; `{}` when none was sent or it was `null`. */
  body: unknown
  apiKey: ApiKeyRow
}

export interface OperationResult {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export type OperationHandler = (ctx: SandboxContext, input: OperationInput) => OperationResult

/** Builds the handler context for an opened, initialised database. */
export function createSandboxContext(options: {
  store: SandboxStore
  identity: { clinicId: string; ownerUserId: string; cursorSecret: string; tokenSecret: string }
  clock: Clock
  rerouteTtlSeconds: number
  baseURL: () => string
}): SandboxContext {
  return {
    store: options.store,
    clock: options.clock,
    stamps: new TimestampIssuer(options.clock),
    clinicId: options.identity.clinicId,
    ownerUserId: options.identity.ownerUserId,
    cursorSecret: options.identity.cursorSecret,
    tokenSecret: options.identity.tokenSecret,
    config: { rerouteTtlSeconds: options.rerouteTtlSeconds },
    baseURL: options.baseURL,
    nextStudyId: null
  }
}
