import type { Db } from './database'
import { InvitationStore } from './invitations'
import { StudyStore } from './studies'
import { UserStore } from './users'

export interface ApiKeyRow {
  id: string
  secret: string
  description: string
  is_viewer_enabled: number
}

export interface ExpressCustomerRow {
  id: string
  name: string
  created_at: string
}

/** All tables of one sandbox database, behind one object the handlers receive. */
export class SandboxStore {
  readonly studies: StudyStore
  readonly users: UserStore
  readonly invitations: InvitationStore
  private readonly keyBySecret
  private readonly keyById
  private readonly customerById

  constructor(readonly db: Db) {
    this.studies = new StudyStore(db)
    this.users = new UserStore(db)
    this.invitations = new InvitationStore(db)
    this.keyBySecret = db.prepare('SELECT * FROM api_keys WHERE secret = ?')
    this.keyById = db.prepare('SELECT * FROM api_keys WHERE id = ?')
    this.customerById = db.prepare('SELECT * FROM express_customers WHERE id = ?')
  }

  apiKeyBySecret(secret: string): ApiKeyRow | undefined {
    return this.keyBySecret.get(secret) as ApiKeyRow | undefined
  }

  apiKeyById(id: string): ApiKeyRow | undefined {
    return this.keyById.get(id) as ApiKeyRow | undefined
  }

  insertApiKey(key: ApiKeyRow): void {
    this.db.prepare('INSERT INTO api_keys (id, secret, description, is_viewer_enabled) VALUES (@id, @secret, @description, @is_viewer_enabled)').run(key)
  }

  setApiKeySecret(id: string, secret: string): void {
    this.db.prepare('UPDATE api_keys SET secret = ? WHERE id = ?').run(secret, id)
  }

  expressCustomer(id: string): ExpressCustomerRow | undefined {
    return this.customerById.get(id) as ExpressCustomerRow | undefined
  }

  expressCustomers(): ExpressCustomerRow[] {
    return this.db.prepare('SELECT * FROM express_customers ORDER BY created_at, id').all() as ExpressCustomerRow[]
  }

  insertExpressCustomer(customer: ExpressCustomerRow): void {
    this.db.prepare('INSERT INTO express_customers (id, name, created_at) VALUES (@id, @name, @created_at)').run(customer)
  }

  /** Runs `fn` in one SQLite transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }
}
