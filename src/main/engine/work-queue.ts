/**
 * The Queue unit: merges every account session's observations into one work queue and is the only
 * owner of what follows from it: order, counts per severity, staleness, the closed list and the
 * diff into events. Studies are keyed by account and study ID (the same ID in two accounts is two
 * studies).
 *
 * The two lanes of an account run concurrently, so an observation can arrive after a later-started
 * one has been merged. Every observation carries a sequence number taken when its requests
 * started; a study (or its removal) recorded by a later observation is never overwritten by an
 * earlier one, so no update is lost or reordered.
 */
import type { Study } from '@shared/avara/contract'
import type { ClosedStudy, QueueStudy } from '@shared/ipc/contract'
import { compareByUrgency } from '@shared/ipc/study-order'
import { OrderedStudies, countBySeverity, type SeverityCounts } from './ordered-studies'
import { belongsToQueue, diffSnapshots, indexById, orderStudies, visiblyChanged, type QueueEvent, type Resolutions } from './queue'

const MAX_CLOSED = 100
const STAT_ONLY: ReadonlySet<string> = new Set(['stat'])
/** Changes in one merge beyond which the queue is sorted again rather than moved study by study. */
export const SORT_AGAIN_AT = 1000
/** Removals remembered to keep an older observation from bringing a study back. */
const MAX_REMOVALS = 10_000

interface Tracked {
  /** Labelled with its account when it entered; the same object while nothing the user sees changes. */
  study: QueueStudy
  /** Sequence number of the observation this version came from. */
  seq: number
  /** The full-list merge that last listed it (departures are the entries it did not mark). */
  listed?: number
  /** The last list `missing…From` was asked about that holds it. */
  inList?: number
  /** Its place in `mine`'s insertion order (the order a whole-queue diff gives events in). */
  readonly pos: number
}

interface AccountQueue {
  id: string
  mine: Map<string, Tracked>
  pool: Map<string, Pick<Tracked, 'study' | 'seq'>>
  poolSeq: number
  /** Studies an observation removed, with that observation's sequence number. */
  removedAt: Map<string, number>
  closed: ClosedStudy[]
  /** Wall time of the last merged observation (display) and its monotonic twin (staleness). */
  fetchedAt: number | null
  fetchedMono: number | null
  fromCache: boolean
  /** A full-queue observation has been merged since the account (re)started. */
  fullViewSeen: boolean
  /** `mine` in the one order, counted per severity; kept up to date by every merge (only what it touched). */
  order: OrderedStudies<QueueStudy>
  /** The pool in order (at most a page), sorted again when it changed. */
  poolOrdered: QueueStudy[] | null
  /** Bumped whenever what the renderer shows of this account may have changed. */
  version: number
  /** The `pos` the next study entering `mine` gets. */
  nextPos: number
}

export interface MergeResult {
  /** Events of the identity's queue and of the stat pool (arrivals and escalations only). */
  events: QueueEvent[]
  /** The first full-queue observation since the account (re)started. */
  firstFullView: boolean
}

export { countBySeverity, type SeverityCounts }

function emptyAccount(id: string): AccountQueue {
  return {
    id,
    mine: new Map(),
    pool: new Map(),
    poolSeq: 0,
    removedAt: new Map(),
    closed: [],
    fetchedAt: null,
    fetchedMono: null,
    fromCache: false,
    fullViewSeen: false,
    order: new OrderedStudies(),
    poolOrdered: null,
    version: 0,
    nextPos: 0
  }
}

/**
 * The studies one merge touched, before and after, for `diffSnapshots`: an unchanged study gives no
 * event, so diffing only these gives the events a whole-queue diff would, in the same order (the
 * touched part of the new queue in its order, then departures in the old queue's order). A merge
 * may touch them in another order (a stat list walks only the stat studies): `pos` restores the queue's.
 */
class Touched {
  /** By `pos`: the version before the merge and the one after (a study listed twice keeps its first and last). */
  readonly #entries = new Map<number, { before: QueueStudy | undefined; after: QueueStudy | undefined }>()

  update(pos: number, before: QueueStudy | undefined, after: QueueStudy | undefined): void {
    const entry = this.#entries.get(pos)
    if (entry) entry.after = after
    else if (before !== after) this.#entries.set(pos, { before, after })
  }

