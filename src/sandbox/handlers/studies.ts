import {
  isDicomUid, LIST_LIMITS, StudyCreateParamsSchema, StudyListParamsSchema, StudyLocatorParamsSchema,
  StudyUpdateParamsSchema
} from '@shared/avara/contract'
import type { OperationHandler, SandboxContext } from '../context'
import { decodeCursor, encodeCursor } from '../cursor'
import type { StudyChanges, StudyRow } from '../db/studies'
import { badRequest, conflict, notFound } from '../http/errors'
import { newId } from '../ids'
import { viewerUrlFor } from '../reroute'
import { studyToWire } from '../serialize'
import { parseInput } from './parse'

function requireStudy(ctx: SandboxContext, studyId: string): StudyRow {
  const row = ctx.store.studies.get(studyId)
  if (!row) throw notFound(`No study with studyId ${studyId}`, 'study_not_found')
  return row
}

function requireAssignee(ctx: SandboxContext, userId: string): void {
  if (!ctx.store.users.get(userId)) throw notFound(`assignedTo: no user with userId ${userId}`, 'user_not_found')
}

/** Cancel, uncancel and reroute-url find the study by `studyId` or `studyInstanceUid` (they must agree). */
function locateStudy(ctx: SandboxContext, body: unknown): StudyRow {
  const { studyId, studyInstanceUid } = parseInput(StudyLocatorParamsSchema, body, 'body')
  if (!studyId && !studyInstanceUid) throw badRequest('Give studyId or studyInstanceUid', 'missing_study_locator')
  const byId = studyId ? ctx.store.studies.get(studyId) : undefined
  const byUid = studyInstanceUid ? ctx.store.studies.getByUid(studyInstanceUid) : undefined
  if (studyId && studyInstanceUid) {
    if (byId && byUid && byId.id !== byUid.id) {
      throw badRequest('studyId and studyInstanceUid name different studies', 'study_locator_mismatch')
    }
    if (!byId || !byUid) {
      if (byId || byUid) throw badRequest('studyId and studyInstanceUid name different studies', 'study_locator_mismatch')
      throw notFound(`No study with studyId ${studyId}`, 'study_not_found')
    }
  }
  const found = byId ?? byUid
  if (!found) {
    throw notFound(studyId ? `No study with studyId ${studyId}` : `No study with studyInstanceUid ${studyInstanceUid}`, 'study_not_found')
  }
  return found
}

export const createStudy: OperationHandler = (ctx, input) => {
  const params = parseInput(StudyCreateParamsSchema, input.body, 'body')
  if (params.assignedTo) requireAssignee(ctx, params.assignedTo)
  if (params.expressCustomerId && !ctx.store.expressCustomer(params.expressCustomerId)) {
    throw notFound(`expressCustomerId: no Express customer ${params.expressCustomerId}`, 'express_customer_not_found')
  }
  if (ctx.store.studies.getByUid(params.studyInstanceUid)) {
    throw conflict(`A study with studyInstanceUid ${params.studyInstanceUid} already exists`, 'duplicate_study_instance_uid')
  }
  const now = ctx.stamps.next()
  const id = ctx.nextStudyId ?? newId('study')
  ctx.nextStudyId = null
  ctx.store.studies.insert({
    id,
    studyInstanceUid: params.studyInstanceUid,
    studyDescription: params.studyDescription,
    severity: params.severity,
    viewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
    assignedTo: params.assignedTo ?? null,
    createdByApiKeyId: input.apiKey.id,
    createdByUserId: null,
    expressCustomerId: params.expressCustomerId ?? null,
    metadata: params.metadata ?? null
  })
  return { status: 201, body: studyToWire(requireStudy(ctx, id)) }
}

export const listStudies: OperationHandler = (ctx, input) => {
  const { cursor, limit, ...filters } = parseInput(StudyListParamsSchema, input.query, 'query')
  const after = decodeCursor(ctx.cursorSecret, 'studies', cursor)
  const page = ctx.store.studies.list(filters, { after, limit: limit ?? LIST_LIMITS.default })
  const last = page.rows[page.rows.length - 1]
  return {
    status: 200,
    body: {
      studies: page.rows.map(studyToWire),
      hasMore: page.hasMore,
      ...(page.hasMore && last ? { cursor: encodeCursor(ctx.cursorSecret, 'studies', { createdAt: last.created_at, id: last.id }) } : {})
    }
  }
}

export const retrieveStudy: OperationHandler = (ctx, input) => ({
  status: 200,
  body: studyToWire(requireStudy(ctx, input.params.studyId ?? ''))
})

export const retrieveStudyByUid: OperationHandler = (ctx, input) => {
  const uid = input.params.studyInstanceUid ?? ''
  if (!isDicomUid(uid)) {
    throw badRequest('studyInstanceUid: must be a DICOM UID: digits and dots, at most 64 characters, no empty component, no leading zeros', 'validation_error')
  }
  const row = ctx.store.studies.getByUid(uid)
  if (!row) throw notFound(`No study with studyInstanceUid ${uid}`, 'study_not_found')
  return { status: 200, body: studyToWire(row) }
}

export const updateStudy: OperationHandler = (ctx, input) => {
  const study = requireStudy(ctx, input.params.studyId ?? '')
  const params = parseInput(StudyUpdateParamsSchema, input.body, 'body')
  if (params.assignedTo) requireAssignee(ctx, params.assignedTo)
  // An empty update changes nothing, so updatedAt stays put.
  if (Object.keys(params).length === 0) return { status: 200, body: studyToWire(study) }
  const changes: StudyChanges = { updated_at: ctx.stamps.next(study.updated_at) }
  if (params.assignedTo !== undefined) changes.assigned_to = params.assignedTo
  if (params.metadata !== undefined) {
    changes.metadata = params.metadata && Object.keys(params.metadata).length > 0 ? JSON.stringify(params.metadata) : null
  }
  if (params.severity !== undefined) changes.severity = params.severity
  if (params.studyDescription !== undefined) changes.study_description = params.studyDescription
  if (params.studyViewerStatus !== undefined) changes.viewer_status = params.studyViewerStatus
  ctx.store.studies.update(study.id, changes)
  return { status: 200, body: studyToWire(requireStudy(ctx, study.id)) }
}

export const cancelStudy: OperationHandler = (ctx, input) => {
  const study = locateStudy(ctx, input.body)
  if (study.is_cancelled === 1) throw conflict(`Study ${study.id} is already cancelled`, 'study_already_cancelled')
  const now = ctx.stamps.next(study.updated_at)
  ctx.store.studies.update(study.id, { is_cancelled: 1, cancelled_at: now, updated_at: now })
  return { status: 200, body: { success: true, message: `Study ${study.id} cancelled` } }
}

export const uncancelStudy: OperationHandler = (ctx, input) => {
  const study = locateStudy(ctx, input.body)
  if (study.is_cancelled !== 1) throw conflict(`Study ${study.id} is not cancelled`, 'study_not_cancelled')
  ctx.store.studies.update(study.id, { is_cancelled: 0, cancelled_at: null, updated_at: ctx.stamps.next(study.updated_at) })
  return { status: 200, body: { success: true, message: `Study ${study.id} uncancelled` } }
}

export const rerouteStudyUrl: OperationHandler = (ctx, input) => {
  const study = locateStudy(ctx, input.body)
  return { status: 200, body: { url: viewerUrlFor(ctx, study.id) } }
}
