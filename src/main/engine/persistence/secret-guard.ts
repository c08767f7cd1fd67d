/**
 * The persisted state must never hold the API key. Settings files are copied into support
 * tickets and backups, so a write containing anything key-like is refused outright.
 */
import { containsRegisteredSecret } from '../logging/redact'

/** The documented Avara key shape (`sk_live_` + 32 hex) and its test twin, plus webhook secrets. */
const KEY_LIKE = /(?:sk_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{16,})/

const looksSecret = (text: string): boolean => KEY_LIKE.test(text) || containsRegisteredSecret(text)

/** Marks a hit on a member's name rather than its value. */
const ON_KEY = Symbol('key')
type Step = string | number | typeof ON_KEY

/**
 * The steps to the first key-like string (key or value) in `value`, leaf first; null when none.
 * The path is spelled only on a hit: a clean walk allocates nothing per member (10,000 cached
 * studies are walked on the first write of a freshly loaded queue).
 */
function stepsToSecret(value: unknown): Step[] | null {
  if (typeof value === 'string') return looksSecret(value) ? [] : null
  if (typeof value !== 'object' || value === null) return null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const steps = stepsToSecret(value[index])
      if (steps) return (steps.push(index), steps)
    }
    return null
  }
  const record = value as Record<string, unknown>
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue
    if (looksSecret(key)) return [ON_KEY]
    const steps = stepsToSecret(record[key])
    if (steps) return (steps.push(key), steps)
  }
  return null
}

/** The path of the first string (key or value) in `value` that looks like an API key or a registered secret, or null. */
export function findSecretLikeValue(value: unknown, path = '$'): string | null {
  const steps = stepsToSecret(value)
  if (!steps) return null
  let spelled = path
  for (let at = steps.length - 1; at >= 0; at--) {
    const step = steps[at]!
    spelled += step === ON_KEY ? '.<key>' : typeof step === 'number' ? `[${step}]` : `.${step}`
  }
  return spelled
}

export class SecretInStateError extends Error {
  constructor(readonly path: string) {
    super(`Refused to save settings: the value at ${path} looks like an API key (keys live only in the keychain).`)
    this.name = 'SecretInStateError'
  }
}
