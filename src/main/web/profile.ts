/** Profile helpers of the web shell: where it lives, and presetting the server address. */
import os from 'node:os'
import path from 'node:path'
import type { Logger } from '@main/engine/ports'
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

/** Parse an http(s) base URL given on the command line; null when it is not one. */
export function parseBaseUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim())
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.username || url.password || url.search || url.hash) return null
    return url.href.replace(/\/+$/, '')
  } catch {
    return null
  }
}

/**
 * Point the profile at `baseUrl`. The identity and the cached queue belong to the previous server,
 * so they are cleared when the address changes; settings and the alert ledger stay.
 */
export function setBaseUrlInProfile(profileDir: string, baseUrl: string, logger: Logger): void {
  const parsed = parseBaseUrl(baseUrl)
  if (!parsed) throw new Error('The base URL must be an http(s) address without credentials, query or fragment.')
  const store = createConfStateStore({ cwd: profileDir, logger })
  const state = store.read()
  if (state.baseUrl === parsed) return
  store.write({ ...state, baseUrl: parsed, identity: null, snapshot: null })
  logger.info('base URL set from the command line', { origin: new URL(parsed).origin })
}
