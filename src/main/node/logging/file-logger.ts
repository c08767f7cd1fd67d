/**
 * A levelled logger writing redacted lines to a size-rotated file (the web shell and Node tools;
 * the Electron shell uses electron-log with the same `formatLogBody`). Writes are synchronous
 * appends: a few lines a minute, and a line written just before a crash is still on disk.
 *
 * Rotation: `companion.log` → `companion.1.log` → … → `companion.<maxFiles-1>.log`, oldest dropped.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { LogFields, Logger, LogLevel } from '@main/engine/ports'
import { formatLogLine } from '@main/engine/logging/format'

export const LOG_LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export interface FileLoggerOptions {
  dir: string
  /** Lowest level written; default 'info'. */
  level?: LogLevel
  /** Rotate when the current file would exceed this size; default 1 MiB. */
  maxBytes?: number
  /** Files kept in total, the current one included; default 5. */
  maxFiles?: number
  /** Base name; default 'companion' (→ companion.log). */
  name?: string
  /** Injected for tests. */
  now?: () => Date
}

export interface FileLogger extends Logger {
  /** Path of the current log file. */
  readonly file: string
  setLevel(level: LogLevel): void
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const maxBytes = Math.max(1024, options.maxBytes ?? 1024 * 1024)
  const maxFiles = Math.max(1, Math.floor(options.maxFiles ?? 5))
  const name = options.name ?? 'companion'
  const now = options.now ?? (() => new Date())
  let level: LogLevel = options.level ?? 'info'
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  const fileAt = (index: number): string => path.join(options.dir, index === 0 ? `${name}.log` : `${name}.${index}.log`)
  const current = fileAt(0)
  let size = sizeOf(current)

  function rotate(): void {
    if (maxFiles === 1) {
      fs.rmSync(current, { force: true })
    } else {
      fs.rmSync(fileAt(maxFiles - 1), { force: true })
      for (let index = maxFiles - 2; index >= 0; index--) {
        if (fs.existsSync(fileAt(index))) fs.renameSync(fileAt(index), fileAt(index + 1))
      }
    }
    size = 0
  }

  function write(entryLevel: LogLevel, message: string, fields?: LogFields): void {
    if (LOG_LEVEL_RANK[entryLevel] < LOG_LEVEL_RANK[level]) return
    const line = `${formatLogLine(entryLevel, message, fields, now())}\n`
    const bytes = Buffer.byteLength(line)
    try {
      if (size > 0 && size + bytes > maxBytes) rotate()
      fs.appendFileSync(current, line, { mode: 0o600 })
      size += bytes
    } catch {
      // Logging must never take the app down (disk full, folder removed): the entry is lost.
    }
  }

  return {
    file: current,
    setLevel: (next) => {
      level = next
    },
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields)
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