  /** Before and after of the studies that changed, each in the queue's order. */
  lists(): { previous: QueueStudy[]; next: QueueStudy[] } {
    const previous: QueueStudy[] = []
    const next: QueueStudy[] = []
    for (const pos of [...this.#entries.keys()].sort((a, b) => a - b)) {
      const { before, after } = this.#entries.get(pos)!
      if (before === after || (before && after && sameInQueue(before, after))) continue
      if (before) previous.push(before)
      if (after) next.push(after)
    }
    return { previous, next }
  }
}

/** Nothing the user sees differs (`updatedAt` catches what `visiblyChanged` does not name). */
const sameInQueue = (before: Study, after: Study): boolean => before.severity === after.severity && !visiblyChanged(before, after)

/**
 * The version to keep: the one already held while nothing the user sees changed, so an unchanged
 * study keeps its object and the page's delta can tell changes by identity (queue-delta-builder.ts).
 */
const keptVersion = (account: { id: string }, current: QueueStudy | undefined, incoming: Study): QueueStudy =>
  current && (current === incoming || sameInQueue(current, incoming)) ? current : labelled(account, incoming)

/** A study of this account as the queue holds it (the page tells accounts apart by `accountId`). */
const labelled = (account: { id: string }, study: Study): QueueStudy => ({ ...study, accountId: account.id })

const studiesOf = (map: Map<string, { study: QueueStudy }>): QueueStudy[] => Array.from(map.values(), (t) => t.study)

export class WorkQueue {
  readonly #accounts = new Map<string, AccountQueue>()
  #seq = 0
  #listStamp = 0

  /** A sequence number for an observation whose requests start now. */
  beginObservation(): number {
    return ++this.#seq
  }

  #account(id: string): AccountQueue {
    let account = this.#accounts.get(id)
    if (!account) this.#accounts.set(id, (account = emptyAccount(id)))
    return account
  }

  /** Forget an account's queue (sign-out, another identity or server). */
  reset(accountId: string): void {
    const version = (this.#accounts.get(accountId)?.version ?? 0) + 1
    this.#accounts.set(accountId, { ...emptyAccount(accountId), version })
  }

  /** Changes whenever what the renderer shows of the account may have changed (cheap to compare). */
  version(accountId: string): number {
    return this.#account(accountId).version
  }

  /** The last-known queue of a previous run, shown until the first poll returns. */
  loadCached(accountId: string, cached: { mine: Study[]; statPool: Study[]; fetchedAt: number | null }, now: number, mono: number): void {
    const account = emptyAccount(accountId)
    for (const s of cached.mine) account.mine.set(s.studyId, { study: labelled(account, s), seq: 0, pos: account.nextPos++ })
    for (const s of cached.statPool) account.pool.set(s.studyId, { study: labelled(account, s), seq: 0 })
    account.fetchedAt = cached.fetchedAt
    account.fetchedMono = cached.fetchedAt === null ? null : mono - Math.max(0, now - cached.fetchedAt)
    account.fromCache = true
    account.order.reset(studiesOf(account.mine))
    account.version = (this.#accounts.get(accountId)?.version ?? 0) + 1
    this.#accounts.set(accountId, account)
  }

  /**
   * A page of a list as the queue will keep it: each study the queue holds unchanged is replaced by
   * the object it holds (the version a merge keeps anyway), so the parsed copy is garbage at once
   * instead of living until the whole list has arrived (10,000 parsed studies kept over a hundred
   * pages were promoted to the old generation and collected later in long pauses), and the merge
   * knows it unchanged by identity.
   */
  heldVersions(accountId: string, page: readonly Study[]): Study[] {
    const account = this.#accounts.get(accountId)
    if (!account) return page.slice()
    return page.map((study) => {
      const held = account.mine.get(study.studyId)?.study
      return held && sameInQueue(held, study) ? held : study
    })
  }

  /** Studies of the last queue that a full list (started at `seq`) no longer holds: to be looked up. */
  missingFromFullList(accountId: string, list: readonly Study[], seq: number): Study[] {
    return this.#missing(this.#account(accountId), null, list, seq)
  }

  /** Stat studies of the last queue that a complete stat list no longer holds: to be looked up. */
  missingFromStatList(accountId: string, statList: readonly Study[], complete: boolean, seq: number): Study[] {
    return this.missingFromSeverityList(accountId, STAT_ONLY, statList, complete, seq)
  }

  /** Studies of these severities that a complete list of them no longer holds: to be looked up. */
  missingFromSeverityList(accountId: string, severities: ReadonlySet<string>, list: readonly Study[], complete: boolean, seq: number): Study[] {
    if (!complete) return [] // a partial page says nothing about absence
    return this.#missing(this.#account(accountId), severities, list, seq)
  }

  /**
   * One pass over the list and one over the queue's entries that could be missing (only the leading
   * stat and high studies for a list of those), marking instead of building a set of IDs.
   */
  #missing(account: AccountQueue, severities: ReadonlySet<string> | null, list: readonly Study[], seq: number): Study[] {
    const mark = ++this.#listStamp
    for (const study of list) {
      const tracked = account.mine.get(study.studyId)
      if (tracked) tracked.inList = mark
    }
    const missing: Study[] = []
    for (const tracked of this.#entriesOf(account, severities)) {
      if (tracked.inList !== mark && (severities === null || severities.has(tracked.study.severity)) && tracked.seq <= seq) missing.push(tracked.study)
    }
    return missing
  }

  /**
   * The entries that can hold these severities: for stat and high, the front of the order (a stat
   * poll every few seconds must not walk 10,000 normal studies); otherwise every entry.
   */
  #entriesOf(account: AccountQueue, severities: ReadonlySet<string> | null): Iterable<Tracked> {
    const leading = severities && account.order.leading(severities)
    if (!leading) return account.mine.values()
    return leading.map((study) => account.mine.get(study.studyId)).filter((tracked) => tracked !== undefined)
  }

