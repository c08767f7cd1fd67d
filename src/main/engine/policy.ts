/**
 * The notification policy as a pure function: given what the last poll saw, the alert ledger,
 * settings, holds and the time, decide which notices to raise and what the ledger becomes.
 *
 * Stat alerts are level-triggered: every stat study in view without a stat ledger entry is due an
 * alert. That single rule gives exactly-once across restarts (the ledger is persisted), "no alert
 * lost while the app was down or alerts were held" (the study is still in view, still unledgered),
 * and "first poll alerts only stat studies never alerted before". High alerts are edge-triggered
 * (arrivals and escalations after the first poll) so enabling them or starting up never floods.
 */
import type { Study } from '@shared/avara/contract'
import type { AlertNotice, Settings, StudyAlertState, StudyRef } from '@shared/ipc/contract'
import { severityBucket } from '@shared/ipc/study-order'
import type { AlertLedger, LedgerEntry } from './ports'
import type { QueueEvent } from './queue'

export const LEDGER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000
const MINUTE_MS = 60_000

export interface PolicyInput {
  now: number
  ledger: AlertLedger
  settings: Settings
  /** End of an `alerts.pause`, epoch ms, or null. */
  pausedUntil: number | null
  /** Events of this poll (queue and stat pool). */
  events: readonly QueueEvent[]
  /** Every study in view now: the identity's queue plus the stat pool. */
  present: readonly Study[]
  /** The first successful poll since start-up: no high alerts, no re-alerts. */
  firstPoll: boolean
  /** When this run started; re-alert timers count from here at the earliest (no burst on start). */
  sessionStartedAt: number
  /** High alerts held by do-not-disturb or a pause, raised when the hold ends if still relevant. */
  pendingHigh: readonly string[]
  /** Whether `present` is the full picture (a queue-lane poll): only then are old entries pruned. */
  fullView: boolean
  /** Elapsed-time questions answered on a monotonic clock (the alert desk); wall-clock by default. */
  timing?: PolicyTiming
}

/**
 * Re-alert and snooze decisions measured on a monotonic clock, so a wall-clock step neither fires a
 * re-alert early nor stalls it. Stored ledger timestamps stay wall-clock (display, restarts).
 */
export interface PolicyTiming {
  /** ms since the study last alerted in this run, or since the run started. */
  sinceLastAlert(studyId: string, entry: LedgerEntry): number
  snoozed(studyId: string, entry: LedgerEntry): boolean
}

export function wallClockTiming(now: number, sessionStartedAt: number): PolicyTiming {
  return {
    sinceLastAlert: (_id, entry) => now - Math.max(entry.lastAlertedAt, sessionStartedAt),
    snoozed: (_id, entry) => entry.snoozedUntil !== null && entry.snoozedUntil > now
  }
}

export interface PolicyOutput {
  notices: PolicyNotice[]
  ledger: AlertLedger
  /** Whether `ledger` differs from the input's (an alert was recorded or an entry pruned). */
  ledgerChanged: boolean
  pendingHigh: string[]
}

export function isHoldActive(settings: Settings, pausedUntil: number | null, now: number): boolean {
  return settings.alerts.doNotDisturb || (pausedUntil !== null && pausedUntil > now)
}

/** Whether an alert of this level is held right now. Stat is held only when the user chose so. */
export function isHeld(level: 'stat' | 'high', settings: Settings, pausedUntil: number | null, now: number): boolean {
  if (!isHoldActive(settings, pausedUntil, now)) return false
  return level === 'high' || settings.alerts.holdStat
}

