/**
 * What the tray shows, as data: counts per severity, the oldest stat studies, one of three states,
 * and the newest stat study still alerting (with how many others alert and whether it escalated to
 * stat). The words are the shell's (src/main/electron/strings).
 */
import type { Study } from '@shared/avara/contract'
import type { ConnectionStatus } from '@shared/ipc/contract'
import type { TraySummary } from './companion-api'
import type { AlertLedger } from './ports'
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
  mine: readonly Study[]
  statPool: readonly Study[]
  /** The queue's counts per severity, as the WorkQueue counted them (the one owner). */
  counts: SeverityCounts
  ledger: AlertLedger
  status: ConnectionStatus
  pausedUntil: string | null
}): TraySummary {
  const counts: TraySummary['counts'] = { ...input.counts, stat: input.counts.stat + input.statPool.length }
  const stat = orderStudies([...input.mine, ...input.statPool].filter((s) => s.severity === 'stat'))
  const offline = input.status === 'offline' || input.status === 'server-error' || input.status === 'key-rejected'
  // Waiting: a stat study nobody has opened from this workstation yet.
  const waiting = stat.some((s) => !input.ledger[s.studyId]?.opened)
  // Newest first alert wins (a fresh arrival must not hide behind an older one); ties go to the study
  // created last, as in the page's stat banner, so both name the same study.
  const alerting = stat.filter((s) => {
    const entry = input.ledger[s.studyId]
    return entry?.severityAtAlert === 'stat' && !entry.opened && !entry.acknowledged
  })
  const alertedAt = (s: Study) => input.ledger[s.studyId]?.firstAlertedAt ?? 0
  const isNewer = (s: Study, than: Study) =>
    alertedAt(s) > alertedAt(than) || (alertedAt(s) === alertedAt(than) && createdMs(s) > createdMs(than))
  const newest = alerting.reduce<Study | null>((best, s) => (best === null || isNewer(s, best) ? s : best), null)
  return {
    counts,
    topStat: stat.slice(0, TOP_STAT),
    state: offline ? 'offline' : waiting ? 'stat-waiting' : 'normal',
    newestStat: newest
      ? { studyId: newest.studyId, description: safeDescription(newest), others: alerting.length - 1, escalatedFrom: input.ledger[newest.studyId]?.escalatedFrom ?? null }
      : null,
    alertsPausedUntil: input.pausedUntil
  }
}
