/**
 * Which account a clinic call acts on: the session with that id (the primary one when the call
 * names none). Signed out → the session's own "Sign in first" CallError; an unknown id → refused.
 */
import { CallError } from '../call-errors'
import type { AvaraClient } from '../avara-client'
import type { Identity } from '@shared/ipc/contract'
import { accountLabel } from './access'
import type { ClinicAccount } from './handlers'

/** What the clinic needs of an engine account session. */
export interface ClinicSessionView {
  readonly id: string
  readonly baseUrl: string
  readonly identity: Identity | null
  requireClient(): AvaraClient
}

export function clinicAccountOf(sessions: readonly ClinicSessionView[], accountId: string | undefined): ClinicAccount {
  const session = accountId === undefined ? sessions[0] : sessions.find((s) => s.id === accountId)
  if (!session) throw new CallError('invalid-request', `accountId: no account "${String(accountId).slice(0, 64)}" on this workstation.`)
  return { id: session.id, label: accountLabel(session.baseUrl), client: session.requireClient(), followed: session.identity }
}
