/** Profile helpers of the web shell: where it lives, and presetting the server address. */
import os from 'node:os'
import path from 'node:path'
import { keychainAccount, type Logger, type StateStore } from '@main/engine/ports'
import { baseUrlText, checkBaseUrl } from '@main/engine/open-url'
import { createConfStateStore } from '@main/node'

/** The per-user folder of the web shell's settings and logs. */
export function defaultProfileDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir()
  const base =
    platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'))
  return path.join(base, 'Reading Room Companion (web)')
}

/**
 * A base URL given on the command line, checked as sign-in checks it (engine/open-url.ts owns the
 * rule); null when it is not one. Sign-in drops a query or fragment; here either is a typo: refused.
 */
export function parseBaseUrl(raw: string): string | null {
  const checked = checkBaseUrl(raw)
  if (!checked.ok) return null
  const given = new URL(raw.trim())
  if (given.search || given.hash) return null
  return baseUrlText(checked.url)
}

/**
 * Point the profile at `baseUrl`. The identity and the cached queue belong to the previous server,
 * so they are cleared when the address changes; settings and the alert ledger stay. Pass the shell's
 * own store (not the folder) so what it recovered from a damaged file is still reported by it.
 */
export function setBaseUrlInProfile(profile: string | StateStore, baseUrl: string, logger: Logger): void {
  const parsed = parseBaseUrl(baseUrl)
  if (!parsed) throw new Error('The base URL must be an https address (http only to this computer) without credentials, query or fragment.')
  const store = typeof profile === 'string' ? createConfStateStore({ cwd: profile, logger }) : profile
  const state = store.read()
  // The shown (first) account moves; the key is looked up under the new server's name, as before.
  const [first, ...others] = state.accounts
  if (!first || first.baseUrl === parsed) return
  store.write({ ...state, accounts: [{ ...first, baseUrl: parsed, keychainAccount: keychainAccount(parsed), identity: null, snapshot: null }, ...others] })
  logger.info('base URL set from the command line', { origin: new URL(parsed).origin })
}