export function decideAlerts(input: PolicyInput): PolicyOutput {
  const { now, settings } = input
  const ledger: AlertLedger = { ...input.ledger }
  const notices: PolicyNotice[] = []
  // Each escalated study and the severity it had before (unknown severities rank with normal).
  const escalatedFrom = new Map<string, 'high' | 'normal'>()
  for (const e of input.events) if (e.kind === 'escalated') escalatedFrom.set(e.study.studyId, severityBucket(e.from) === 'high' ? 'high' : 'normal')
  const alertedNow = new Set<string>()

  // 1. Stat: every stat study in view not yet alerted as stat.
  const newStat = input.present.filter((s) => s.severity === 'stat' && ledger[s.studyId]?.severityAtAlert !== 'stat')
  if (newStat.length > 0 && !isHeld('stat', settings, input.pausedUntil, now)) {
    notices.push(buildNotice('stat', newStat, now, false, newStat.length === 1 && escalatedFrom.has(newStat[0]!.studyId)))
    for (const study of newStat) {
      ledger[study.studyId] = freshEntry('stat', now, ledger[study.studyId], escalatedFrom.get(study.studyId))
      alertedNow.add(study.studyId)
    }
  }

  // 2. High (optional): arrivals and escalations after the first poll, plus those held earlier.
  let pendingHigh: string[] = []
  if (settings.alerts.high) {
    const presentById = new Map(input.present.map((s) => [s.studyId, s]))
    const candidateIds = new Set(input.pendingHigh)
    if (!input.firstPoll) {
      for (const e of input.events) {
        if ((e.kind === 'arrived' || e.kind === 'uncancelled' || e.kind === 'escalated') && e.study.severity === 'high') {
          candidateIds.add(e.study.studyId)
        }
      }
    }
    const due: Study[] = []
    for (const id of candidateIds) {
      const study = presentById.get(id)
      if (study && study.severity === 'high' && ledger[id] === undefined) due.push(study)
    }
    if (isHeld('high', settings, input.pausedUntil, now)) {
      pendingHigh = due.map((s) => s.studyId)
    } else if (due.length > 0) {
      notices.push(buildNotice('high', due, now, false, false))
      for (const study of due) ledger[study.studyId] = freshEntry('high', now, undefined)
    }
  }

  // 3. Re-alerts: unopened, unacknowledged, unsnoozed stat studies still in view.
  if (!input.firstPoll && !isHeld('stat', settings, input.pausedUntil, now) && settings.alerts.reAlertMax > 0) {
    const timing = input.timing ?? wallClockTiming(now, input.sessionStartedAt)
    const intervalMs = settings.alerts.reAlertMinutes * MINUTE_MS
    const due = input.present.filter((s) => {
      const entry = ledger[s.studyId]
      if (!entry || s.severity !== 'stat' || alertedNow.has(s.studyId)) return false
      if (entry.severityAtAlert !== 'stat' || entry.alertCount < 1 || entry.opened || entry.acknowledged) return false
      // An unassigned (pool) study is not mine yet: it alerts once, reminders only if the user asked.
      if (!s.assignedTo && !settings.alerts.reAlertPool) return false
      if (timing.snoozed(s.studyId, entry)) return false
      if (entry.alertCount - 1 >= settings.alerts.reAlertMax) return false
      return timing.sinceLastAlert(s.studyId, entry) >= intervalMs
    })
    if (due.length > 0) {
      notices.push(buildNotice('stat', due, now, true, false))
      for (const study of due) {
        const entry = ledger[study.studyId]!
        ledger[study.studyId] = { ...entry, alertCount: entry.alertCount + 1, lastAlertedAt: now }
      }
    }
  }

  // 4. Forget studies gone for more than the retention period (only with the full picture).
  // Every ledger write above comes with a notice; the only other change is pruning.
  const pruned = input.fullView ? pruneLedger(ledger, input.present, now) : 0

  return { notices, ledger, ledgerChanged: notices.length > 0 || pruned > 0, pendingHigh }
}

function freshEntry(level: 'stat' | 'high', now: number, previous: LedgerEntry | undefined, escalatedFrom?: 'high' | 'normal'): LedgerEntry {
  return {
    severityAtAlert: level,
    firstAlertedAt: previous?.firstAlertedAt ?? now,
    lastAlertedAt: now,
    alertCount: 1,
    acknowledged: false,
    // Opening a study as high already showed it; an escalation still alerts once, without re-alerts.
    opened: previous?.opened ?? false,
    snoozedUntil: null,
    ...(escalatedFrom ? { escalatedFrom } : {})
  }
}

/** Removes, in place, entries of studies not in view whose last alert is older than the retention; returns how many. */
export function pruneLedger(ledger: AlertLedger, present: readonly Study[], now: number): number {
  const inView = new Set(present.map((s) => s.studyId))
  let removed = 0
  for (const [id, entry] of Object.entries(ledger)) {
    if (!inView.has(id) && now - entry.lastAlertedAt > LEDGER_RETENTION_MS) {
      delete ledger[id]
      removed++
    }
  }
  return removed
}

// ---------------------------------------------------------------------------------------------
// Notice text: study description and severity only; never metadata or other patient fields.

const MAX_DESCRIPTION = 120
const SUMMARY_LISTED = 3

export function safeDescription(study: Study): string {
  const text = study.studyDescription.replace(/\s+/g, ' ').trim()
  if (text === '') return 'Untitled study'
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text
}

/** A notice of one account's studies; the AlertDesk names the account (`studies`) before it is raised. */
export type PolicyNotice = Omit<AlertNotice, 'studies'>

