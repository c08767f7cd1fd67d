/**
 * An account's connection as an explicit state machine: every transition is in `transition`, a
 * pure function, and the status the renderer shows is derived from the state by `statusOf` (the
 * `ConnectionStatus` wire values). "Stale" is not a state: it is a flag computed from the age of
 * the data (see the queue), shown beside any status.
 *
 *   signed-out ──key-loaded──▶ needs-identity ──identity-set──▶ polling ──key-rejected──▶ key-rejected
 *       ▲                            ▲                            │  ▲                       │
 *       └───────key-removed──────────┴──────(from any state)──────┘  └──key-accepted──────────┘
 *
 * Inside `polling`: connecting (no success yet), online, offline / server-error / rate-limited (the
 * last failure of a lane that has not succeeded since), paused (suspended).
 */
import type { ConnectionStatus } from '@shared/ipc/contract'
import type { Failure } from './failures'
import type { Lane } from './lane-scheduler'

export type ConnectionPhase = 'signed-out' | 'needs-identity' | 'polling' | 'key-rejected'

export interface ConnectionMachine {
  phase: ConnectionPhase
  suspended: boolean
  /** A poll has succeeded since polling (re)started. */
  everSucceeded: boolean
  /** Each lane's failure since its last success. */
  failures: Readonly<Record<Lane, Failure | null>>
}

export type ConnectionEvent =
  | { type: 'key-loaded'; hasIdentity: boolean }
  | { type: 'key-removed' }
  | { type: 'identity-set' }
  | { type: 'poll-succeeded'; lane: Lane }
  | { type: 'poll-failed'; lane: Lane; failure: Failure }
  | { type: 'key-rejected' }
  | { type: 'key-accepted' }
  | { type: 'suspended' }
  | { type: 'resumed' }

const NO_FAILURES: ConnectionMachine['failures'] = { queue: null, stat: null }

export const INITIAL_CONNECTION: ConnectionMachine = { phase: 'signed-out', suspended: false, everSucceeded: false, failures: NO_FAILURES }

function startPolling(state: ConnectionMachine): ConnectionMachine {
  return { ...state, phase: 'polling', everSucceeded: false, failures: NO_FAILURES }
}

export function transition(state: ConnectionMachine, event: ConnectionEvent): ConnectionMachine {
  switch (event.type) {
    case 'key-loaded':
      return event.hasIdentity ? startPolling(state) : { ...state, phase: 'needs-identity', failures: NO_FAILURES }
    case 'key-removed':
      return { ...INITIAL_CONNECTION, suspended: state.suspended }
    case 'identity-set':
      return state.phase === 'signed-out' ? state : startPolling(state)
    case 'key-accepted':
      return state.phase === 'key-rejected' ? startPolling(state) : state
    case 'key-rejected':
      return state.phase === 'signed-out' ? state : { ...state, phase: 'key-rejected', failures: NO_FAILURES }
    case 'poll-succeeded':
      if (state.phase !== 'polling') return state
      return { ...state, everSucceeded: true, failures: { ...state.failures, [event.lane]: null } }
    case 'poll-failed':
      if (state.phase !== 'polling') return state
      if (event.failure.fatal) return { ...state, phase: 'key-rejected', failures: NO_FAILURES }
      return { ...state, failures: { ...state.failures, [event.lane]: event.failure } }
    case 'suspended':
      return { ...state, suspended: true }
    case 'resumed':
      return { ...state, suspended: false }
  }
}

export const KEY_REJECTED_REASON = 'The server rejected this API key. Enter a new key; the saved one is tried again every few minutes and on Refresh.'

export function statusOf(state: ConnectionMachine): { status: ConnectionStatus; reason: string | null } {
  switch (state.phase) {
    case 'signed-out':
      return { status: 'signed-out', reason: null }
    case 'key-rejected':
      return { status: 'key-rejected', reason: KEY_REJECTED_REASON }
    case 'needs-identity':
      return { status: 'needs-identity', reason: 'Choose whose queue this workstation follows.' }
    case 'polling': {
      if (state.suspended) return { status: 'paused', reason: 'Paused while the computer sleeps or is locked.' }
      // The stat lane is the one that matters most; a rate limit binds the whole account.
      const failure = [state.failures.stat, state.failures.queue].find((f) => f?.kind === 'rate-limited') ?? state.failures.stat ?? state.failures.queue
      if (failure) return { status: failure.kind === 'request-error' ? 'server-error' : failure.kind, reason: failure.reason }
      return { status: state.everSucceeded ? 'online' : 'connecting', reason: null }
    }
  }
}
