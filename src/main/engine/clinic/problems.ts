/**
 * Turns a failed Avara call into a `ClinicProblem`: what kind of refusal, the HTTP status, a
 * sentence naming the object (and the field, when the server named one). The error itself is read
 * by the one mapper (../avara-error-text.ts: status, reachability, the capped and redacted server
 * text); only the clinic's object-naming sentences are written here.
 */
import type { ClinicProblem, ClinicProblemKind } from '@shared/ipc/clinic-contract'
import { readAvaraError } from '../avara-error-text'

/** The object a call acts on, as the user knows it: "user maya.chen@example.org", "study CT Head". */
export interface ClinicObject {
  kind: 'user' | 'invitation' | 'study'
  id: string | null
  label: string
}

const FIELD_PREFIX = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*): /

/** Request fields of the clinic forms, as the API names them. */
const FORM_FIELDS = [
  'email', 'firstName', 'lastName', 'middleName', 'phoneNumber', 'suffix1', 'suffix2', 'clinicRole', 'canManageStudies', 'hasDashboardAccess',
  'studyInstanceUid', 'studyDescription', 'assignedTo', 'expressCustomerId', 'metadata', 'studyViewerStatus'
]
const FIELD_WORD = new RegExp(`\\b(${FORM_FIELDS.join('|')})\\b`)

/**
 * The request field a server message names: the prefix of `phoneNumber: must be …`, else a form
 * field named in the sentence ("A user with email … already exists"), else null.
 */
export function fieldOfServerMessage(message: string): string | null {
  const match = FIELD_PREFIX.exec(message)
  // Nested paths (`metadata.key`) belong to their top-level field in the forms.
  if (match) return match[1]!.split('.')[0]!
  return FIELD_WORD.exec(message)?.[1] ?? null
}

function kindOf(status: number): ClinicProblemKind {
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 409) return 'conflict'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server-error'
  return 'invalid'
}

/** `ClinicProblem` for any error thrown by the client; `action` is e.g. "update". */
export function describeClinicProblem(error: unknown, object: ClinicObject, action: string): ClinicProblem {
  const what = `the ${object.kind} ${object.label}`
  const reading = readAvaraError(error)
  if (reading.kind === 'unreachable' || reading.kind === 'timeout') {
    return { kind: 'unreachable', status: null, field: null, message: `Cannot reach the server, so ${what} was not changed or read. Nothing typed is lost; try again.` }
  }
  const status = reading.status
  if (status === null) {
    return { kind: 'server-error', status: null, field: null, message: `The server sent an answer the app cannot read (${action} ${what}).` }
  }
  const text = reading.serverText
  const field = text ? fieldOfServerMessage(text) : null
  const said = text ? ` The server said: ${text}` : ''
  const kind = kindOf(status)
  const message = {
    unauthorized: `The server rejected the API key (401), so it did not ${action} ${what}.`,
    forbidden: `The server does not allow this key to ${action} ${what} (403).${said}`,
    'not-found': field ? `Not found (404) while trying to ${action} ${what}: ${text}` : `${capitalise(what)} was not found on the server (404).`,
    conflict: `Conflict (409): could not ${action} ${what}.${said}`,
    invalid: `The server refused to ${action} ${what} (${status}).${said}`,
    'rate-limited': `Too many requests (429): the server asked to wait before trying to ${action} ${what} again.`,
    'server-error': `The server failed (${status}) while trying to ${action} ${what}. Try again.`,
    unreachable: ''
  }[kind]
  return { kind, status, field, message }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
