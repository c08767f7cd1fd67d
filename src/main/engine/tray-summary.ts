/**
 * What the tray shows, as data: counts per severity, the oldest stat studies, one of three states,
 * and the newest stat study still alerting (with how many others alert and whether it escalated to
 * stat). The words are the shell's (src/main/electron/strings).
 */
import type { Study } from '@shared/avara/contract'
import type { ConnectionStatus, QueueStudy } from '@shared/ipc/contract'
import type { TraySummary } from './companion-api'
import type { LedgerEntry } from './ports'
import type { SeverityCounts } from './ordered-studies'
import { orderStudies } from './queue'
import { safeDescription } from './policy'

const TOP_STAT = 5

const createdMs = (s: Study) => {
  const ms = s.createdAt ? Date.parse(s.createdAt) : Number.NaN
  return Number.isNaN(ms) ? 0 : ms
}

export function summarizeForTray(input: {
  /** The queue's stat studies at least (the tray names only stat studies). */
  mine: readonly QueueStudy[]
  statPool: readonly QueueStudy[]
  /** The queue's counts per severity, as the WorkQueue counted them (the one owner). */
  counts: SeverityCounts
  /** The study's ledger entry in its own account's ledger. */
  ledger: (study: QueueStudy) => LedgerEntry | undefined
  status: ConnectionStatus
  pausedUntil: string | null
  /** The account's name, to put before a study's description; null with one account (no name needed). */
  accountName?: (accountId: string) => string | null
}): TraySummary {
  const entry = input.ledger
  const counts: TraySummary['counts'] = { ...input.counts, stat: input.counts.stat + input.statPool.length }
  const stat = orderStudies([...input.mine, ...input.statPool].filter((s) => s.severity === 'stat'))
  const offline = input.status === 'offline' || input.status === 'server-error' || input.status === 'key-rejected'
  // Waiting: a stat study nobody has opened from this workstation yet.
  const waiting = stat.some((s) => !entry(s)?.opened)
  // Newest first alert wins (a fresh arrival must not hide behind an older one); ties go to the study
  // created last, as in the page's stat banner, so both name the same study.
  const alerting = stat.filter((s) => {
    const e = entry(s)
    return e?.severityAtAlert === 'stat' && !e.opened && !e.acknowledged
  })
  const alertedAt = (s: QueueStudy) => entry(s)?.firstAlertedAt ?? 0
  const isNewer = (s: QueueStudy, than: QueueStudy) =>
    alertedAt(s) > alertedAt(than) || (alertedAt(s) === alertedAt(than) && createdMs(s) > createdMs(than))
  const newest = alerting.reduce<QueueStudy | null>((best, s) => (best === null || isNewer(s, best) ? s : best), null)
  // With several accounts every study the tray names says whose it is ("St Mary's: CT Head").
  const named = (s: QueueStudy) => {
    const account = input.accountName?.(s.accountId) ?? null
    return account === null ? safeDescription(s) : `${account}: ${safeDescription(s)}`
  }
  return {
    counts,
    topStat: stat.slice(0, TOP_STAT),
    state: offline ? 'offline' : waiting ? 'stat-waiting' : 'normal',
    newestStat: newest
      ? {
          studyId: newest.studyId,
          accountId: newest.accountId,
          description: named(newest),
          others: alerting.length - 1,
          escalatedFrom: entry(newest)?.escalatedFrom ?? null
        }
      : null,
    alertsPausedUntil: input.pausedUntil
  }
}
