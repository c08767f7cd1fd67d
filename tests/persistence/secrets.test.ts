import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import type { KeyStorageInfo } from '@shared/ipc/contract'
import type { SecretStore } from '@main/engine/ports'
import { createFallbackSecretStore, createMemoryConsent, createMemorySecretStore, describeKeychainFailure, SecretStoreError } from '@main/engine/secrets'
import { createEncryptedFileSecretStore, createKeytarSecretStore, type EncryptedBlobStore } from '@main/node'
import { clearRegisteredSecretsForTests, redact } from '@main/engine/logging'
import { tempDir } from './helpers'

const run = promisify(execFile)
const KEY = `sk_live_${'ab'.repeat(16)}`
const ACCOUNT = 'avara-api-key@http://127.0.0.1:4010'

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
  clearRegisteredSecretsForTests()
})

/** Stand-in for Electron's safeStorage (an OS edge that cannot run here): reversible, not plaintext. */
function fakeSafeStorage(backend: string, available = true): EncryptedBlobStore {
  return {
    isAvailable: () => available,
    backend: () => backend,
    encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
    decrypt: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8')
  }
}

const brokenKeychain: KeyStorageInfo = {
  kind: 'none',
  label: 'Not stored: no usable keychain',
  problem: { reason: 'No Secret Service is running.', fix: 'Install gnome-keyring.' },
  fallbackNeedsConsent: false
}
function unusableKeychain(): SecretStore {
  const fail = async (): Promise<never> => {
    throw new SecretStoreError('unavailable', brokenKeychain.problem!.reason)
  }
  return { describe: async () => brokenKeychain, get: fail, set: fail, delete: fail }
}
function workingKeychain(): SecretStore {
  const memory = createMemorySecretStore()
  return { ...memory, describe: async () => ({ kind: 'keychain', label: 'Test keychain', problem: null, fallbackNeedsConsent: false }) }
}

describe('memory secret store', () => {
  it('sets, gets, overwrites and deletes, and registers the secret for redaction', async () => {
    const store = createMemorySecretStore('Memory (demo)')
    expect(await store.describe()).toEqual({ kind: 'memory', label: 'Memory (demo)', problem: null, fallbackNeedsConsent: false })
    expect(await store.get(ACCOUNT)).toBeNull()
    await store.set(ACCOUNT, 'custom-key-format-123456')
    expect(await store.get(ACCOUNT)).toBe('custom-key-format-123456')
    await store.set(ACCOUNT, KEY)
    expect(await store.get(ACCOUNT)).toBe(KEY)
    expect(redact('x custom-key-format-123456 y')).toBe('x [redacted] y')
    await store.delete(ACCOUNT)
    expect(await store.get(ACCOUNT)).toBeNull()
  })
})

describe('keychain failure messages', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /No D-Bus session/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /No Secret Service is running \(org\.freedesktop\.secrets was not provided by any \.service files\)/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', /locked or missing/],
    ['Could not connect: No such file or directory', /cannot be reached/]
  ])('names the problem and a fix for %j', (message, reason) => {
    const problem = describeKeychainFailure(new Error(message), 'linux')
    expect(problem.reason).toMatch(reason)
    expect(problem.fix.length).toBeGreaterThan(20)
    expect(problem.fix).toMatch(/gnome-keyring|KWallet|keyring/i)
  })

  it('labels macOS and Windows keychains', async () => {
    const fakeKeytar = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => true }
    expect((await createKeytarSecretStore({ service: 't', platform: 'darwin', load: async () => fakeKeytar }).describe()).label).toBe('macOS Keychain')
    expect((await createKeytarSecretStore({ service: 't', platform: 'win32', load: async () => fakeKeytar }).describe()).label).toBe('Windows Credential Manager')
  })

  it('a keytar module that fails to load gives kind none with a reason and fix, and errors without the secret', async () => {
    const store = createKeytarSecretStore({
      service: 't',
      load: async () => {
        throw new Error("Cannot find package 'keytar'")
      }
    })
    const info = await store.describe()
    expect(info.kind).toBe('none')
    expect(info.problem?.reason).toMatch(/keytar/)
    expect(info.problem?.fix).toMatch(/libsecret/)
    const error = await store.set(ACCOUNT, KEY).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SecretStoreError)
    expect(String((error as Error).message)).not.toContain(KEY)
  })

  it('errors from a backend that echoes the secret never carry it', async () => {
    const echoing = {
      getPassword: async () => null,
      setPassword: async (_s: string, _a: string, password: string) => {
        throw new Error(`failed to store ${password}`)
      },
      deletePassword: async () => true
    }
    const store = createKeytarSecretStore({ service: 't', platform: 'linux', load: async () => echoing })
    const error = (await store.set(ACCOUNT, KEY).catch((caught: unknown) => caught)) as SecretStoreError
    expect(error).toBeInstanceOf(SecretStoreError)
    expect(`${error.message} ${error.fix} ${error.stack}`).not.toContain(KEY)
  })
})

