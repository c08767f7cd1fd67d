/** Secrets kept in this process only (the demo's throwaway sandbox key; tests). */
import type { KeyStorageInfo } from '@shared/ipc/contract'
import type { SecretStore } from '../ports'
import { registerSecret } from '../logging/redact'

export function createMemorySecretStore(
  label = 'Memory only: forgotten when the app quits',
  problem: KeyStorageInfo['problem'] = null
): SecretStore {
  const secrets = new Map<string, string>()
  return {
    describe: async () => ({ kind: 'memory', label, problem, fallbackNeedsConsent: false }),
    get: async (account) => {
      const secret = secrets.get(account) ?? null
      if (secret) registerSecret(secret)
      return secret
    },
    set: async (account, secret) => {
      registerSecret(secret)
      secrets.set(account, secret)
    },
    delete: async (account) => {
      secrets.delete(account)
    }
  }
}
