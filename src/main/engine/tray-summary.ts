/**
 * What the tray shows: counts per severity, the oldest stat studies, one of three states, and the
 * newest stat study still alerting (named in the tooltip, with how many others alert).
 */
import type { Study } from '@shared/avara/contract'
import type { ConnectionStatus } from '@shared/ipc/contract'
import type { TraySummary } from './companion-api'
import type { AlertLedger } from './ports'
import { orderStudies, severityBucket } from './queue'
import { safeDescription } from './policy'

const TOP_STAT = 5

export function summarizeForTray(input: {
  mine: readonly Study[]
  statPool: readonly Study[]
  ledger: AlertLedger
  status: ConnectionStatus
  pausedUntil: string | null
}): TraySummary {
  const counts: TraySummary['counts'] = { stat: 0, high: 0, normal: 0 }
  for (const s of input.mine) counts[severityBucket(s.severity)]++
  counts.stat += input.statPool.length
  const stat = orderStudies([...input.mine, ...input.statPool].filter((s) => s.severity === 'stat'))
  const offline = input.status === 'offline' || input.status === 'server-error' || input.status === 'key-rejected'
  // Waiting: a stat study nobody has opened from this workstation yet.
  const waiting = stat.some((s) => !input.ledger[s.studyId]?.opened)
  // Newest first alert wins: a fresh arrival must not hide behind an older one.
  const alerting = stat.filter((s) => {
    const entry = input.ledger[s.studyId]
    return entry?.severityAtAlert === 'stat' && !entry.opened && !entry.acknowledged
  })
  const alertedAt = (s: Study) => input.ledger[s.studyId]?.firstAlertedAt ?? 0
  const newest = alerting.reduce<Study | null>((best, s) => (best === null || alertedAt(s) > alertedAt(best) ? s : best), null)
  const others = alerting.length - 1
  const newestText = newest ? `. Newest stat: ${safeDescription(newest)}${others > 0 ? ` (+${others} more)` : ''}` : ''
  return {
    counts,
    topStat: stat.slice(0, TOP_STAT),
    state: offline ? 'offline' : waiting ? 'stat-waiting' : 'normal',
    tooltip: `Reading Room Companion: ${counts.stat} stat, ${counts.high} high, ${counts.normal} normal${offline ? ' (offline)' : ''}${newestText}`,
    newestStat: newest ? { studyId: newest.studyId, description: safeDescription(newest), others } : null,
    alertsPausedUntil: input.pausedUntil
  }
}
