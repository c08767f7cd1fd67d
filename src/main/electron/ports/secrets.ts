/**
 * The SecretStore of the Electron shell: the OS keychain (keytar) first; where no keychain is
 * usable, Electron `safeStorage` encrypting a file under userData (never the settings file) —
 * with the `basic_text` backend (a fixed key) only after the user consented. The consent is
 * remembered in a small file beside the blob, so a restart tells the same story.
 */
import fs from 'node:fs'
import { dirname, join } from 'node:path'
import type { SafeStorage } from 'electron'
import { KEYCHAIN_SERVICE } from '@main/engine/ports'
import { createFallbackSecretStore, type ConsentingSecretStore, type FallbackConsent } from '@main/engine/secrets'
import { createEncryptedFileSecretStore, createKeytarSecretStore, type EncryptedBlobStore } from '@main/node'

export const SECRETS_DIR = 'secrets'
export const ENCRYPTED_KEY_FILE = 'api-key.safe-storage.json'
export const CONSENT_FILE = 'weak-storage-consent.json'

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>

/** safeStorage as the platform's cipher interface. Its backend name only exists on Linux. */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): EncryptedBlobStore {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'darwin' ? 'keychain' : 'dpapi'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data)
  }
}

/** Consent to the weak fallback, kept as a marker file (owner-only). */
export function createFileConsent(file: string): FallbackConsent {
  return {
    isGranted: () => fs.existsSync(file),
    grant: () => {
      fs.mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      fs.writeFileSync(file, JSON.stringify({ grantedAt: new Date().toISOString() }), { mode: 0o600 })
    },
    revoke: () => fs.rmSync(file, { force: true })
  }
}

export function createElectronSecretStore(options: { safeStorage: SafeStorageLike; userDataDir: string; platform: NodeJS.Platform }): ConsentingSecretStore {
  const dir = join(options.userDataDir, SECRETS_DIR)
  const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE, platform: options.platform })
  const encryptedFile = createEncryptedFileSecretStore({ cipher: safeStorageCipher(options.safeStorage, options.platform), file: join(dir, ENCRYPTED_KEY_FILE) })
  return createFallbackSecretStore(keychain, encryptedFile, createFileConsent(join(dir, CONSENT_FILE)))
}
