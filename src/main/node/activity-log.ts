/**
 * The activity log's Node adapter: an append-only JSON-lines file in the profile
 * (`activity.jsonl`), one entry per line, sanitised before it is written (never the key, never a
 * viewer link). Bounded: when the file would pass `maxBytes` it becomes `activity.1.jsonl` (the
 * previous one is dropped), so at most two files are kept. Reading returns the newest first,
 * skipping lines that do not parse (a line cut by a crash never hides the rest).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { ActivityEntry } from '@shared/ipc/clinic-contract'
import { sanitizeActivityEntry, type ActivityLog } from '@main/engine/clinic/activity'

export interface FileActivityLogOptions {
  dir: string
  /** Rotate when the current file would exceed this size; default 1 MiB. */
  maxBytes?: number
}

export interface FileActivityLog extends ActivityLog {
  readonly file: string
}

export function createFileActivityLog(options: FileActivityLogOptions): FileActivityLog {
  const maxBytes = Math.max(1024, options.maxBytes ?? 1024 * 1024)
  const file = path.join(options.dir, 'activity.jsonl')
  const previous = path.join(options.dir, 'activity.1.jsonl')

  function sizeOf(target: string): number {
    try {
      return fs.statSync(target).size
    } catch {
      return 0
    }
  }

  function linesOf(target: string): ActivityEntry[] {
    let text: string
    try {
      text = fs.readFileSync(target, 'utf8')
    } catch {
      return []
    }
    const entries: ActivityEntry[] = []
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      try {
        entries.push(JSON.parse(line) as ActivityEntry)
      } catch {
        // A line cut short (crash, full disk): skip it, keep the rest readable.
      }
    }
    return entries
  }

  return {
    file,
    async append(entry) {
      const line = `${JSON.stringify(sanitizeActivityEntry(entry))}\n`
      fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 })
      if (sizeOf(file) + Buffer.byteLength(line) > maxBytes && sizeOf(file) > 0) fs.renameSync(file, previous)
      fs.appendFileSync(file, line, { mode: 0o600 })
    },
    async read(limit) {
      const entries = [...linesOf(previous), ...linesOf(file)]
      return entries.slice(-limit).reverse()
    }
  }
}
