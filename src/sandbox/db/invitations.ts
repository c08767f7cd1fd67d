import type { InvitationStatus } from '@shared/avara/contract'
import { updateRow, type Db } from './database'
import { PagedQuery, type PageRequest, type PageResult } from './paging'

export interface InvitationRow {
  id: string
  user_id: string
  clinic_id: string
  email: string
  first_name: string
  last_name: string
  middle_name: string | null
  phone_number: string | null
  suffix1: string | null
  suffix2: string | null
  can_manage_studies: number
  has_dashboard_access: number
  clinic_role: string
  level: string
  status: string
  invited_source: string
  created_at: string
  updated_at: string
  expiry: string | null
  inviter_id: string | null
  invited_by_api_key_id: string | null
}

export interface InvitationFilters {
  status?: InvitationStatus[]
  /** Judged on `expiry` against `now`. */
  expired?: { mode: 'expired' | 'not-expired'; now: string }
  /** Inclusive bounds on createdAt, as ISO timestamps. */
  createdFrom?: string
  createdBefore?: string
  userId?: string
}

export class InvitationStore {
  private readonly paged: PagedQuery
  private readonly byId
  private readonly pendingByUser
  private readonly insertStatement

  constructor(private readonly db: Db) {
    this.paged = new PagedQuery(db)
    this.byId = db.prepare('SELECT * FROM invitations WHERE id = ?')
    this.pendingByUser = db.prepare("SELECT * FROM invitations WHERE user_id = ? AND status = 'sent' ORDER BY created_at DESC, id DESC LIMIT 1")
    this.insertStatement = db.prepare(`INSERT INTO invitations (id, user_id, clinic_id, email, first_name, last_name, middle_name,
      phone_number, suffix1, suffix2, can_manage_studies, has_dashboard_access, clinic_role, level, status, invited_source, created_at,
      updated_at, expiry, inviter_id, invited_by_api_key_id)
      VALUES (@id, @user_id, @clinic_id, @email, @first_name, @last_name, @middle_name, @phone_number, @suffix1, @suffix2,
      @can_manage_studies, @has_dashboard_access, @clinic_role, @level, @status, @invited_source, @created_at, @updated_at, @expiry,
      @inviter_id, @invited_by_api_key_id)`)
  }

  get(id: string): InvitationRow | undefined {
    return this.byId.get(id) as InvitationRow | undefined
  }

  /** The user's invitation that is still `sent` (newest, if several). */
  pendingFor(userId: string): InvitationRow | undefined {
    return this.pendingByUser.get(userId) as InvitationRow | undefined
  }

  insert(invitation: InvitationRow): void {
    this.insertStatement.run(invitation)
  }

  update(id: string, changes: Partial<InvitationRow> & { updated_at: string }): void {
    updateRow(this.db, 'invitations', id, changes)
  }

  list(filters: InvitationFilters, page: PageRequest): PageResult<InvitationRow> {
    const where: string[] = []
    const params: unknown[] = []
    if (filters.status && filters.status.length > 0) {
      where.push(`i.status IN (${filters.status.map(() => '?').join(', ')})`)
      params.push(...filters.status)
    }
    if (filters.expired?.mode === 'expired') {
      where.push('i.expiry IS NOT NULL AND i.expiry <= ?')
      params.push(filters.expired.now)
    } else if (filters.expired?.mode === 'not-expired') {
      where.push('(i.expiry IS NULL OR i.expiry > ?)')
      params.push(filters.expired.now)
    }
    if (filters.createdFrom) {
      where.push('i.created_at >= ?')
      params.push(filters.createdFrom)
    }
    if (filters.createdBefore) {
      where.push('i.created_at < ?')
      params.push(filters.createdBefore)
    }
    if (filters.userId) {
      where.push('i.user_id = ?')
      params.push(filters.userId)
    }
    return this.paged.run<InvitationRow>('SELECT i.* FROM invitations i', 'i', where, params, page)
  }
}
