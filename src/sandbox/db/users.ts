import type { InvitedSource, UserLevel } from '@shared/avara/contract'
import { updateRow, type Db } from './database'
import { containsPattern, PagedQuery, type PageRequest, type PageResult } from './paging'

export interface UserRow {
  id: string
  email: string
  first_name: string
  last_name: string
  middle_name: string | null
  phone_number: string | null
  suffix1: string | null
  suffix2: string | null
  can_manage_studies: number
  clinic_role: string
  has_dashboard_access: number
  invited_source: string
  level: string
  created_at: string
  updated_at: string
  last_login_at: string | null
  active: number
}

export interface UserFilters {
  email?: string
  firstName?: string
  lastName?: string
  level?: UserLevel
  invitedSource?: InvitedSource
}

/** The person fields shared by users and invitations (column names). */
export type PersonColumns = Pick<UserRow,
  'first_name' | 'last_name' | 'middle_name' | 'phone_number' | 'suffix1' | 'suffix2' |
  'can_manage_studies' | 'clinic_role' | 'has_dashboard_access' | 'level'>

export class UserStore {
  private readonly paged: PagedQuery
  private readonly byId
  private readonly byEmail
  private readonly insertStatement

  constructor(private readonly db: Db) {
    this.paged = new PagedQuery(db)
    this.byId = db.prepare('SELECT * FROM users WHERE id = ?')
    this.byEmail = db.prepare('SELECT * FROM users WHERE email = ? COLLATE NOCASE')
    this.insertStatement = db.prepare(`INSERT INTO users (id, email, first_name, last_name, middle_name, phone_number, suffix1, suffix2,
      can_manage_studies, clinic_role, has_dashboard_access, invited_source, level, created_at, updated_at, last_login_at, active)
      VALUES (@id, @email, @first_name, @last_name, @middle_name, @phone_number, @suffix1, @suffix2, @can_manage_studies, @clinic_role,
      @has_dashboard_access, @invited_source, @level, @created_at, @updated_at, @last_login_at, @active)`)
  }

  get(id: string): UserRow | undefined {
    return this.byId.get(id) as UserRow | undefined
  }

  getByEmail(email: string): UserRow | undefined {
    return this.byEmail.get(email) as UserRow | undefined
  }

  insert(user: UserRow): void {
    this.insertStatement.run(user)
  }

  update(id: string, changes: Partial<UserRow> & { updated_at: string }): void {
    updateRow(this.db, 'users', id, changes)
  }

  list(filters: UserFilters, page: PageRequest): PageResult<UserRow> {
    const where: string[] = []
    const params: unknown[] = []
    if (filters.email !== undefined) {
      where.push('u.email = ? COLLATE NOCASE')
      params.push(filters.email)
    }
    if (filters.firstName) {
      where.push("u.first_name LIKE ? ESCAPE '\\'")
      params.push(containsPattern(filters.firstName))
    }
    if (filters.lastName) {
      where.push("u.last_name LIKE ? ESCAPE '\\'")
      params.push(containsPattern(filters.lastName))
    }
    if (filters.level) {
      where.push('u.level = ?')
      params.push(filters.level)
    }
    if (filters.invitedSource) {
      where.push('u.invited_source = ?')
      params.push(filters.invitedSource)
    }
    return this.paged.run<UserRow>('SELECT u.* FROM users u', 'u', where, params, page)
  }
}

/** Active users with a clinic role, oldest first (stable for seeded choices). */
export function activeUsersWithRole(db: Db, role: string): UserRow[] {
  return db.prepare('SELECT * FROM users WHERE clinic_role = ? AND active = 1 ORDER BY created_at, id').all(role) as UserRow[]
}
