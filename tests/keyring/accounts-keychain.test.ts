/**
 * Issue 11 against a real Secret Service (run inside scripts/with-keyring.sh): two accounts on one
 * server keep two keychain entries, and removing one account deletes only its own entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_ACCOUNT_ID } from '@shared/ipc/contract'
import { keychainAccount, keychainAccountFor } from '@main/engine/ports'
import { createKeytarSecretStore } from '@main/node'
import { makeRig, makeWorld, signIn, type World } from '../integration/harness'

const service = `Reading Room Companion accounts test ${process.pid}-${Date.now()}`
const secrets = createKeytarSecretStore({ service })
let world: World

beforeAll(async () => {
  const info = await secrets.describe()
  if (info.kind !== 'keychain') throw new Error(`No usable Secret Service (run through npm run test:keyring): ${info.problem?.reason ?? info.label}`)
  world = await makeWorld()
})

afterAll(async () => {
  const state = world.state.read()
  for (const account of state.accounts) await secrets.delete(account.keychainAccount).catch(() => undefined)
  await world.close()
})

describe('accounts in the OS keychain', () => {
  it('two accounts on one server have two entries; removing one deletes only its own', async () => {
    const rig = makeRig({ state: world.state, secrets })
    await rig.companion.start()
    await signIn(rig, world)
    const colleague = await world.admin.viewer.users.invite({
      email: 'second.reader@example.org', firstName: 'Sam', lastName: 'Second', clinicRole: 'Radiologist', level: 'member', canManageStudies: false, hasDashboardAccess: true
    })
    const added = await rig.companion.handle('accounts.add', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey, displayName: 'Second reader', userId: colleague.userId })
    expect(added.ok && added.value.ok, JSON.stringify(added)).toBe(true)
    const secondId = (added as { ok: true; value: { ok: true; accountId: string } }).value.accountId

    const firstName = keychainAccount(world.sandbox.baseURL)
    const secondName = keychainAccountFor(world.sandbox.baseURL, secondId)
    expect(secondName).not.toBe(firstName)
    expect(await secrets.get(firstName)).toBe(world.sandbox.apiKey)
    expect(await secrets.get(secondName)).toBe(world.sandbox.apiKey)
    expect(world.state.read().accounts.map((a) => [a.id, a.keychainAccount])).toEqual([[FIRST_ACCOUNT_ID, firstName], [secondId, secondName]])

    const removed = await rig.companion.handle('accounts.remove', { accountId: secondId })
    expect(removed.ok).toBe(true)
    expect(await secrets.get(secondName)).toBeNull()
    expect(await secrets.get(firstName)).toBe(world.sandbox.apiKey)
    await rig.companion.stop()
  })
})
