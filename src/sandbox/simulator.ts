import type { Severity } from '@shared/avara/contract'
import type { SandboxContext } from './context'
import { openStudies } from './db/studies'
import { activeUsersWithRole } from './db/users'
import { newId } from './ids'
import { severityFor, studyMetadata, studyUid, STUDY_CATALOGUE } from './seed/catalogue'
import { pick, type Random } from './seed/prng'

export type SimulatorEvent =
  | { kind: 'created'; studyId: string; severity: Severity; assignedTo: string | null }
  | { kind: 'completed'; studyId: string }
  | { kind: 'escalated'; studyId: string; severity: Severity }
  | { kind: 'reassigned'; studyId: string; assignedTo: string }

export interface SimulatorOptions {
  /** New studies per minute. */
  ratePerMinute: number
  random: Random
  apiKeyId: string
  /** Share of new studies that are stat. */
  statShare?: number
}

/** Events per new study: completions keep the queue from growing forever; escalations and reassignments are rarer. */
const FOLLOW_UP_RATES = { completed: 0.8, escalated: 0.15, reassigned: 0.15 } as const
const ESCALATION: Record<string, Severity> = { normal: 'high', high: 'stat' }

/**
 * Keeps the demo room alive: studies arrive at random and open ones get read, escalated or
 * reassigned. Time is passed in (`tick(elapsedMs)`), so tests drive it by hand.
 */
export class StudySimulator {
  private serial = 0
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(private readonly ctx: SandboxContext, private readonly options: SimulatorOptions) {}

  /** Advances simulated time and returns what happened. */
  tick(elapsedMs: number): SimulatorEvent[] {
    const minutes = Math.max(0, elapsedMs) / 60_000
    const events: SimulatorEvent[] = []
    const arrivals = this.occurrences(this.options.ratePerMinute * minutes)
    for (let i = 0; i < arrivals; i++) events.push(this.createStudy())
    for (const [kind, share] of Object.entries(FOLLOW_UP_RATES) as Array<[keyof typeof FOLLOW_UP_RATES, number]>) {
      const count = this.occurrences(this.options.ratePerMinute * share * minutes)
      for (let i = 0; i < count; i++) {
        const event = this.followUp(kind)
        if (event) events.push(event)
      }
    }
    return events
  }

  start(intervalMs = 1000): void {
    if (this.timer) return
    let last = this.ctx.clock()
    this.timer = setInterval(() => {
      const now = this.ctx.clock()
      this.tick(now - last)
      last = now
    }, intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  /** A Poisson-ish count: the whole part of the expectation plus one more with the fractional chance. */
  private occurrences(expected: number): number {
    const whole = Math.floor(expected)
    return whole + (this.options.random() < expected - whole ? 1 : 0)
  }

  private radiologists(): string[] {
    return activeUsersWithRole(this.ctx.store.db, 'Radiologist').map((u) => u.id)
  }

  private createStudy(): SimulatorEvent {
    const random = this.options.random
    const entry = pick(random, STUDY_CATALOGUE)
    const severity = severityFor(random, entry.acute ?? false, this.options.statShare ?? 0.2)
    const radiologists = this.radiologists()
    const assignedTo = radiologists.length > 0 && random() < 0.85 ? pick(random, radiologists) : null
    const customers = this.ctx.store.expressCustomers()
    const customerId = customers.length > 0 && random() < 0.3 ? pick(random, customers).id : null
    const now = this.ctx.stamps.next()
    const id = newId('study')
    this.ctx.store.studies.insert({
      id,
      // Time-based serial keeps simulated UIDs unique across restarts of the same database.
      studyInstanceUid: studyUid(random, Date.parse(now) % 1_000_000_000 * 100 + (this.serial++ % 100)),
      studyDescription: entry.description,
      severity,
      viewerStatus: 'incomplete',
      isCancelled: false,
      cancelledAt: null,
      createdAt: now,
      updatedAt: now,
      assignedTo,
      createdByApiKeyId: this.options.apiKeyId,
      createdByUserId: null,
      expressCustomerId: customerId,
      metadata: studyMetadata(random, entry.modality)
    })
    return { kind: 'created', studyId: id, severity, assignedTo }
  }

  private followUp(kind: keyof typeof FOLLOW_UP_RATES): SimulatorEvent | undefined {
    const random = this.options.random
    const open = openStudies(this.ctx.store.db, 50)
    if (kind === 'completed') {
      const candidates = open.filter((s) => s.assigned_to !== null)
      if (candidates.length === 0) return undefined
      const study = pick(random, candidates)
      this.ctx.store.studies.update(study.id, { viewer_status: 'complete', updated_at: this.ctx.stamps.next(study.updated_at) })
      return { kind: 'completed', studyId: study.id }
    }
    if (kind === 'escalated') {
      const candidates = open.filter((s) => s.severity in ESCALATION)
      if (candidates.length === 0) return undefined
      const study = pick(random, candidates)
      const severity = ESCALATION[study.severity] as Severity
      this.ctx.store.studies.update(study.id, { severity, updated_at: this.ctx.stamps.next(study.updated_at) })
      return { kind: 'escalated', studyId: study.id, severity }
    }
    const radiologists = this.radiologists()
    if (open.length === 0 || radiologists.length < 2) return undefined
    const study = pick(random, open)
    const others = radiologists.filter((r) => r !== study.assigned_to)
    const assignedTo = pick(random, others)
    this.ctx.store.studies.update(study.id, { assigned_to: assignedTo, updated_at: this.ctx.stamps.next(study.updated_at) })
    return { kind: 'reassigned', studyId: study.id, assignedTo }
  }
}
