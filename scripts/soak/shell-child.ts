/**
 * The web shell as the soak script runs it: its own process (so it can be killed with -9), the
 * sandbox key preloaded into a memory key store (as the keychain would hold it across restarts).
 * Prints `ready <url>` on stdout; SIGTERM closes it cleanly.
 */
import { keychainAccount } from '@main/engine/ports'
import { createMemorySecretStore } from '@main/engine/secrets'
import { startWebShell } from '@main/web/server'

const need = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

const baseUrl = need('SOAK_BASE_URL')
const secrets = createMemorySecretStore()
await secrets.set(keychainAccount(baseUrl), need('SOAK_API_KEY'))
try {
  const shell = await startWebShell({ port: 0, profileDir: need('SOAK_PROFILE'), rendererDir: need('SOAK_RENDERER'), secrets })
  process.stdout.write(`ready ${shell.url}\n`)
  process.once('SIGTERM', () => void shell.close().then(() => process.exit(0)))
} catch (error) {
  process.stdout.write(`failed ${error instanceof Error ? error.message : 'unknown error'}\n`)
  process.exit(1)
}
