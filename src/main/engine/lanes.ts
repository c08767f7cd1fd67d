/**
 * What one poll of a lane fetches, as data: the queue lane lists the whole queue, the stat lane one
 * small page of the identity's stat studies, and whichever lane carries it the unassigned stat pool
 * (one page, sent in parallel). Studies that left a list are looked up to know why; which ones left
 * is the Queue's call (`missing`), asked when the list has arrived.
 */
import type { Severity, Study } from '@shared/avara/contract'
import { listAllStudies, listFirstPage, lookUpStudies, type AvaraClient, type StudyList } from './avara-client'
import type { Resolutions } from './queue'

const open = { isCancelled: false, studyViewerStatus: 'incomplete' } as const

export function queueLaneParams(userId: string) {
  return { assignedTo: userId, ...open }
}
export function statLaneParams(userId: string) {
  return { assignedTo: userId, severity: 'stat', ...open } as const
}
export function statPoolParams() {
  return { assignedTo: null, severity: 'stat', ...open } as const
}

export interface LaneRequest {
  client: AvaraClient
  userId: string
  /** Read the unassigned stat pool in this poll. */
  withPool: boolean
  /** Resolves on a later turn (ports.ts, `Clock.nextTurn`): between the queue-wide steps of a queue poll. */
  nextTurn: () => Promise<void>
}

export interface ListObservation {
  list: Study[]
  /** False when the stat page was partial: nothing may be inferred from absence. */
  complete: boolean
  resolved: Resolutions
}

export interface LaneObservation {
  /** The severities the identity's list covers; null when it is the whole queue. */
  severities: readonly Severity[] | null
  /** The identity's list (all of the queue, or its stat studies), or null when that request failed. */
  mine: ListObservation | null
  /** The pool, or null when not read or its request failed. */
  pool: Study[] | null
  requests: number
  /** Why the identity's list failed (the poll fails after what did arrive was delivered), or null. */
  error: unknown
  /** Why the pool failed, or null: reported, but it does not slow the lane (own stat studies matter most). */
  poolError: unknown
}

function combine(lists: readonly StudyList[]): StudyList {
  return { studies: lists.flatMap((l) => l.studies), complete: lists.every((l) => l.complete), requests: lists.reduce((n, l) => n + l.requests, 0) }
}

function poolRequest(request: LaneRequest) {
  const pending = request.withPool ? listFirstPage(request.client, statPoolParams()) : null
  // If the other request fails first, this one's failure must not surface as unhandled.
  pending?.catch(() => undefined)
  return pending
}

/**
 * The queue lane: every page of the identity's queue, or (with `severities`) every page of each of
 * those severities only, read concurrently through the API's severity filter. A failed lookup
 * fails the poll (retried). Finding what left and delivering each start on a turn of their own. `keep` turns each page into what the list keeps as it arrives
 * (WorkQueue.heldVersions).
 */
export async function observeQueueLane(
  request: LaneRequest,
  missing: (list: readonly Study[]) => Study[],
  severities: readonly Severity[] | null = null,
  keep?: (page: Study[]) => Study[]
): Promise<LaneObservation> {
  const pool = poolRequest(request)
  const all = severities
    ? combine(await Promise.all(severities.map((severity) => listAllStudies(request.client, { ...queueLaneParams(request.userId), severity }, keep))))
    : await listAllStudies(request.client, queueLaneParams(request.userId), keep)
  // Each step below walks up to the whole queue: a turn of its own, not one long one after the last page.
  await request.nextTurn()
  const resolved = await lookUpStudies(request.client, missing(all.studies))
  const poolResult = pool ? await pool : null
  await request.nextTurn()
  return {
    severities,
    mine: { list: all.studies, complete: true, resolved },
    pool: poolResult?.studies ?? null,
    requests: all.requests + resolved.size + (poolResult?.requests ?? 0),
    error: null,
    poolError: null
  }
}

/**
 * The stat lane: the identity's stat studies and the pool, concurrently. A part that fails does
 * not hold back the other: what arrived is delivered (and alerted), the failure reported after.
 */
export async function observeStatLane(request: LaneRequest, missing: (list: readonly Study[], complete: boolean) => Study[]): Promise<LaneObservation> {
  const [own, pool] = await Promise.allSettled([listFirstPage(request.client, statLaneParams(request.userId)), poolRequest(request)])
  let error: unknown = null
  let mine: ListObservation | null = null
  let requests = 0
  if (own.status === 'fulfilled') {
    requests += own.value.requests
    let resolved: Resolutions = new Map()
    try {
      resolved = await lookUpStudies(request.client, missing(own.value.studies, own.value.complete))
      requests += resolved.size
    } catch (lookupError) {
      // Not looked up: those studies stay until a later poll can tell what happened.
      error = lookupError
    }
    mine = { list: own.value.studies, complete: own.value.complete, resolved }
  } else {
    error = own.reason
  }
  if (pool.status === 'fulfilled' && pool.value) requests += pool.value.requests
  return {
    severities: ['stat'],
    mine,
    pool: pool.status === 'fulfilled' ? (pool.value?.studies ?? null) : null,
    requests,
    error,
    poolError: pool.status === 'rejected' ? pool.reason : null
  }
}
