/**
 * One poll of a lane, as data: which requests to send (the queue lane lists the whole queue, the
 * stat lane one small page), how to fold the answer into the previous snapshot, and which studies
 * that left must be looked up to know why.
 */
import type { Study } from '@shared/avara/contract'
import type { Settings } from '@shared/ipc/contract'
import { listAllStudies, listFirstPage, lookUpStudies, type AvaraClient } from './avara-client'
import type { Lane } from './poller'
import { keepStillQueued, mergeStatLane, type Resolutions } from './queue'

export interface LaneSnapshot {
  mine: Study[]
  statPool: Study[]
}

export interface LaneResult extends LaneSnapshot {
  resolved: Resolutions
  /** True when `mine` is the whole queue as the server has it now (queue lane, all pages). */
  fullView: boolean
  requests: number
}

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

export async function pollLane(client: AvaraClient, lane: Lane, userId: string, settings: Settings, previous: LaneSnapshot): Promise<LaneResult> {
  // The pool and the identity's list are independent requests: send them together.
  const poolRequest = settings.includeUnassignedStat ? listFirstPage(client, statPoolParams()) : null
  // If the other request fails first, this one's failure must not surface as unhandled.
  poolRequest?.catch(() => undefined)
  let mine: Study[]
  let missing: Study[]
  let requests = 0
  if (lane === 'queue') {
    const all = await listAllStudies(client, queueLaneParams(userId))
    requests += all.requests
    mine = all.studies
    const present = new Set(mine.map((s) => s.studyId))
    missing = previous.mine.filter((s) => !present.has(s.studyId))
  } else {
    const stat = await listFirstPage(client, statLaneParams(userId))
    requests += stat.requests
    ;({ next: mine, missing } = mergeStatLane(previous.mine, stat.studies, stat.complete))
  }
  const pool = poolRequest ? await poolRequest : null
  if (pool) requests += pool.requests
  const resolved = await lookUpStudies(client, missing)
  requests += resolved.size
  if (lane === 'stat') {
    // Not looked up (over budget): keep them until a later poll can tell what happened.
    const unresolved = missing.filter((s) => !resolved.has(s.studyId))
    mine = [...mine, ...unresolved]
  }
  return {
    mine: keepStillQueued(mine, resolved, userId),
    statPool: pool ? pool.studies.filter((s) => s.severity === 'stat') : [],
    resolved,
    fullView: lane === 'queue',
    requests
  }
}
