/**
 * A burst of stat arrivals across accounts is one notice (docs/accounts.md, "Alerts"). Accounts'
 * polls are spread over each lane's interval (poll-spread.ts), so studies that arrive in two
 * clinics at the same moment are seen by polls up to one interval apart, and each poll raises its
 * own notice. Nothing waits for the burst to end: every notice is raised at once. When a new stat
 * notice comes while a new stat notice of another account is still fresh (the burst's latest
 * notice, single or summary, raised within `burstWindowMs`), what is raised instead is one summary
 * of every study of the burst still alerting. The shells show it under the one summary tag, which
 * replaces the earlier summary and closes the single notifications it covers, so the burst leaves
 * one live notification. The ledgers are not touched: each study was recorded once, in its
 * account's ledger, when its own notice was raised; the summary only shows those alerts together
 * (it is not a re-alert, and re-alert timers keep counting from each study's own alert).
 */
import type { AlertNotice, Settings, StudyRef } from '@shared/ipc/contract'
import type { BurstStudy } from './policy'

/** Round trips and timer drift on top of the interval: each lane's next poll counts from the end of its last. */
export const BURST_SLACK_MS = 1_000
/** A burst is about the same moment: with a slow lane (the stat lane off), the window stops at a minute. */
export const MAX_BURST_INTERVAL_MS = 60_000

/**
 * How long a new stat notice stays fresh for the next one of another account to join it: one
 * interval of the lane that finds stat studies (the stat lane, or the queue lane when it is off),
 * the time over which the accounts' polls are spread, plus the slack.
 */
export function burstWindowMs(settings: Settings): number {
  const laneSec = settings.statLaneEnabled ? settings.statIntervalSec : settings.queueIntervalSec
  return Math.min(laneSec * 1000, MAX_BURST_INTERVAL_MS) + BURST_SLACK_MS
}

export interface BurstStep {
  /** The new stat notice as its account's poll raised it (one account's studies). */
  notice: AlertNotice
  /** Its studies with their descriptions, in the notice's order. */
  studies: readonly BurstStudy[]
  /** Monotonic time of raising. */
  mono: number
  windowMs: number
  /** Whether an earlier study of the burst still alerts (not opened, acknowledged or snoozed; its account still followed). */
  stillAlerting: (ref: StudyRef) => boolean
  /** The one notice of the burst's studies (policy.ts `burstNotice`). */
  summary: (studies: readonly BurstStudy[]) => AlertNotice
}

const sameStudy = (a: StudyRef, b: StudyRef) => a.accountId === b.accountId && a.studyId === b.studyId

/** The stat burst in progress across accounts: its studies and when its latest notice was raised. */
export class StatBurst {
  #studies: BurstStudy[] = []
  #lastMono: number | null = null

  /** The notice to raise for a new stat notice: the notice itself, or the summary of the burst it joins. */
  next(step: BurstStep): AlertNotice {
    const fresh = this.#lastMono !== null && step.mono - this.#lastMono <= step.windowMs
    const earlier = fresh ? this.#studies.filter((s) => step.stillAlerting(s.ref) && !step.studies.some((n) => sameStudy(n.ref, s.ref))) : []
    this.#studies = [...earlier, ...step.studies]
    this.#lastMono = step.mono
    const accountId = step.notice.studies[0]?.accountId
    // One account's notices are shown as they always were; a burst is one notice once it spans accounts.
    return earlier.some((s) => s.ref.accountId !== accountId) ? step.summary(this.#studies) : step.notice
  }
}
