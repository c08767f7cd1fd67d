import type { Db } from './database'

/** Position of the last item of a page: lists are ordered by (createdAt DESC, id DESC). */
export interface PagePosition {
  createdAt: string
  id: string
}

export interface PageRequest {
  after?: PagePosition
  limit: number
}

export interface PageResult<R> {
  rows: R[]
  hasMore: boolean
}

/**
 * Keyset paging: `(created_at, id) < (after)` in newest-first order, fetching one extra row to
 * know whether more exist. Rows inserted meanwhile never shift or repeat items across pages.
 */
export class PagedQuery {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>()

  constructor(private readonly db: Db) {}

  run<R>(select: string, alias: string, where: string[], params: unknown[], page: PageRequest): PageResult<R> {
    const conditions = [...where]
    const values = [...params]
    if (page.after) {
      conditions.push(`(${alias}.created_at, ${alias}.id) < (?, ?)`)
      values.push(page.after.createdAt, page.after.id)
    }
    const sql =
      `${select}${conditions.length ? ' WHERE ' + conditions.join(' AND ') : ''}` +
      ` ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ?`
    values.push(page.limit + 1)
    const rows = this.prepare(sql).all(values) as R[]
    const hasMore = rows.length > page.limit
    return { rows: hasMore ? rows.slice(0, page.limit) : rows, hasMore }
  }

  private prepare(sql: string) {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** A LIKE pattern for a literal "contains" match; pair it with `ESCAPE '\\'`. */
export function containsPattern(text: string): string {
  return '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%'
}
