import type { Logger } from '../ports'

export { redact, registerSecret, containsRegisteredSecret, sanitizeFields, clearRegisteredSecretsForTests } from './redact'
export type { SanitizedFields, SafeFieldValue } from './redact'
export { formatLogBody, formatLogLine } from './format'
export { createFileLogger, LOG_LEVEL_RANK } from './file-logger'
export type { FileLogger, FileLoggerOptions } from './file-logger'

/** A logger that drops everything (defaults where no logger is given). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
