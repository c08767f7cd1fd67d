/**
 * The AlertDesk: the alert policy (policy.ts) with everything it remembers: one ledger per account
 * (so the same study ID in two accounts is two studies), held high alerts, snoozes and the pause.
 * Re-alert, snooze and pause countdowns run on the monotonic clock; the ledger keeps wall-clock
 * timestamps for display and for the next run.
 */
import type { Study } from '@shared/avara/contract'
import type { AlertNotice, Settings, StudyAlertState } from '@shared/ipc/contract'
import { alertStates, burstNotice, decideAlerts, isHoldActive, markStudy, safeDescription, snoozeStudy, type PolicyNotice, type PolicyTiming } from './policy'
import type { AlertLedger, Clock } from './ports'
import type { QueueEvent } from './queue'
import { burstWindowMs, StatBurst } from './stat-burst'

const MINUTE_MS = 60_000
/** A snooze remembered from an earlier run never lasts longer than the longest one a user can set. */
const MAX_SNOOZE_MS = 240 * MINUTE_MS

export interface AlertDeskOptions {
  clock: Clock
  /** The account's settings in effect (its own alert settings laid over the global ones). */
  settings: (accountId: string) => Settings
  /** Raise a notice (native notifier, bridge event). */
  raise: (accountId: string, notice: AlertNotice) => void
  /** The account's name for notices: only when several accounts are followed (null: one needs no name). */
  accountName?: (accountId: string) => string | null
  pauseChanged: (pausedUntil: string | null) => void
}

interface AccountDesk {
  ledger: AlertLedger
  pendingHigh: string[]
  /** Monotonic start of this account's run: re-alerts count from here at the earliest. */
  sessionStartedMono: number
  sessionStartedAt: number
  lastAlertMono: Map<string, number>
  snoozeUntilMono: Map<string, number>
}

export interface DeskOutcome {
  ledgerChanged: boolean
  notices: number
}

export class AlertDesk {
  readonly #o: AlertDeskOptions
  readonly #accounts = new Map<string, AccountDesk>()
  #pauseUntilMono: number | null = null
  #pauseTimer: unknown = null
  /** New stat notices across accounts close together in time: one summary (stat-burst.ts). */
  readonly #burst = new StatBurst()

  constructor(options: AlertDeskOptions) {
    this.#o = options
  }

