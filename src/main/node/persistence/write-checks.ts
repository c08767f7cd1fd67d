/**
 * The checks on what the engine hands to `write`, at a cost that does not grow with the cached
 * queue: the secret guard skips study objects it has already checked (the WorkQueue keeps a
 * study's object while it does not change), and validation leaves out the cached studies, the
 * engine's copies of answers the Avara client validated (they are validated again on read).
 */
import type { PersistedState } from '@main/engine/ports'
import { registeredSecretsVersion } from '@main/engine/logging'
import { parsePersistedStateLeniently, type LenientParse } from '@main/engine/persistence/schema'
import { findSecretLikeValue } from '@main/engine/persistence/secret-guard'
import { isRecord } from '@main/engine/persistence/is-record'


type StudyLists = Array<{ path: string; list: unknown[] }>

/** The document with every cached study list emptied, and the lists taken out (with their paths). */
function withoutCachedStudies(document: unknown): { rest: unknown; lists: StudyLists } {
  const lists: StudyLists = []
  if (!isRecord(document) || !Array.isArray(document.accounts)) return { rest: document, lists }
  const accounts = document.accounts.map((account: unknown, index) => {
    if (!isRecord(account) || !isRecord(account.snapshot)) return account
    const snapshot = { ...account.snapshot }
    for (const key of ['mine', 'statPool'] as const) {
      const list = snapshot[key]
      if (!Array.isArray(list)) continue
      lists.push({ path: `$.accounts[${index}].snapshot.${key}`, list })
      snapshot[key] = []
    }
    return { ...account, snapshot }
  })
  return { rest: { ...document, accounts }, lists }
}

/**
 * `findSecretLikeValue` over a state document, remembering the study objects found clean. A large
 * document's studies are checked while they are serialised, a slice per turn (`checkStudy`, called
 * by `stringifyInTurns`): walking 10,000 studies not seen before took 58 ms in one turn.
 */
export class SecretGuard {
  #clean = new WeakSet<object>()
  #version = registeredSecretsVersion()

  /** A newly registered secret may be in a study checked before it existed. */
  #forgetIfSecretsChanged(): void {
    if (registeredSecretsVersion() === this.#version) return
    this.#clean = new WeakSet()
    this.#version = registeredSecretsVersion()
  }

  /** Everything but the cached studies. */
  findOutsideStudies(document: unknown): string | null {
    this.#forgetIfSecretsChanged()
    return findSecretLikeValue(withoutCachedStudies(document).rest)
  }

  /** One cached study (skipped when this object was found clean before); `path` names it in the answer. */
  checkStudy(study: unknown, path: string): string | null {
    this.#forgetIfSecretsChanged()
    const isObject = isRecord(study)
    if (isObject && this.#clean.has(study)) return null
    const found = findSecretLikeValue(study, path)
    if (!found && isObject) this.#clean.add(study)
    return found
  }

  /** The whole document, at once. */
  find(document: unknown): string | null {
    const outside = this.findOutsideStudies(document)
    if (outside) return outside
    for (const { path, list } of withoutCachedStudies(document).lists) {
      for (let index = 0; index < list.length; index++) {
        const found = this.checkStudy(list[index], `${path}[${index}]`)
        if (found) return found
      }
    }
    return null
  }
}

/** Lenient validation of everything but the cached studies, which are put back as given. */
export function parseExceptCachedStudies(document: PersistedState): LenientParse {
  const { rest, lists } = withoutCachedStudies(document)
  const parsed = parsePersistedStateLeniently(rest)
  const accounts = parsed.state.accounts
  // Accounts dropped or reshaped by the validation: the thorough path, studies included.
  if (!Array.isArray(document.accounts) || accounts.length !== document.accounts.length) return parsePersistedStateLeniently(document)
  for (const { path, list } of lists) {
    const [, index, key] = /^\$\.accounts\[(\d+)\]\.snapshot\.(mine|statPool)$/.exec(path)!
    const snapshot = accounts[Number(index)]?.snapshot
    if (snapshot) snapshot[key as 'mine' | 'statPool'] = list as typeof snapshot.mine
  }
  return parsed
}
