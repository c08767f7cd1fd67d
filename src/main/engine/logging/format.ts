/**
 * One log line: `<ISO time> <LEVEL> <message> key=value …`, every part redacted. Shared by the file
 * logger and the Electron shell's electron-log adapter so both write the same safe lines.
 */
import type { LogFields, LogLevel } from '../ports'
import { redact, sanitizeFields, type SafeFieldValue } from './redact'

const MAX_MESSAGE_LENGTH = 500

function formatValue(value: SafeFieldValue): string {
  if (typeof value === 'string') return /^[A-Za-z0-9_.:/@+-]+$/.test(value) && value !== '' ? value : JSON.stringify(value)
  return String(value)
}

/** The message and fields of one entry, redacted and formatted, without time or level. */
export function formatLogBody(message: string, fields?: LogFields): string {
  const cleanMessage = redact(message).replace(/[\r\n]+/g, ' ').slice(0, MAX_MESSAGE_LENGTH)
  const { fields: safe, dropped } = sanitizeFields(fields)
  const parts = [cleanMessage]
  for (const [name, value] of Object.entries(safe)) parts.push(`${name}=${formatValue(value)}`)
  if (dropped.length > 0) parts.push(`droppedFields=${dropped.join(',')}`)
  return parts.join(' ')
}

export function formatLogLine(level: LogLevel, message: string, fields: LogFields | undefined, at: Date): string {
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${formatLogBody(message, fields)}`
}