  /**
   * A full list of the identity's queue (queue lane): it replaces the queue, except newer versions.
   * Updated in place: only studies that arrived, changed or left touch the order and the diff (a
   * new map of 10,000 studies on every poll blocked the event loop; bench/engine-live.ts), and the
   * queue is walked for departures only when the list did not name every study it holds.
   */
  mergeFullList(accountId: string, o: { list: readonly Study[]; resolved: Resolutions; seq: number; userId: string }, now: number, mono: number): MergeResult {
    const account = this.#account(accountId)
    const stamp = ++this.#listStamp
    const touched = new Touched()
    let listed = 0
    for (const study of o.list) {
      if ((account.removedAt.get(study.studyId) ?? 0) > o.seq) continue
      const current = account.mine.get(study.studyId)
      if (!current) {
        const arrived: Tracked = { study: labelled(account, study), seq: o.seq, listed: stamp, pos: account.nextPos++ }
        account.mine.set(study.studyId, arrived)
        touched.update(arrived.pos, undefined, arrived.study)
        listed++
        continue
      }
      if (current.listed !== stamp) listed++
      current.listed = stamp
      if (current.seq > o.seq) continue
      const kept = keptVersion(account, current.study, study)
      touched.update(current.pos, current.study, kept)
      current.study = kept
      current.seq = o.seq
    }
    if (listed < account.mine.size) {
      // Deleting the current entry while iterating a Map is safe.
      for (const [id, current] of account.mine) {
        if (current.listed === stamp || current.seq > o.seq) continue
        const before = current.study
        if (this.#settleDeparture(account, current, o.resolved, o.seq, o.userId, false)) touched.update(current.pos, before, current.study)
        else {
          account.mine.delete(id)
          touched.update(current.pos, before, undefined)
        }
      }
    }
    const firstFullView = !account.fullViewSeen
    account.fullViewSeen = true
    return { events: this.#commit(account, touched, o.resolved, o.userId, now, mono), firstFullView }
  }

  /** A stat list (stat lane): updates and adds stat studies; stat studies gone from a complete list are resolved. */
  mergeStatList(
    accountId: string,
    o: { list: readonly Study[]; complete: boolean; resolved: Resolutions; seq: number; userId: string },
    now: number,
    mono: number
  ): MergeResult {
    return this.mergeSeverityList(accountId, { ...o, severities: STAT_ONLY }, now, mono)
  }

  /**
   * A list of some severities only (the stat lane; the queue lane between its full reads): updates
   * and adds its studies; studies of those severities gone from a complete list are resolved. Costs
   * the list and the studies of those severities, not the whole queue (`#entriesOf`).
   */
  mergeSeverityList(
    accountId: string,
    o: { severities: ReadonlySet<string>; list: readonly Study[]; complete: boolean; resolved: Resolutions; seq: number; userId: string },
    now: number,
    mono: number
  ): MergeResult {
    const account = this.#account(accountId)
    // Taken before the list changes anything: the entries that may have left.
    const held = o.complete ? [...this.#entriesOf(account, o.severities)] : []
    const stamp = ++this.#listStamp
    const touched = new Touched()
    for (const study of indexById(o.list).values()) {
      const current = account.mine.get(study.studyId)
      if (current) {
        current.listed = stamp
        if (current.seq > o.seq) continue
        const kept = keptVersion(account, current.study, study)
        touched.update(current.pos, current.study, kept)
        current.study = kept
        current.seq = o.seq
      } else if ((account.removedAt.get(study.studyId) ?? 0) <= o.seq) {
        const arrived: Tracked = { study: labelled(account, study), seq: o.seq, listed: stamp, pos: account.nextPos++ }
        account.mine.set(study.studyId, arrived)
        touched.update(arrived.pos, undefined, arrived.study)
      }
    }
    for (const current of held) {
      if (current.listed === stamp || !o.severities.has(current.study.severity) || current.seq > o.seq) continue
      const before = current.study
      if (this.#settleDeparture(account, current, o.resolved, o.seq, o.userId, true)) touched.update(current.pos, before, current.study)
      else {
        account.mine.delete(before.studyId)
        touched.update(current.pos, before, undefined)
      }
    }
    return { events: this.#commit(account, touched, o.resolved, o.userId, now, mono), firstFullView: false }
  }

  /**
   * A study that left a list: kept (true, its entry updated) when its lookup says it is still
   * queued, or for the stat lane when not looked up; false when it left (remembered, so an older
   * list cannot bring it back).
   */
  #settleDeparture(account: AccountQueue, current: Tracked, resolved: Resolutions, seq: number, userId: string, keepUnresolved: boolean): boolean {
    const id = current.study.studyId
    const now = resolved.get(id)
    if (now === undefined && keepUnresolved) return true
    if (now && belongsToQueue(now, userId)) {
      current.study = keptVersion(account, current.study, now)
      current.seq = seq
      return true
    }
    account.removedAt.set(id, seq)
    // Only observations still in flight can be older; the oldest removals are long settled.
    if (account.removedAt.size > MAX_REMOVALS) account.removedAt.delete(account.removedAt.keys().next().value!)
    return false
  }

  /** The unassigned stat pool, replaced whole by the newest observation that read it. */
  mergePool(accountId: string, pool: readonly Study[], seq: number, now: number, mono: number): QueueEvent[] {
    const account = this.#account(accountId)
    if (seq < account.poolSeq) return []
    const previous = studiesOf(account.pool)
    const stat = pool.filter((s) => s.severity === 'stat').map((s) => keptVersion(account, account.pool.get(s.studyId)?.study, s))
    account.pool = new Map(stat.map((s) => [s.studyId, { study: s, seq }]))
    account.poolSeq = seq
    const events = diffSnapshots(previous, stat)
    this.#touch(account, now, mono, events.length > 0)
    return events.filter((e) => e.kind === 'arrived' || e.kind === 'escalated')
  }

  /** The diff of what a merge touched (the queue already holds the result). */
  #commit(account: AccountQueue, touched: Touched, resolved: Resolutions, userId: string, now: number, mono: number): QueueEvent[] {
    // The order follows what changed: out with the old versions, in with the new. Many changes at
    // once (the first read of a queue): one sort instead of thousands of moves in a 10,000-study array.
    const { previous, next } = touched.lists()
    if (previous.length + next.length > SORT_AGAIN_AT) {
      account.order.reset(studiesOf(account.mine))
    } else {
      for (const before of previous) account.order.remove(before)
      for (const after of next) account.order.insert(after)
    }
    const knownCancelled = new Set(account.closed.filter((c) => c.reason === 'cancelled').map((c) => c.study.studyId))
    const events = diffSnapshots(previous, next, { resolved, knownCancelled, userId })
    this.#touch(account, now, mono, events.length > 0)
    this.#recordClosed(account, events, now)
    return events
  }

  #touch(account: AccountQueue, now: number, mono: number, changed: boolean): void {
    account.fetchedAt = now
    account.fetchedMono = mono
    if (changed || account.fromCache) {
      account.version++
      account.poolOrdered = null
    }
    account.fromCache = false
  }

  #recordClosed(account: AccountQueue, events: readonly QueueEvent[], now: number): void {
    const at = new Date(now).toISOString()
    const added: ClosedStudy[] = []
    for (const e of events) {
      const study = labelled(account, e.study)
      if (e.kind === 'completed') added.push({ study, reason: 'completed', at })
      else if (e.kind === 'cancelled') added.push({ study, reason: 'cancelled', at })
      else if (e.kind === 'reassignedAway') added.push({ study, reason: 'reassigned', at })
    }
    const reappeared = new Set(events.filter((e) => e.kind === 'arrived' || e.kind === 'uncancelled').map((e) => e.study.studyId))
    if (added.length === 0 && reappeared.size === 0) return
    account.closed = [...added.reverse(), ...account.closed.filter((c) => !reappeared.has(c.study.studyId))].slice(0, MAX_CLOSED)
  }

  /**
   * The account's queue in the one order (stat > high > normal, longest waiting first). Live
   * arrays, changed by the next merge: copy what you keep.
   */
  ordered(accountId: string): { mine: readonly QueueStudy[]; pool: readonly QueueStudy[] } {
    return this.#ordered(this.#account(accountId))
  }

  #ordered(account: AccountQueue): { mine: readonly QueueStudy[]; pool: readonly QueueStudy[] } {
    account.poolOrdered ??= orderStudies(studiesOf(account.pool))
    return { mine: account.order.list, pool: account.poolOrdered }
  }

