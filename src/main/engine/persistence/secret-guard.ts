/**
 * The persisted state must never hold the API key. Settings files are copied into support
 * tickets and backups, so a write containing anything key-like is refused outright.
 */
import { containsRegisteredSecret } from '../logging/redact'

/** The documented Avara key shape (`sk_live_` + 32 hex) and its test twin, plus webhook secrets. */
const KEY_LIKE = /(?:sk_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{16,})/

/** The path of the first string (key or value) in `value` that looks like an API key or a registered secret, or null. */
export function findSecretLikeValue(value: unknown, path = '$'): string | null {
  if (typeof value === 'string') return KEY_LIKE.test(value) || containsRegisteredSecret(value) ? path : null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findSecretLikeValue(value[index], `${path}[${index}]`)
      if (found) return found
    }
    return null
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (KEY_LIKE.test(key) || containsRegisteredSecret(key)) return `${path}.<key>`
      const found = findSecretLikeValue(child, `${path}.${key}`)
      if (found) return found
    }
  }
  return null
}

export class SecretInStateError extends Error {
  constructor(readonly path: string) {
    super(`Refused to save settings: the value at ${path} looks like an API key (keys live only in the keychain).`)
    this.name = 'SecretInStateError'
  }
}
