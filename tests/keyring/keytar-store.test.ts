/**
 * Against a real Secret Service: `npm run test:keyring` runs these inside scripts/with-keyring.sh
 * (a private D-Bus session with an unlocked, throwaway gnome-keyring).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keychainAccount } from '@main/engine/ports'
import { createKeytarSecretStore } from '@main/node'
import { redact } from '@main/engine/logging'

// A service name of its own per run, so nothing else in the keyring is touched.
const service = `Reading Room Companion test ${process.pid}-${Date.now()}`
const store = createKeytarSecretStore({ service })
const accountA = keychainAccount('https://api.avarasoftware.com')
const accountB = keychainAccount('http://127.0.0.1:4010/some/path')
const keyA = `sk_live_${'1a'.repeat(16)}`
const keyB = `sk_test_${'2b'.repeat(16)}`

beforeAll(async () => {
  const info = await store.describe()
  if (info.kind !== 'keychain') {
    throw new Error(`No usable Secret Service (run through npm run test:keyring): ${info.problem?.reason ?? info.label}`)
  }
})

afterAll(async () => {
  await store.delete(accountA).catch(() => undefined)
  await store.delete(accountB).catch(() => undefined)
})

describe('keytar secret store on a real Secret Service', () => {
  it('describe() reports the keychain with no problem', async () => {
    const info = await store.describe()
    expect(info.kind).toBe('keychain')
    expect(info.problem).toBeNull()
    expect(info.label).toMatch(/Secret Service/)
    expect(info.fallbackNeedsConsent).toBe(false)
  })

  it('set, get, overwrite and delete', async () => {
    expect(await store.get(accountA)).toBeNull()
    await store.set(accountA, keyA)
    expect(await store.get(accountA)).toBe(keyA)
    await store.set(accountA, `${keyA}x`)
    expect(await store.get(accountA)).toBe(`${keyA}x`)
    await store.delete(accountA)
    expect(await store.get(accountA)).toBeNull()
    // Deleting what is not there is not an error (sign-out twice).
    await expect(store.delete(accountA)).resolves.toBeUndefined()
  })

  it('keeps two base URLs apart (two accounts)', async () => {
    expect(accountA).not.toBe(accountB)
    await store.set(accountA, keyA)
    await store.set(accountB, keyB)
    expect(await store.get(accountA)).toBe(keyA)
    expect(await store.get(accountB)).toBe(keyB)
    await store.delete(accountA)
    expect(await store.get(accountA)).toBeNull()
    expect(await store.get(accountB)).toBe(keyB)
  })

  it('a new store instance (a restart) reads what an earlier one saved', async () => {
    await store.set(accountA, keyA)
    expect(await createKeytarSecretStore({ service }).get(accountA)).toBe(keyA)
  })

  it('registers keys it reads or writes so no logger can print them', async () => {
    const custom = 'a-key-of-unusual-shape-31415926'
    await store.set(accountB, custom)
    expect(redact(`leaked ${custom}`)).toBe('leaked [redacted]')
  })
})
