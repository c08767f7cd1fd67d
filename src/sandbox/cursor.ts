import { z } from 'zod'
import type { PagePosition } from './db/paging'
import { badRequest } from './http/errors'
import { signPayload, verifyPayload } from './signing'

export type ListKind = 'studies' | 'users' | 'invitations'

const CursorPayload = z.object({ k: z.enum(['studies', 'users', 'invitations']), c: z.string(), i: z.string() })

/** A signed cursor carrying the (createdAt, id) of the last item of a page. */
export function encodeCursor(secret: string, kind: ListKind, position: PagePosition): string {
  return signPayload(secret, { k: kind, c: position.createdAt, i: position.id })
}

/** Undefined for "first page"; a 400 for anything this sandbox did not issue for this list. */
export function decodeCursor(secret: string, kind: ListKind, cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined || cursor === '') return undefined
  const parsed = CursorPayload.safeParse(verifyPayload(secret, cursor))
  if (!parsed.success || parsed.data.k !== kind) {
    throw badRequest('cursor: not a cursor issued by this server for this list; pass the cursor of the previous page unchanged', 'invalid_cursor')
  }
  return { createdAt: parsed.data.c, id: parsed.data.i }
}
