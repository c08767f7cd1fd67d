/**
 * The bridge's names and envelope without a single schema: what the preload carries (it checks
 * names; main validates payloads with the zod tables in ./contract.ts). Kept free of zod so the
 * sandboxed preload bundle stays small (tests/shell/preload-bundle.test.ts holds it under 20 KB).
 *
 * CALL_NAMES and EVENT_NAMES must equal the keys of CALLS and EventPayloads in ./contract.ts:
 * tests/lint/bridge-names.test.ts compares them, so a call added to the table and not here fails.
 */

export const CALL_NAMES = [
  'app.getState',
  'auth.saveKey',
  'auth.findUsers',
  'auth.setIdentity',
  'auth.signOut',
  'accounts.list',
  'accounts.add',
  'accounts.update',
  'accounts.reorder',
  'accounts.setOverrides',
  'accounts.remove',
  'queue.refresh',
  'queue.snapshot',
  'study.get',
  'study.open',
  'study.claim',
  'study.setViewerStatus',
  'alerts.acknowledge',
  'alerts.snoozeStudy',
  'alerts.pause',
  'settings.update',
  'view.update',
  // The clinic workspace (./clinic-contract.ts).
  'clinic.access',
  'clinic.users.list',
  'clinic.users.retrieve',
  'clinic.users.invite',
  'clinic.users.update',
  'clinic.users.revokeAccess',
  'clinic.users.reactivate',
  'clinic.invitations.list',
  'clinic.invitations.retrieve',
  'clinic.invitations.update',
  'clinic.invitations.revoke',
  'clinic.studies.list',
  'clinic.studies.retrieve',
  'clinic.studies.retrieveByUid',
  'clinic.studies.create',
  'clinic.studies.update',
  'clinic.studies.cancel',
  'clinic.studies.uncancel',
  'clinic.studies.open',
  'clinic.activity.list'
] as const

export const EVENT_NAMES = [
  'queue.delta',
  'queue.updated',
  'connection.changed',
  'auth.changed',
  'settings.changed',
  'alert.shown',
  'alert.clicked',
  'accounts.changed',
  'queue.changes',
  'alerts.pauseChanged',
  'menu.command'
] as const

const callNames: ReadonlySet<string> = new Set(CALL_NAMES)
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

/** True for a name on the bridge's call list (own names only: not `constructor`, not a channel). */
export function isCallNameText(value: unknown): value is string {
  return typeof value === 'string' && callNames.has(value)
}

export function isEventNameText(value: unknown): value is string {
  return typeof value === 'string' && eventNames.has(value)
}

/** Electron channel names (one per call, one per event). */
export const callChannel = (name: string): string => `rrc:call:${name}`
export const eventChannel = (name: string): string => `rrc:event:${name}`

/**
 * Web shell paths, relative to the page's own address `http://127.0.0.1:<port>/<token>/`: the
 * per-run token is the first segment of every path (a capability URL; no cookie, no header).
 */
export const WEB_CALL_PATH = 'api/call/'
export const WEB_EVENTS_PATH = 'api/events'

// ---------------------------------------------------------------------------------------------
// Wire envelope

export type BridgeErrorCode = 'invalid-request' | 'unknown-call' | 'forbidden' | 'not-signed-in' | 'upstream' | 'internal'

/** What crosses the boundary for every call: errors travel as data, never as thrown objects. */
/** `notSaved`: the call took effect in this run, but the profile could not be written (the reason, in words). */
export type BridgeResult<T> = { ok: true; value: T; notSaved?: string } | { ok: false; error: { code: BridgeErrorCode; message: string } }

export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}

export function unwrapBridgeResult<T>(result: BridgeResult<T>): T {
  if (result.ok) return result.value
  throw new BridgeError(result.error.code, result.error.message)
}
