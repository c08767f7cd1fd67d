import { describe, expect, it } from 'vitest'
import type { AccountsState, AppState } from '@shared/ipc/contract'
import { KEYCHAIN_SERVICE, keychainAccount, keychainAccountFor } from '@main/engine/ports'
import { createKeytarSecretStore } from '@main/node'
import { callWeb, runDemo } from '../demo/run-demo'

/** With a working keychain the demo keeps its throwaway key there, and removes it when it stops. */
describe('npm run demo with a keychain', () => {
  it('stores the sandbox key in the keychain for the run and deletes it on Ctrl-C', async () => {
    const demo = await runDemo()
    try {
      expect(demo.lines.some((l) => /sandbox key saved in the OS keychain/.test(l))).toBe(true)
      const state = await callWeb<AppState>(demo.url, 'app.getState')
      expect(state.auth.keyStorage.kind).toBe('keychain')
      const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
      const account = keychainAccount(state.auth.baseUrl)
      expect(await keychain.get(account)).toMatch(/^sk_test_sandbox_/)
      expect(await demo.interrupt()).toBe(0)
      expect(await keychain.get(account)).toBeNull()
      // Every clean-up step ran, the last one included: the sandbox process is gone.
      await expect(fetch(`${state.auth.baseUrl}/openapi.json`)).rejects.toThrow()
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
    }
  }, 120_000)

  it('with --accounts 2 stores one key per account under its own name, and deletes every one on Ctrl-C', async () => {
    const demo = await runDemo(process.env, ['--accounts', '2'])
    try {
      expect(demo.lines.some((l) => /sandbox keys saved in the OS keychain for this run \(2, one per account\)/.test(l))).toBe(true)
      const { accounts } = await callWeb<AccountsState>(demo.url, 'accounts.list')
      expect(accounts.map((a) => [a.displayName, a.hasKey])).toEqual([
        ['Riverside Radiology', true],
        ["St Mary's Hospital", true]
      ])
      const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
      const names = accounts.map((a) => keychainAccountFor(a.baseUrl, a.accountId))
      expect(names[0]).toBe(keychainAccount(accounts[0]!.baseUrl))
      expect(names[1]).toBe(`${keychainAccount(accounts[1]!.baseUrl)}#${accounts[1]!.accountId}`)
      const keys = await Promise.all(names.map((name) => keychain.get(name)))
      expect(keys.every((key) => /^sk_test_sandbox_/.test(key ?? ''))).toBe(true)
      expect(keys[0]).not.toBe(keys[1])
      expect(await demo.interrupt()).toBe(0)
      expect(await Promise.all(names.map((name) => keychain.get(name)))).toEqual([null, null])
      for (const account of accounts) await expect(fetch(`${account.baseUrl}/openapi.json`)).rejects.toThrow()
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
    }
  }, 120_000)
})