function buildNotice(level: 'stat' | 'high', studies: readonly Study[], now: number, reAlert: boolean, escalated: boolean): PolicyNotice {
  const first = studies[0]!
  const n = studies.length
  let title: string
  let body: string
  if (n === 1) {
    if (reAlert) title = `Stat study still waiting`
    else if (escalated) title = `Study escalated to ${level}`
    else title = `New ${level} study`
    body = `${safeDescription(first)} (${level})`
  } else {
    title = reAlert ? `${n} stat studies still waiting` : `${n} new ${level} studies`
    body = listedBody(studies.map(safeDescription), level)
  }
  return {
    id: `${level}-${reAlert ? 're' : 'new'}-${now}-${first.studyId}`,
    level,
    title,
    body,
    studyIds: studies.map((s) => s.studyId),
    reAlert,
    ...(escalated && n === 1 && !reAlert ? { escalated: true } : {}),
    at: new Date(now).toISOString()
  }
}

/** The body of a notice about several studies: the first few descriptions, then how many more. */
function listedBody(descriptions: readonly string[], level: 'stat' | 'high'): string {
  const listed = descriptions.slice(0, SUMMARY_LISTED).join('; ')
  const more = descriptions.length - SUMMARY_LISTED
  return more > 0 ? `${listed}; and ${more} more (${level})` : `${listed} (${level})`
}

/** "St Mary's", "St Mary's and Riverside", "St Mary's, Riverside and North". */
export function accountNamesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}

/** A study of a stat burst across accounts, with what its notice says of it. */
export interface BurstStudy {
  ref: StudyRef
  description: string
}

/**
 * The one notice of a stat burst across accounts (stat-burst.ts): "3 new stat studies in St Mary's
 * and Riverside", each study's description after its account's name.
 */
export function burstNotice(studies: readonly BurstStudy[], accountName: (accountId: string) => string | null, now: number): AlertNotice {
  const names: string[] = []
  for (const { ref } of studies) {
    const name = accountName(ref.accountId)
    if (name !== null && !names.includes(name)) names.push(name)
  }
  const described = studies.map(({ ref, description }) => {
    const name = accountName(ref.accountId)
    return name === null ? description : `${name}: ${description}`
  })
  // The last study is the one whose notice this summary stands for: unique even for summaries raised in the same millisecond.
  const last = studies.at(-1)!.ref
  return {
    id: `stat-burst-${now}-${studies.length}-${last.accountId}-${last.studyId}`,
    level: 'stat',
    title: names.length > 0 ? `${studies.length} new stat studies in ${accountNamesText(names)}` : `${studies.length} new stat studies`,
    body: listedBody(described, 'stat'),
    studyIds: studies.map(({ ref }) => ref.studyId),
    studies: studies.map(({ ref }) => ({ ...ref })),
    reAlert: false,
    at: new Date(now).toISOString()
  }
}

// ---------------------------------------------------------------------------------------------
// User actions on the ledger (pure: each returns a new ledger).

type Acted = 'opened' | 'acknowledged'

function withAction(ledger: AlertLedger, study: Pick<Study, 'studyId' | 'severity'>, now: number, change: Partial<LedgerEntry>): AlertLedger {
  const existing = ledger[study.studyId]
  if (existing) return { ...ledger, [study.studyId]: { ...existing, ...change } }
  // No alert yet (held, or the user was faster): record the study as handled so it never alerts.
  if (study.severity !== 'stat' && study.severity !== 'high') return ledger
  const entry: LedgerEntry = {
    severityAtAlert: study.severity,
    firstAlertedAt: now,
    lastAlertedAt: now,
    alertCount: 0,
    acknowledged: false,
    opened: false,
    snoozedUntil: null,
    ...change
  }
  return { ...ledger, [study.studyId]: entry }
}

export function markStudy(ledger: AlertLedger, study: Pick<Study, 'studyId' | 'severity'>, action: Acted, now: number): AlertLedger {
  return withAction(ledger, study, now, action === 'opened' ? { opened: true } : { acknowledged: true })
}

export function snoozeStudy(ledger: AlertLedger, study: Pick<Study, 'studyId' | 'severity'>, until: number, now: number): AlertLedger {
  return withAction(ledger, study, now, { snoozedUntil: until })
}

/** The alert state the renderer shows for each study in view that has a ledger entry. */
export function alertStates(
  ledger: AlertLedger,
  studyIds: Iterable<string>,
  now: number,
  snoozed: PolicyTiming['snoozed'] = (_id, entry) => entry.snoozedUntil !== null && entry.snoozedUntil > now
): Record<string, StudyAlertState> {
  const states: Record<string, StudyAlertState> = {}
  for (const id of studyIds) {
    const entry = ledger[id]
    if (!entry) continue
    let status: StudyAlertState['status'] = 'alerting'
    if (entry.opened) status = 'opened'
    else if (entry.acknowledged) status = 'acknowledged'
    else if (snoozed(id, entry)) status = 'snoozed'
    states[id] = {
      status,
      firstAlertedAt: new Date(entry.firstAlertedAt).toISOString(),
      alertCount: entry.alertCount,
      snoozedUntil: entry.snoozedUntil === null ? null : new Date(entry.snoozedUntil).toISOString()
    }
  }
  return states
}
