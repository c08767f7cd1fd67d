/**
 * The keychain first; an encrypted-file fallback (safeStorage) only when the keychain is unusable
 * and, for a weak cipher (basic_text), only after the user consented. Never plaintext without
 * consent. `describe()` tells honestly which of the two holds the key.
 */
import type { KeyStorageInfo } from '@shared/ipc/contract'
import type { SecretStore } from '../ports'
import { SecretStoreError } from './errors'

/** The encrypted-file store the fallback wraps (src/main/node/secrets/encrypted-file-store.ts). */
export interface EncryptedFileSecretStore extends SecretStore {
  /** True when the cipher is weak (basic_text) and the user must agree before a key is stored. */
  needsConsent(): boolean
  /** True when the cipher can encrypt at all. */
  isUsable(): boolean
}

/** Remembers the user's consent to the weak fallback (a file in the profile, or memory). */
export interface FallbackConsent {
  isGranted(): boolean
  grant(): void
  revoke(): void
}

export function createMemoryConsent(initial = false): FallbackConsent {
  let granted = initial
  return { isGranted: () => granted, grant: () => void (granted = true), revoke: () => void (granted = false) }
}

/** A SecretStore that can be told the user consented to the fallback (the core calls it for `allowFallbackStorage`). */
export interface ConsentingSecretStore extends SecretStore {
  consentToFallback(): Promise<void>
}

export function createFallbackSecretStore(primary: SecretStore, fallback: EncryptedFileSecretStore, consent: FallbackConsent = createMemoryConsent()): ConsentingSecretStore {
  async function primaryWorks(): Promise<KeyStorageInfo> {
    return primary.describe()
  }
  const fallbackAllowed = (): boolean => fallback.isUsable() && (!fallback.needsConsent() || consent.isGranted())

  return {
    async consentToFallback() {
      consent.grant()
    },
    async describe() {
      const main = await primaryWorks()
      if (main.kind === 'keychain') return main
      if (!fallback.isUsable()) return main
      // Where the key goes (or would go, once the user agrees): the keychain's problem stays
      // visible so the UI can say why the weaker place is used.
      const info = await fallback.describe()
      return { ...info, problem: main.problem, fallbackNeedsConsent: !fallbackAllowed() }
    },
    async get(account) {
      if ((await primaryWorks()).kind === 'keychain') {
        const secret = await primary.get(account)
        if (secret !== null) return secret
      }
      return fallback.isUsable() ? fallback.get(account) : null
    },
    async set(account, secret) {
      const main = await primaryWorks()
      if (main.kind === 'keychain') {
        await primary.set(account, secret)
        // No stale copy in the weaker store once the keychain holds the key.
        await fallback.delete(account).catch(() => undefined)
        return
      }
      if (fallbackAllowed()) return fallback.set(account, secret)
      if (fallback.isUsable()) {
        throw new SecretStoreError('consent-required', `${main.problem?.reason ?? 'No keychain is usable.'} The key can be kept in a weakly encrypted file only if you agree.`, main.problem?.fix ?? null)
      }
      throw new SecretStoreError('unavailable', main.problem?.reason ?? 'No keychain is usable.', main.problem?.fix ?? null)
    },
    async delete(account) {
      // Both places, so signing out leaves no copy anywhere; a broken keychain must not block
      // removing the fallback copy, but a working keychain that fails to delete is an error.
      const keychainWorks = (await primaryWorks()).kind === 'keychain'
      const [fromPrimary, fromFallback] = await Promise.allSettled([primary.delete(account), fallback.delete(account)])
      if ((keychainWorks && fromPrimary.status === 'rejected') || fromFallback.status === 'rejected') {
        throw new SecretStoreError('failed', 'The key could not be removed.')
      }
    }
  }
}
