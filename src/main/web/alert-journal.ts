/**
 * The alerts the engine raised in this run, numbered, with how many pages took each one. An alert
 * counts as delivered when its frame was flushed to a page's connection, not when the engine
 * emitted it: a page that connects late gets the alerts no page took, and a page that reconnects
 * (EventSource sends `Last-Event-ID`) gets the ones it missed. Bounded: the oldest entries go first.
 * With a file, the undelivered ones survive a crash of the shell: the engine has already written
 * them into its ledger and will not raise them again, so they are given to the next page from here.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type { AlertNotice } from '@shared/ipc/contract'

export const JOURNAL_SIZE = 200

export interface JournalEntry {
  readonly seq: number
  readonly notice: AlertNotice
  /** Pages whose connection took this alert (write flushed). */
  deliveredTo: number
}

export interface DeliveryCounts {
  raised: number
  delivered: number
  undelivered: number
}

export class AlertJournal {
  /** Event ids carry the run, so a `Last-Event-ID` from before a restart of the shell is not mistaken for one of this run. */
  readonly runId = randomBytes(6).toString('base64url')
  readonly #entries: JournalEntry[] = []
  /** One emission reaches several listeners; it is recorded once (by payload identity). */
  readonly #byPayload = new WeakMap<AlertNotice, JournalEntry>()
  #seq = 0
  #raised = 0
  #delivered = 0

  constructor(
    private readonly limit = JOURNAL_SIZE,
    private readonly file: string | null = null
  ) {
    for (const notice of loadUndelivered(file)) this.#add(notice)
  }

  #add(notice: AlertNotice): JournalEntry {
    const entry: JournalEntry = { seq: ++this.#seq, notice, deliveredTo: 0 }
    this.#entries.push(entry)
    this.#raised++
    if (this.#entries.length > this.limit) this.#entries.shift()
    return entry
  }

  /** Keep the undelivered alerts on disk (atomic replace); a profile that cannot be written only loses this safety net. */
  #persist(): void {
    if (this.file === null) return
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      fs.writeFileSync(temporary, JSON.stringify(this.undelivered().map((entry) => entry.notice)), { mode: 0o600 })
      fs.renameSync(temporary, this.file)
    } catch {
      fs.rmSync(temporary, { force: true })
    }
  }

  record(notice: AlertNotice): JournalEntry {
    const known = this.#byPayload.get(notice)
    if (known) return known
    const entry = this.#add(notice)
    this.#byPayload.set(notice, entry)
    this.#persist()
    return entry
  }

  markDelivered(entry: JournalEntry): void {
    entry.deliveredTo++
    if (entry.deliveredTo > 1) return
    this.#delivered++
    this.#persist()
  }

  /** Entries after `seq`, oldest first. */
  after(seq: number): JournalEntry[] {
    return this.#entries.filter((entry) => entry.seq > seq)
  }

  /** Entries no page has taken yet, oldest first. */
  undelivered(): JournalEntry[] {
    return this.#entries.filter((entry) => entry.deliveredTo === 0)
  }

  get lastSeq(): number {
    return this.#seq
  }

  eventId(seq: number): string {
    return `${this.runId}.${seq}`
  }

  /** The sequence number in a `Last-Event-ID` of this run; null when absent or from another run. */
  cursorFrom(lastEventId: string | string[] | undefined): number | null {
    const raw = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId
    const match = raw === undefined ? null : /^([A-Za-z0-9_-]+)\.(\d{1,15})$/.exec(raw.trim())
    if (!match || match[1] !== this.runId) return null
    return Math.min(Number(match[2]), this.#seq)
  }

  counts(): DeliveryCounts {
    return { raised: this.#raised, delivered: this.#delivered, undelivered: this.#raised - this.#delivered }
  }
}

function loadUndelivered(file: string | null): AlertNotice[] {
  if (file === null) return []
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown
    return Array.isArray(parsed) ? parsed.filter(isNotice).slice(-JOURNAL_SIZE) : []
  } catch {
    return []
  }
}

function isNotice(value: unknown): value is AlertNotice {
  const notice = value as Partial<AlertNotice> | null
  return (
    typeof notice === 'object' &&
    notice !== null &&
    typeof notice.id === 'string' &&
    (notice.level === 'stat' || notice.level === 'high') &&
    typeof notice.title === 'string' &&
    typeof notice.body === 'string' &&
    Array.isArray(notice.studyIds) &&
    notice.studyIds.every((id) => typeof id === 'string') &&
    typeof notice.reAlert === 'boolean' &&
    typeof notice.at === 'string'
  )
}
