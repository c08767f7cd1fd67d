/**
 * First sign-in and adding an account take a key the same way: whitespace removed, the server
 * address checked (and held to the policy's locked server), the key tried against the server,
 * then stored in the keychain under the account's own name. The key is a secret from the first
 * keystroke (registered for redaction), even one the server rejects.
 */
import type { KeyProblem } from '@shared/ipc/contract'
import { createAvaraClient, type AvaraClient } from './avara-client'
import { errorName } from './call-errors'
import type { Engine } from './engine'
import { checkApiKey } from './key-check'
import { registerSecret } from './logging'
import { serverLockedMessage } from './managed/managed-config'
import { baseUrlText, checkBaseUrl } from './open-url'

/** Every whitespace character removed: a key pasted with a line break or spaces inside still works. */
export function cleanPastedKey(raw: string): { key: string; whitespaceRemoved: boolean } {
  const key = raw.replace(/\s+/g, '')
  return { key, whitespaceRemoved: key !== raw }
}

export const WHITESPACE_NOTE = 'Spaces and line breaks were removed from the pasted key before it was checked.'

export type KeyRefusal = { ok: false; problem: KeyProblem; message: string }
export type CheckedKey = { ok: true; base: string; key: string; client: AvaraClient; whitespaceRemoved: boolean }

/** The address and the key as first sign-in checks them; nothing is stored yet. */
export async function checkSignInKey(engine: Engine, rawBaseUrl: string, pasted: string): Promise<CheckedKey | KeyRefusal> {
  const { key, whitespaceRemoved } = cleanPastedKey(pasted)
  registerSecret(pasted)
  registerSecret(key)
  const checked = checkBaseUrl(rawBaseUrl)
  if (!checked.ok) return { ok: false, problem: 'invalid-url', message: checked.error }
  const base = baseUrlText(checked.url)
  // Before the key goes anywhere: an administrator who locked the server meant no other one.
  const managed = engine.managed.state
  if (managed.serverUrlLocked && base !== managed.serverUrl) return { ok: false, problem: 'invalid-url', message: serverLockedMessage(engine.managed) }
  const client = createAvaraClient({ apiKey: key, baseURL: base, fetch: engine.ports.fetch })
  const verdict = await checkApiKey(client, checked.url)
  if (!verdict.ok) return whitespaceRemoved ? { ...verdict, message: `${verdict.message} (${WHITESPACE_NOTE})` } : verdict
  return { ok: true, base, key, client, whitespaceRemoved }
}

/** The key into the secret store under `keyName` (with the user's consent to a weaker fallback, if asked). */
export async function storeKey(engine: Engine, keyName: string, key: string, allowFallbackStorage: boolean | undefined): Promise<{ ok: true } | KeyRefusal> {
  const { ports, log } = engine
  const storage = await engine.describeStorage()
  if (storage.kind === 'none' || (storage.fallbackNeedsConsent && !allowFallbackStorage)) {
    const problem = storage.problem ? `${storage.problem.reason} ${storage.problem.fix}` : 'No secure place to keep the key is available.'
    return { ok: false, problem: 'storage-unavailable', message: storage.fallbackNeedsConsent ? `${problem} Allow the fallback storage to keep the key anyway.` : problem }
  }
  try {
    if (allowFallbackStorage && storage.fallbackNeedsConsent && hasConsent(ports.secrets)) await ports.secrets.consentToFallback()
    await ports.secrets.set(keyName, key)
  } catch (error) {
    log.error('saving the key failed', { error: errorName(error) })
    const info = await engine.describeStorage()
    const detail = info.problem ? `${info.problem.reason} ${info.problem.fix}` : 'The key could not be stored.'
    return { ok: false, problem: 'storage-unavailable', message: detail }
  }
  await engine.describeStorage()
  return { ok: true }
}

function hasConsent(store: object): store is { consentToFallback(): Promise<void> } {
  return 'consentToFallback' in store && typeof (store as { consentToFallback: unknown }).consentToFallback === 'function'
}
