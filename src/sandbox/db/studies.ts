import type { Severity, StudyViewerStatus } from '@shared/avara/contract'
import { updateRow, type Db } from './database'
import { containsPattern, PagedQuery, type PageRequest, type PageResult } from './paging'

export interface StudyRecord {
  id: string
  study_instance_uid: string
  study_description: string
  severity: string
  viewer_status: string
  is_cancelled: number
  cancelled_at: string | null
  created_at: string
  updated_at: string
  assigned_to: string | null
  created_by_api_key_id: string | null
  created_by_user_id: string | null
  express_customer_id: string | null
  metadata: string | null
}

/** A study with the columns of its references (assignee, creator, API key, customer) joined in. */
export interface StudyRow extends StudyRecord {
  a_email: string | null
  a_first: string | null
  a_last: string | null
  a_middle: string | null
  a_s1: string | null
  a_s2: string | null
  c_email: string | null
  c_first: string | null
  c_last: string | null
  c_middle: string | null
  c_s1: string | null
  c_s2: string | null
  k_description: string | null
  k_viewer: number | null
  x_name: string | null
}

const SELECT_STUDY = `SELECT s.*,
  a.email AS a_email, a.first_name AS a_first, a.last_name AS a_last, a.middle_name AS a_middle, a.suffix1 AS a_s1, a.suffix2 AS a_s2,
  c.email AS c_email, c.first_name AS c_first, c.last_name AS c_last, c.middle_name AS c_middle, c.suffix1 AS c_s1, c.suffix2 AS c_s2,
  k.description AS k_description, k.is_viewer_enabled AS k_viewer,
  x.name AS x_name
FROM studies s
LEFT JOIN users a ON a.id = s.assigned_to
LEFT JOIN users c ON c.id = s.created_by_user_id
LEFT JOIN api_keys k ON k.id = s.created_by_api_key_id
LEFT JOIN express_customers x ON x.id = s.express_customer_id`

export interface StudyFilters {
  /** null = unassigned */
  assignedTo?: string | null
  /** null = no customer */
  expressCustomerId?: string | null
  isCancelled?: boolean | null
  severity?: Severity
  studyDescription?: string
  studyViewerStatus?: StudyViewerStatus
}

export interface NewStudy {
  id: string
  studyInstanceUid: string
  studyDescription: string
  severity: Severity
  viewerStatus: StudyViewerStatus
  isCancelled: boolean
  cancelledAt: string | null
  createdAt: string
  updatedAt: string
  assignedTo: string | null
  createdByApiKeyId: string | null
  createdByUserId: string | null
  expressCustomerId: string | null
  metadata: Record<string, string> | null
}

/** Column changes for an update; `updated_at` is always set by the caller. */
export type StudyChanges = Partial<Pick<StudyRecord,
  'study_description' | 'severity' | 'viewer_status' | 'is_cancelled' | 'cancelled_at' | 'assigned_to' | 'metadata'>> & { updated_at: string }

export class StudyStore {
  private readonly paged: PagedQuery
  private readonly byId
  private readonly byUid
  private readonly insertStatement

  constructor(private readonly db: Db) {
    this.paged = new PagedQuery(db)
    this.byId = db.prepare(`${SELECT_STUDY} WHERE s.id = ?`)
    this.byUid = db.prepare(`${SELECT_STUDY} WHERE s.study_instance_uid = ?`)
    this.insertStatement = db.prepare(`INSERT INTO studies (id, study_instance_uid, study_description, severity, viewer_status,
      is_cancelled, cancelled_at, created_at, updated_at, assigned_to, created_by_api_key_id, created_by_user_id, express_customer_id, metadata)
      VALUES (@id, @studyInstanceUid, @studyDescription, @severity, @viewerStatus, @isCancelled, @cancelledAt, @createdAt, @updatedAt,
      @assignedTo, @createdByApiKeyId, @createdByUserId, @expressCustomerId, @metadata)`)
  }

  get(id: string): StudyRow | undefined {
    return this.byId.get(id) as StudyRow | undefined
  }

  getByUid(uid: string): StudyRow | undefined {
    return this.byUid.get(uid) as StudyRow | undefined
  }

  insert(study: NewStudy): void {
    this.insertStatement.run({
      ...study,
      isCancelled: study.isCancelled ? 1 : 0,
      metadata: study.metadata && Object.keys(study.metadata).length > 0 ? JSON.stringify(study.metadata) : null
    })
  }

  update(id: string, changes: StudyChanges): void {
    updateRow(this.db, 'studies', id, changes)
  }

  list(filters: StudyFilters, page: PageRequest): PageResult<StudyRow> {
    const where: string[] = []
    const params: unknown[] = []
    if (filters.assignedTo === null) where.push('s.assigned_to IS NULL')
    else if (filters.assignedTo !== undefined) {
      where.push('s.assigned_to = ?')
      params.push(filters.assignedTo)
    }
    if (filters.expressCustomerId === null) where.push('s.express_customer_id IS NULL')
    else if (filters.expressCustomerId !== undefined) {
      where.push('s.express_customer_id = ?')
      params.push(filters.expressCustomerId)
    }
    if (typeof filters.isCancelled === 'boolean') {
      where.push('s.is_cancelled = ?')
      params.push(filters.isCancelled ? 1 : 0)
    }
    if (filters.severity) {
      where.push('s.severity = ?')
      params.push(filters.severity)
    }
    if (filters.studyViewerStatus) {
      where.push('s.viewer_status = ?')
      params.push(filters.studyViewerStatus)
    }
    if (filters.studyDescription) {
      where.push("s.study_description LIKE ? ESCAPE '\\'")
      params.push(containsPattern(filters.studyDescription))
    }
    return this.paged.run<StudyRow>(SELECT_STUDY, 's', where, params, page)
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM studies').get() as { n: number }).n
  }
}

/** Open work (incomplete, not cancelled), newest first: what the simulator acts on. */
export function openStudies(db: Db, limit: number): Array<Pick<StudyRecord, 'id' | 'severity' | 'assigned_to' | 'updated_at'>> {
  return db
    .prepare("SELECT id, severity, assigned_to, updated_at FROM studies WHERE viewer_status = 'incomplete' AND is_cancelled = 0 ORDER BY created_at DESC, id DESC LIMIT ?")
    .all(limit) as Array<Pick<StudyRecord, 'id' | 'severity' | 'assigned_to' | 'updated_at'>>
}
