import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseWebCliArgs, UsageError } from '@main/web/args'
import { defaultProfileDir, parseBaseUrl, setBaseUrlInProfile } from '@main/web/profile'
import { startWebShell } from '@main/web/server'
import { LOCK_FILE, ProfileInUseError } from '@main/web/profile-lock'
import { createConfStateStore } from '@main/node'
import { silentLogger } from '@main/engine/logging'
import { createMemorySecretStore } from '@main/engine/secrets'
import { fakeCompanionFactory, rawRequest, tempDir } from './helpers'

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
})

describe('command-line arguments', () => {
  it('defaults to port 5180, the per-user profile and building when needed', () => {
    expect(parseWebCliArgs([])).toEqual({ port: 5180, baseUrl: undefined, profileDir: defaultProfileDir(), rendererDir: undefined, build: true, help: false })
  })

  it('reads --port, --base-url, --profile, --renderer and --no-build', () => {
    expect(parseWebCliArgs(['--port', '0', '--base-url', 'http://127.0.0.1:4010/', '--profile', '/tmp/p', '--renderer', '/tmp/r', '--no-build'])).toEqual({
      port: 0,
      baseUrl: 'http://127.0.0.1:4010',
      profileDir: '/tmp/p',
      rendererDir: '/tmp/r',
      build: false,
      help: false
    })
  })

  it.each([['--port', '-1'], ['--port', '70000'], ['--port', '5e3'], ['--base-url', 'ftp://x'], ['--base-url', 'https://u:p@x.example.org'], ['--bogus'], ['positional']])(
    'rejects %s %s',
    (...argv) => {
      expect(() => parseWebCliArgs(argv)).toThrow(UsageError)
    }
  )

  it('puts the profile in the platform config folder', () => {
    expect(defaultProfileDir('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/Reading Room Companion (web)')
    expect(defaultProfileDir('win32', { APPDATA: 'C:\\AppData' })).toContain('Reading Room Companion (web)')
  })
})

describe('--base-url presets the profile', () => {
  it('sets the base URL and clears the identity and cache of the previous server, keeping settings and ledger', () => {
    const profile = tempDir('rrc-web-base-')
    dirs.push(profile)
    const store = createConfStateStore({ cwd: profile })
    const initial = store.read()
    store.write({
      ...initial,
      accounts: [
        {
          id: 'primary',
          baseUrl: 'https://old.example.org',
          keychainAccount: 'avara-api-key@https://old.example.org',
          identity: { userId: `usr_${'c'.repeat(32)}`, email: 'a@example.org', displayName: 'A' },
          snapshot: { mine: [], statPool: [], fetchedAt: '2026-11-26T10:00:00.000Z' },
          ledger: { [`stu_${'d'.repeat(32)}`]: { severityAtAlert: 'stat', firstAlertedAt: 1, lastAlertedAt: 1, alertCount: 1, acknowledged: false, opened: false, snoozedUntil: null } }
        }
      ],
      settings: { ...initial.settings, statIntervalSec: 7 }
    })
    setBaseUrlInProfile(profile, 'http://127.0.0.1:4010/', silentLogger)
    const after = store.read()
    const [account] = after.accounts
    expect(account!.baseUrl).toBe('http://127.0.0.1:4010')
    // The key is looked up under the new server's name, as the sign-in saves it there.
    expect(account!.keychainAccount).toBe('avara-api-key@http://127.0.0.1:4010')
    expect(account!.identity).toBeNull()
    expect(account!.snapshot).toBeNull()
    expect(after.settings.statIntervalSec).toBe(7)
    expect(Object.keys(account!.ledger)).toHaveLength(1)
    expect(parseBaseUrl('http://127.0.0.1:4010/?x=1')).toBeNull()
  })
})

describe('without a built renderer', () => {
  it('serves a page that says to run npm run build', async () => {
    const profile = tempDir('rrc-web-nobuild-')
    const emptyRenderer = tempDir('rrc-web-empty-')
    dirs.push(profile, emptyRenderer)
    const shell = await startWebShell({ port: 0, profileDir: profile, rendererDir: emptyRenderer, secrets: createMemorySecretStore(), companionFactory: fakeCompanionFactory().factory, log: false })
    try {
      const response = await rawRequest(shell.port, { path: `/${shell.token}/`, headers: { host: `127.0.0.1:${shell.port}` } })
      expect(response.status).toBe(503)
      expect(response.body).toContain('npm run build')
      expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    } finally {
      await shell.close()
    }
    expect(fs.existsSync(path.join(profile, 'logs'))).toBe(false)
  })
})

describe('one web shell per profile', () => {
  const start = (profileDir: string) =>
    startWebShell({ port: 0, profileDir, rendererDir: profileDir, secrets: createMemorySecretStore(), companionFactory: fakeCompanionFactory().factory, log: false })

  it('refuses a second shell on the same profile until the first one closed', async () => {
    const profile = tempDir('rrc-web-lock-')
    dirs.push(profile)
    const first = await start(profile)
    await expect(start(profile)).rejects.toThrow(ProfileInUseError)
    await first.close()
    const second = await start(profile)
    await second.close()
    expect(fs.existsSync(path.join(profile, LOCK_FILE))).toBe(false)
  })

  it('takes over the lock of a process that is gone', async () => {
    const profile = tempDir('rrc-web-stale-')
    dirs.push(profile)
    // A pid far above any this test machine hands out.
    fs.writeFileSync(path.join(profile, LOCK_FILE), '4194000')
    const shell = await start(profile)
    // The lock names its owner on its first line (then a per-run nonce).
    expect(fs.readFileSync(path.join(profile, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid))
    await shell.close()
  })

  it('releases the lock when start-up fails', async () => {
    const profile = tempDir('rrc-web-fail-')
    dirs.push(profile)
    const failing = fakeCompanionFactory()
    failing.companion.start = async () => {
      throw new Error('engine failed')
    }
    await expect(
      startWebShell({ port: 0, profileDir: profile, rendererDir: profile, secrets: createMemorySecretStore(), companionFactory: failing.factory, log: false })
    ).rejects.toThrow('engine failed')
    expect(fs.existsSync(path.join(profile, LOCK_FILE))).toBe(false)
  })
})
