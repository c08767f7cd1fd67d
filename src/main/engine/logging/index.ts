import type { Logger } from '../ports'

export { redact, registerSecret, containsRegisteredSecret, sanitizeFields, clearRegisteredSecretsForTests, registeredSecretsVersion } from './redact'
export type { SanitizedFields, SafeFieldValue } from './redact'
export { formatLogBody, formatLogLine } from './format'

/** A logger that drops everything (defaults where no logger is given). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
