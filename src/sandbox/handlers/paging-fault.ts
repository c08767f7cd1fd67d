/**
 * The list answers of the `pagination` fault: what a misbehaving server sends, so clients can be
 * tested against it over HTTP (docs/sandbox.md, "Faults").
 */
import type { OperationName } from '@shared/avara/contract'
import type { PaginationFault } from '../faults'

/** The items key of each list operation (docs/avara-viewer-api.md §5). */
const LIST_ITEMS_KEY: Partial<Record<OperationName, string>> = {
  'studies.list': 'studies',
  'users.list': 'users',
  'users.invitations.list': 'invitations'
}

/** The cursor every faulty page names; the fault ignores cursors, so the sandbox need not verify it. */
export const FAULT_CURSOR = 'sandbox-fault-cursor'

export function isListOperation(operation: string): boolean {
  return operation in LIST_ITEMS_KEY
}

/** Drops the request's cursor: `repeatCursor` always answers with the first page. */
export function withoutCursor(search: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(search)
  copy.delete('cursor')
  return copy
}

/** The faulty page built from the real first page (`repeatCursor`) or from nothing (`emptyPageClaimsMore`). */
export function faultyPage(fault: PaginationFault, operation: string, firstPage: Record<string, unknown>): Record<string, unknown> {
  const key = LIST_ITEMS_KEY[operation as OperationName] ?? 'items'
  const items = fault === 'repeatCursor' ? firstPage[key] : []
  return { [key]: items, cursor: FAULT_CURSOR, hasMore: true }
}
