/**
 * Where the state document keeps its cached studies: each account's `snapshot.mine` and
 * `snapshot.statPool`. The one walk of that shape for the write path (checks, serialisation,
 * counting), so the lists and their paths are spelled once.
 */
import { isRecord } from '@main/engine/persistence/is-record'

/** One cached study list, where it sits in the document. */
export interface CachedList {
  account: number
  key: 'mine' | 'statPool'
  /** Its path in the document, as error messages and logs name it. */
  path: string
  list: unknown[]
}

/**
 * The document with each cached study list replaced by `standIn(n)` (n counts the lists), and the
 * lists taken out in document order. The document itself is not changed.
 */
export function takeOutCachedLists(document: unknown, standIn: (n: number) => unknown): { rest: unknown; lists: CachedList[] } {
  const lists: CachedList[] = []
  if (!isRecord(document) || !Array.isArray(document.accounts)) return { rest: document, lists }
  const accounts = document.accounts.map((account: unknown, index) => {
    if (!isRecord(account) || !isRecord(account.snapshot)) return account
    const snapshot = { ...account.snapshot }
    for (const key of ['mine', 'statPool'] as const) {
      const list = snapshot[key]
      if (!Array.isArray(list)) continue
      snapshot[key] = standIn(lists.length)
      lists.push({ account: index, key, path: `$.accounts[${index}].snapshot.${key}`, list })
    }
    return { ...account, snapshot }
  })
  return { rest: { ...document, accounts }, lists }
}

/** How many cached studies the document holds (every account's queue and pool). */
export function cachedStudyCount(document: unknown): number {
  return takeOutCachedLists(document, () => null).lists.reduce((count, { list }) => count + list.length, 0)
}
