/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager, libsecret on Linux).
 * keytar is loaded lazily and every failure (module missing, no D-Bus, no Secret Service, locked
 * collection) becomes a `describe()` answer with a reason and a fix: a broken keychain never
 * crashes start-up. Thrown errors are SecretStoreErrors with our own wording, never the secret.
 */
import type { KeyStorageInfo } from '@shared/ipc/contract'
import type { SecretStore } from '@main/engine/ports'
import { registerSecret } from '@main/engine/logging/redact'
import { SecretStoreError } from '@main/engine/secrets/errors'
import { describeKeychainFailure, KEYCHAIN_TIMEOUT, KEYTAR_MISSING, keychainLabel, type KeychainProblem } from '@main/engine/secrets/keychain-problems'

/** The part of keytar we use. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarSecretStoreOptions {
  service: string
  /** Injected for tests of the failure mapping; default `import('keytar')`. */
  load?: () => Promise<KeytarModule>
  platform?: NodeJS.Platform
  /** How long one keychain call may take before it counts as unavailable; default 10 s. */
  timeoutMs?: number
}

const PROBE_ACCOUNT = 'reading-room-companion.probe'

async function importKeytar(): Promise<KeytarModule> {
  const imported = (await import('keytar')) as unknown as KeytarModule & { default?: KeytarModule }
  return imported.default ?? imported
}

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout('timeout')), ms)
    timer.unref?.()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export function createKeytarSecretStore(options: KeytarSecretStoreOptions): SecretStore {
  const platform = options.platform ?? process.platform
  const timeoutMs = options.timeoutMs ?? 10_000
  const label = keychainLabel(platform)
  let loaded: Promise<KeytarModule> | null = null
  /** Once a probe succeeded the keychain is known to work; failures are probed again (the user may fix them). */
  let known: KeyStorageInfo | null = null

  const load = (): Promise<KeytarModule> => {
    loaded ??= (options.load ?? importKeytar)().catch((error: unknown) => {
      loaded = null
      throw error
    })
    return loaded
  }

  const problemOf = (error: unknown): KeychainProblem => (error instanceof Timeout ? KEYCHAIN_TIMEOUT : describeKeychainFailure(error, platform))

  async function run<T>(what: string, action: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    let keytar: KeytarModule
    try {
      keytar = await load()
    } catch {
      throw new SecretStoreError('unavailable', KEYTAR_MISSING.reason, KEYTAR_MISSING.fix)
    }
    try {
      return await withTimeout(action(keytar), timeoutMs)
    } catch (error) {
      known = null
      const problem = problemOf(error)
      throw new SecretStoreError('unavailable', `Could not ${what} the key in the ${label}: ${problem.reason}`, problem.fix)
    }
  }

  return {
    async describe() {
      if (known) return known
      let keytar: KeytarModule
      try {
        keytar = await load()
      } catch {
        return { kind: 'none', label: 'Not stored: no usable keychain', problem: KEYTAR_MISSING, fallbackNeedsConsent: false }
      }
      try {
        // A lookup works even when the default collection is locked or missing, so on Linux a
        // write and delete of a probe item is what tells a usable keyring apart.
        await withTimeout(keytar.getPassword(options.service, PROBE_ACCOUNT), timeoutMs)
        if (platform === 'linux') {
          await withTimeout(keytar.setPassword(options.service, PROBE_ACCOUNT, 'probe'), timeoutMs)
          await withTimeout(keytar.deletePassword(options.service, PROBE_ACCOUNT), timeoutMs)
        }
        known = { kind: 'keychain', label, problem: null, fallbackNeedsConsent: false }
        return known
      } catch (error) {
        return { kind: 'none', label: 'Not stored: no usable keychain', problem: problemOf(error), fallbackNeedsConsent: false }
      }
    },
    async get(account) {
      const secret = await run('read', (keytar) => keytar.getPassword(options.service, account))
      if (secret) registerSecret(secret)
      return secret
    },
    async set(account, secret) {
      registerSecret(secret)
      await run('save', (keytar) => keytar.setPassword(options.service, account, secret))
    },
    async delete(account) {
      await run('delete', (keytar) => keytar.deletePassword(options.service, account))
    }
  }
}
