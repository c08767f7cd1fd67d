import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LogFields, Logger } from '@main/engine/ports'

export function tempDir(prefix = 'rrc-persist-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export interface RecordedEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  fields?: LogFields
}

/** A logger that keeps entries in memory, for asserting what was reported. */
export function recordingLogger(): Logger & { entries: RecordedEntry[] } {
  const entries: RecordedEntry[] = []
  const at = (level: RecordedEntry['level']) => (message: string, fields?: LogFields) => void entries.push({ level, message, fields })
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
