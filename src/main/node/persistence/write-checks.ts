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
import { takeOutCachedLists } from './cached-lists'

/** The document with every cached study list emptied, and the lists taken out. */
const withoutCachedStudies = (document: unknown) => takeOutCachedLists(document, () => [])

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
    this.#forgetIfSecretsChanged()
    const { rest, lists } = withoutCachedStudies(document)
    const outside = findSecretLikeValue(rest)
    if (outside) return outside
    for (const { path, list } of lists) {
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
  for (const { account, key, list } of lists) {
    const snapshot = accounts[account]?.snapshot
    if (snapshot) snapshot[key] = list as typeof snapshot.mine
  }
  return parsed
}