  #account(id: string): AccountDesk {
    let desk = this.#accounts.get(id)
    if (!desk) this.#accounts.set(id, (desk = this.#fresh({})))
    return desk
  }

  #fresh(ledger: AlertLedger): AccountDesk {
    const { clock } = this.#o
    const mono = clock.monotonic()
    const now = clock.now()
    const snoozeUntilMono = new Map<string, number>()
    for (const [id, entry] of Object.entries(ledger)) {
      // A snooze from an earlier run: its remaining time, read once, then counted monotonically.
      if (entry.snoozedUntil !== null && entry.snoozedUntil > now) snoozeUntilMono.set(id, mono + Math.min(entry.snoozedUntil - now, MAX_SNOOZE_MS))
    }
    return { ledger, pendingHigh: [], sessionStartedMono: mono, sessionStartedAt: now, lastAlertMono: new Map(), snoozeUntilMono }
  }

  /** Load an account's stored ledger; its run (re-alert timers, held alerts) starts now. */
  load(accountId: string, ledger: AlertLedger): void {
    this.#accounts.set(accountId, this.#fresh(ledger))
  }

  /** A new run for the account (another identity): the ledger stays, timers and holds restart. */
  restart(accountId: string): void {
    this.load(accountId, this.ledger(accountId))
  }

  /** Forget an account (removed): its ledger and timers. */
  remove(accountId: string): void {
    this.#accounts.delete(accountId)
  }

  ledger(accountId: string): AlertLedger {
    return this.#account(accountId).ledger
  }

  #timing(desk: AccountDesk): PolicyTiming {
    const { clock } = this.#o
    const mono = clock.monotonic()
    const now = clock.now()
    return {
      sinceLastAlert: (id) => mono - (desk.lastAlertMono.get(id) ?? desk.sessionStartedMono),
      snoozed: (id, entry) => {
        const until = desk.snoozeUntilMono.get(id)
        return until !== undefined ? until > mono : entry.snoozedUntil !== null && entry.snoozedUntil > now
      }
    }
  }

  /** The pause's end as a wall time for the policy and for display (counted monotonically). */
  #pausedUntilWall(): number | null {
    const { clock } = this.#o
    if (this.#pauseUntilMono === null) return null
    return clock.now() + Math.max(0, this.#pauseUntilMono - clock.monotonic())
  }

  /** Run the policy on what a poll saw, raise its notices and keep its ledger. */
  decide(accountId: string, input: { events: readonly QueueEvent[]; present: readonly Study[]; fullView: boolean; firstPoll: boolean }): DeskOutcome {
    const desk = this.#account(accountId)
    const { clock } = this.#o
    const settings = this.#o.settings(accountId)
    const out = decideAlerts({
      now: clock.now(),
      ledger: desk.ledger,
      settings,
      pausedUntil: this.#pausedUntilWall(),
      events: input.events,
      present: input.present,
      firstPoll: input.firstPoll,
      sessionStartedAt: desk.sessionStartedAt,
      pendingHigh: desk.pendingHigh,
      fullView: input.fullView,
      timing: this.#timing(desk)
    })
    desk.pendingHigh = out.pendingHigh
    if (out.ledgerChanged) desk.ledger = out.ledger
    const mono = clock.monotonic()
    for (const notice of out.notices) {
      for (const id of notice.studyIds) desk.lastAlertMono.set(id, mono)
      // The sound is the account's choice too (the page and the native notifier follow `sound`).
      const named = { ...this.#named(accountId, notice), sound: settings.alerts.sound }
      this.#o.raise(accountId, notice.level === 'stat' && !notice.reAlert ? this.#inBurst(named, input.present, mono, settings) : named)
    }
    return { ledgerChanged: out.ledgerChanged, notices: out.notices.length }
  }

  #name(accountId: string): string | null {
    return this.#o.accountName?.(accountId) ?? null
  }

  /** The notice with its account: each study's ref, and with several accounts the name ("New stat study · St Mary's"). */
  #named(accountId: string, notice: PolicyNotice): AlertNotice {
    const studies = notice.studyIds.map((studyId) => ({ accountId, studyId }))
    const name = this.#name(accountId)
    return name === null ? { ...notice, studies } : { ...notice, studies, title: `${notice.title} · ${name}`, accountName: name }
  }

  /** A new stat notice, or the one summary of the burst across accounts it joins (stat-burst.ts). */
  #inBurst(notice: AlertNotice, present: readonly Study[], mono: number, settings: Settings): AlertNotice {
    const byId = new Map(present.filter((s) => s.severity === 'stat').map((s) => [s.studyId, s]))
    const studies = notice.studies.map((ref) => {
      const study = byId.get(ref.studyId)
      return { ref, description: study ? safeDescription(study) : ref.studyId }
    })
    return this.#burst.next({
      notice,
      studies,
      mono,
      // The newcomer's account polls once per its own interval: that is how far apart the burst's notices can be.
      windowMs: burstWindowMs(settings),
      stillAlerting: (ref) => this.#stillAlerting(ref.accountId, ref.studyId),
      // The summary stands for the newcomer's notice: its account's sound.
      summary: (all) => ({ ...burstNotice(all, (id) => this.#name(id), this.#o.clock.now()), ...(notice.sound === undefined ? {} : { sound: notice.sound }) })
    })
  }

  /** Alerted as stat and not yet opened, acknowledged or snoozed, in an account still followed. */
  #stillAlerting(accountId: string, studyId: string): boolean {
    const desk = this.#accounts.get(accountId)
    const entry = desk?.ledger[studyId]
    if (!desk || !entry || entry.severityAtAlert !== 'stat' || entry.opened || entry.acknowledged) return false
    return !this.#timing(desk).snoozed(studyId, entry)
  }

  /** Opened or acknowledged: no more alerts for the study. */
  mark(accountId: string, study: Pick<Study, 'studyId' | 'severity'>, action: 'opened' | 'acknowledged'): void {
    const desk = this.#account(accountId)
    desk.ledger = markStudy(desk.ledger, study, action, this.#o.clock.now())
  }

  snooze(accountId: string, study: Pick<Study, 'studyId' | 'severity'>, minutes: number): void {
    const desk = this.#account(accountId)
    const { clock } = this.#o
    desk.ledger = snoozeStudy(desk.ledger, study, clock.now() + minutes * MINUTE_MS, clock.now())
    desk.snoozeUntilMono.set(study.studyId, clock.monotonic() + minutes * MINUTE_MS)
  }

  alertStates(accountId: string, studyIds: Iterable<string>): Record<string, StudyAlertState> {
    const desk = this.#account(accountId)
    return alertStates(desk.ledger, studyIds, this.#o.clock.now(), this.#timing(desk).snoozed)
  }

  pausedUntil(): string | null {
    const wall = this.#pausedUntilWall()
    return wall === null ? null : new Date(wall).toISOString()
  }

  /** Whether the account's alerts are held now (its do-not-disturb, or the pause). */
  isHolding(accountId: string): boolean {
    return isHoldActive(this.#o.settings(accountId), this.#pausedUntilWall(), this.#o.clock.now())
  }

  /** Pause alerts for `minutes` (0 or null ends the pause); `release` runs when a pause ends. */
  setPause(minutes: number | null, release: () => void): void {
    const { clock } = this.#o
    if (this.#pauseTimer !== null) clock.clearTimeout(this.#pauseTimer)
    this.#pauseTimer = null
    if (minutes) {
      this.#pauseUntilMono = clock.monotonic() + minutes * MINUTE_MS
      this.#pauseTimer = clock.setTimeout(() => {
        this.#pauseTimer = null
        this.setPause(null, release)
      }, minutes * MINUTE_MS)
    } else {
      this.#pauseUntilMono = null
      release()
    }
    this.#o.pauseChanged(this.pausedUntil())
  }

  stop(): void {
    if (this.#pauseTimer !== null) this.#o.clock.clearTimeout(this.#pauseTimer)
    this.#pauseTimer = null
  }
}