  /**
   * Every listed account's queue merged into one, in the one order (stat > high > normal, longest
   * waiting first, src/shared/ipc/study-order.ts); equal studies keep the accounts' order. Each
   * account's list is already ordered, so this is a merge, not a sort. New arrays.
   */
  merged(accountIds: readonly string[]): { mine: QueueStudy[]; pool: QueueStudy[] } {
    const lists = accountIds.map((id) => this.ordered(id))
    return { mine: mergeOrdered(lists.map((l) => l.mine)), pool: mergeOrdered(lists.map((l) => l.pool)) }
  }

  /** Counts per severity of every listed account together. */
  totalCounts(accountIds: readonly string[]): SeverityCounts {
    const total: SeverityCounts = { stat: 0, high: 0, normal: 0 }
    for (const id of accountIds) {
      const counts = this.counts(id)
      total.stat += counts.stat
      total.high += counts.high
      total.normal += counts.normal
    }
    return total
  }

  /** Forget an account entirely (the account was removed). */
  remove(accountId: string): void {
    this.#accounts.delete(accountId)
  }

  /**
   * The studies in view the alert rules can act on (policy.ts): every stat and high study (the
   * front of the ordered queue, so no pass over the normal ones), the pool, and any other study in
   * view that has a ledger entry (so pruning sees it in view). Costs the stat and high count plus
   * the ledger's size, not the queue's.
   */
  presentForAlerts(accountId: string, ledgerIds: Iterable<string>): Study[] {
    const account = this.#account(accountId)
    const counts = account.order.counts
    const urgent = account.order.list.slice(0, counts.stat + counts.high)
    const relevant = [...urgent, ...studiesOf(account.pool)]
    for (const id of ledgerIds) {
      const study = account.mine.get(id)?.study
      if (study && study.severity !== 'stat' && study.severity !== 'high') relevant.push(study)
    }
    return relevant
  }

