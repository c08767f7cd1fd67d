import { describe, expect, it } from 'vitest'
import type { AppState } from '@shared/ipc/contract'
import { KEYCHAIN_SERVICE, keychainAccount } from '@main/engine/ports'
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
})
