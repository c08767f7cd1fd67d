/**
 * The local activity log: every change the clinic workspace makes, appended with who was
 * followed, what, which object, when and the server's answer. The port is optional (a shell
 * without one simply keeps no log); the Node adapter is src/main/node/activity-log.ts.
 */
import type { ActivityEntry } from '@shared/ipc/clinic-contract'
import { redact } from '../logging'

export interface ActivityLog {
  /** Appends one entry; never throws for a full disk (the change itself already happened). */
  append(entry: ActivityEntry): Promise<void>
  /** The newest entries first, at most `limit`. */
  read(limit: number): Promise<ActivityEntry[]>
}

/** Bounds every text of an entry and strips anything that looks like a credential. */
export function sanitizeActivityEntry(entry: ActivityEntry): ActivityEntry {
  const text = (value: string, max: number) => redact(value.slice(0, max))
  return {
    at: entry.at,
    accountId: text(entry.accountId, 64),
    followed: entry.followed ? { userId: text(entry.followed.userId, 40), email: text(entry.followed.email, 254) } : null,
    action: text(entry.action, 60),
    object: { kind: entry.object.kind, id: entry.object.id === null ? null : text(entry.object.id, 80), label: text(entry.object.label, 200) },
    outcome: entry.outcome,
    status: entry.status,
    answer: text(entry.answer, 400)
  }
}

/** A log in memory (tests, and shells without a profile folder). */
export function createMemoryActivityLog(): ActivityLog & { entries: ActivityEntry[] } {
  const entries: ActivityEntry[] = []
  return {
    entries,
    async append(entry) {
      entries.push(sanitizeActivityEntry(entry))
    },
    async read(limit) {
      return entries.slice(-limit).reverse()
    }
  }
}
