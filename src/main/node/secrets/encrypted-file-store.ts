/**
 * Secrets encrypted by a platform cipher (Electron `safeStorage`) and kept in one owner-only file
 * under the profile, never in the settings file. The Electron shell supplies the cipher; this
 * module (plain Node) owns the file. When the cipher's backend is `basic_text` (Linux without a
 * keyring: a fixed, well-known key) the store says so and needs the user's consent before use.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { KeyStorageInfo } from '@shared/ipc/contract'
import { registerSecret } from '@main/engine/logging/redact'
import { SecretStoreError } from '@main/engine/secrets/errors'
import type { EncryptedFileSecretStore } from '@main/engine/secrets/fallback-store'

/** What the Electron shell implements with `safeStorage`. */
export interface EncryptedBlobStore {
  /** `safeStorage.isEncryptionAvailable()`. */
  isAvailable(): boolean
  /** `safeStorage.getSelectedStorageBackend()` on Linux ('basic_text', 'gnome_libsecret', 'kwallet6', …); 'keychain' / 'dpapi' elsewhere. */
  backend(): string
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

/** Backends whose "encryption" is a fixed key: usable only with consent. */
export const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown'])

export function createEncryptedFileSecretStore(options: { cipher: EncryptedBlobStore; file: string }): EncryptedFileSecretStore {
  const { cipher, file } = options
  const backend = (): string => {
    try {
      return cipher.backend()
    } catch {
      return 'unknown'
    }
  }
  const isUsable = (): boolean => {
    try {
      return cipher.isAvailable()
    } catch {
      return false
    }
  }
  const needsConsent = (): boolean => WEAK_BACKENDS.has(backend())

  function readAll(): Record<string, string> {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      return {}
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    } catch {
      return {}
    }
  }

  function writeAll(entries: Record<string, string>): void {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    const temporary = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(entries), { mode: 0o600 })
    fs.renameSync(temporary, file)
  }

  const label = (): string =>
    needsConsent()
      ? 'Encrypted file with a fixed key (Electron safeStorage, basic_text): readable by anyone who can read your profile'
      : `Encrypted file (Electron safeStorage, ${backend()})`

  return {
    needsConsent,
    isUsable,
    async describe(): Promise<KeyStorageInfo> {
      if (!isUsable()) {
        return {
          kind: 'none',
          label: 'Not stored: encryption unavailable',
          problem: { reason: 'Electron safeStorage cannot encrypt on this system.', fix: 'Install and unlock gnome-keyring or KWallet, then restart.' },
          fallbackNeedsConsent: false
        }
      }
      return { kind: 'safe-storage', label: label(), problem: null, fallbackNeedsConsent: needsConsent() }
    },
    async get(account) {
      const blob = readAll()[account]
      if (blob === undefined) return null
      try {
        const secret = cipher.decrypt(Buffer.from(blob, 'base64'))
        registerSecret(secret)
        return secret
      } catch {
        throw new SecretStoreError('failed', 'The saved key could not be decrypted (the system keyring or profile changed). Enter the key again.')
      }
    },
    async set(account, secret) {
      registerSecret(secret)
      if (!isUsable()) throw new SecretStoreError('unavailable', 'Electron safeStorage cannot encrypt on this system.')
      let blob: string
      try {
        blob = cipher.encrypt(secret).toString('base64')
      } catch {
        throw new SecretStoreError('failed', 'Encrypting the key failed.')
      }
      writeAll({ ...readAll(), [account]: blob })
    },
    async delete(account) {
      const entries = readAll()
      if (!(account in entries)) return
      delete entries[account]
      writeAll(entries)
    }
  }
}
