/** Pure derivations about one study, shared by rows, details and stores. */
import { t } from '../strings'
import type { Settings, Study } from '@shared/ipc/contract'
import { personDisplayName } from '@shared/avara/person'
import { minutesBetween, parseTime } from './time'

export type WaitingLevel = 'ok' | 'amber' | 'red'

/** Target in minutes for a severity; unknown severities use the normal target. */
export function targetMinutes(severity: string, targets: Settings['targets']): number {
  if (severity === 'stat') return targets.statMinutes
  if (severity === 'high') return targets.highMinutes
  return targets.normalMinutes
}

/** Share of the target after which a study is "due soon" (amber); past the target it is "overdue" (red). */
export const DUE_SOON_SHARE = 0.75

export function waitingLevel(minutes: number, target: number): WaitingLevel {
  if (minutes >= target) return 'red'
  if (minutes >= target * DUE_SOON_SHARE) return 'amber'
  return 'ok'
}

export const WAITING_WORDS: Record<WaitingLevel, string> = { ok: '', amber: t('study.dueSoon'), red: t('study.overdue') }

export function waitingMinutes(study: Study, nowMs: number): number | null {
  const created = parseTime(study.createdAt)
  return created === null ? null : minutesBetween(created, nowMs)
}

export function personName(ref: Study['assignedTo']): string {
  return ref ? personDisplayName(ref) : t('study.unassigned')
}

/** "1.2.840…4567.89": the start and the distinguishing tail of a long DICOM UID. */
export function shortenUid(uid: string, keep = 8): string {
  if (uid.length <= keep * 2 + 1) return uid
  return `${uid.slice(0, keep)}…${uid.slice(-keep)}`
}

export function matchesText(study: Study, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return (
    study.studyDescription.toLowerCase().includes(needle) ||
    study.studyInstanceUid.toLowerCase().includes(needle) ||
    study.studyId.toLowerCase() === needle
  )
}