  /** Every study in view (queue and pool). */
  present(accountId: string): Study[] {
    const account = this.#account(accountId)
    return [...studiesOf(account.mine), ...studiesOf(account.pool)]
  }

  find(accountId: string, studyId: string): Study | undefined {
    const account = this.#account(accountId)
    return account.mine.get(studyId)?.study ?? account.pool.get(studyId)?.study
  }

  has(accountId: string, studyId: string): boolean {
    return this.find(accountId, studyId) !== undefined
  }

  closed(accountId: string): ClosedStudy[] {
    return this.#account(accountId).closed
  }

  /** Counts per severity of the identity's queue (the pool is not counted). */
  counts(accountId: string): SeverityCounts {
    return this.#account(accountId).order.counts
  }

  fetchedAt(accountId: string): number | null {
    return this.#account(accountId).fetchedAt
  }

  fromCache(accountId: string): boolean {
    return this.#account(accountId).fromCache
  }

  fullViewSeen(accountId: string): boolean {
    return this.#account(accountId).fullViewSeen
  }

  /** Monotonic time the data turns stale (older than two queue intervals), or null with no data. */
  staleAt(accountId: string, queueMs: number): number | null {
    const mono = this.#account(accountId).fetchedMono
    return mono === null ? null : mono + 2 * queueMs
  }

  isStale(accountId: string, queueMs: number, mono: number): boolean {
    const at = this.staleAt(accountId, queueMs)
    return at !== null && mono > at
  }
}

/** A stable k-way merge of lists that are each in the one order (ties: the earlier list first); a copy of a single list. */
export function mergeOrdered(lists: readonly (readonly QueueStudy[])[]): QueueStudy[] {
  if (lists.length === 1) return lists[0]!.slice()
  const at = lists.map(() => 0)
  const total = lists.reduce((n, l) => n + l.length, 0)
  const out: QueueStudy[] = new Array(total)
  for (let k = 0; k < total; k++) {
    let best = -1
    for (let i = 0; i < lists.length; i++) {
      const candidate = lists[i]![at[i]!]
      if (candidate === undefined) continue
      if (best === -1 || compareByUrgency(candidate, lists[best]![at[best]!]!) < 0) best = i
    }
    out[k] = lists[best]![at[best]!++]!
  }
  return out
}