describe('keytar store in a process whose D-Bus address points nowhere', () => {
  it('reports kind none with a reason and a fix, throws clean errors and does not crash', async () => {
    const { stdout } = await run('npx', ['tsx', path.join(import.meta.dirname, 'fixtures/keychain-probe.ts')], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rrc-bus', DISPLAY: '', PROBE_SECRET: KEY },
      timeout: 60_000
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(result.info.kind).toBe('none')
    expect(result.info.problem.reason).toMatch(/D-Bus|Secret Service/)
    expect(result.info.problem.fix).toMatch(/gnome-keyring|KWallet/)
    for (const step of [result.set, result.get, result.del]) {
      expect(step).toMatchObject({ ok: false, code: 'unavailable' })
      expect(step.fix).toBeTruthy()
    }
    expect(stdout).not.toContain(KEY)
  })
})

describe('encrypted-file fallback (safeStorage)', () => {
  const newFile = () => {
    const dir = tempDir('rrc-secret-')
    dirs.push(dir)
    return path.join(dir, 'secrets', 'api-key.bin.json')
  }

  it('stores encrypted (not plaintext) in an owner-only file and reads it back', async () => {
    const file = newFile()
    const store = createEncryptedFileSecretStore({ cipher: fakeSafeStorage('gnome_libsecret'), file })
    await store.set(ACCOUNT, KEY)
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(await createEncryptedFileSecretStore({ cipher: fakeSafeStorage('gnome_libsecret'), file }).get(ACCOUNT)).toBe(KEY)
    await store.delete(ACCOUNT)
    expect(await store.get(ACCOUNT)).toBeNull()
  })

  it('uses the keychain when it works and leaves no fallback copy', async () => {
    const file = newFile()
    const fallback = createEncryptedFileSecretStore({ cipher: fakeSafeStorage('basic_text'), file })
    await fallback.set(ACCOUNT, 'old-key-in-fallback-123')
    const store = createFallbackSecretStore(workingKeychain(), fallback)
    expect((await store.describe()).kind).toBe('keychain')
    await store.set(ACCOUNT, KEY)
    expect(await store.get(ACCOUNT)).toBe(KEY)
    expect(await fallback.get(ACCOUNT)).toBeNull()
  })

  it('with a basic_text backend: refuses without consent, says consent is needed, then works after consent', async () => {
    const fallback = createEncryptedFileSecretStore({ cipher: fakeSafeStorage('basic_text'), file: newFile() })
    const consent = createMemoryConsent()
    const store = createFallbackSecretStore(unusableKeychain(), fallback, consent)
    const before = await store.describe()
    expect(before).toMatchObject({ kind: 'safe-storage', fallbackNeedsConsent: true, problem: brokenKeychain.problem })
    expect(before.label).toMatch(/basic_text/)
    const refused = (await store.set(ACCOUNT, KEY).catch((caught: unknown) => caught)) as SecretStoreError
    expect(refused.code).toBe('consent-required')
    expect(refused.message).not.toContain(KEY)
    expect(await store.get(ACCOUNT)).toBeNull()
    await store.consentToFallback()
    const after = await store.describe()
    expect(after.kind).toBe('safe-storage')
    expect(after.label).toMatch(/basic_text/)
    expect(after.fallbackNeedsConsent).toBe(false)
    await store.set(ACCOUNT, KEY)
    expect(await store.get(ACCOUNT)).toBe(KEY)
    await store.delete(ACCOUNT)
    expect(await store.get(ACCOUNT)).toBeNull()
  })

  it('with a real encryption backend: no consent needed', async () => {
    const store = createFallbackSecretStore(unusableKeychain(), createEncryptedFileSecretStore({ cipher: fakeSafeStorage('kwallet6'), file: newFile() }))
    expect(await store.describe()).toMatchObject({ kind: 'safe-storage', fallbackNeedsConsent: false })
    await store.set(ACCOUNT, KEY)
    expect(await store.get(ACCOUNT)).toBe(KEY)
  })

  it('with no encryption at all: reports the keychain problem and refuses to store', async () => {
    const store = createFallbackSecretStore(unusableKeychain(), createEncryptedFileSecretStore({ cipher: fakeSafeStorage('basic_text', false), file: newFile() }), createMemoryConsent(true))
    expect(await store.describe()).toEqual(brokenKeychain)
    await expect(store.set(ACCOUNT, KEY)).rejects.toMatchObject({ code: 'unavailable' })
  })
})
