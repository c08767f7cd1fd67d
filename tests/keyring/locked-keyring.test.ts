/**
 * A Secret Service that runs but has no unlocked default collection (a fresh or locked
 * gnome-keyring): lookups succeed, writes fail. describe() must see it and say how to fix it.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const probe = path.join(root, 'tests/persistence/fixtures/keychain-probe.ts')
const KEY = `sk_live_${'3c'.repeat(16)}`

describe('keytar store with a locked keyring', () => {
  it('reports kind none: collection locked or missing, with a fix; nothing crashes', async () => {
    // Its own private bus: gnome-keyring started without --unlock, so the login collection is missing.
    const script = `export XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d); gnome-keyring-daemon --components=secrets --daemonize >/dev/null </dev/null; exec npx tsx "${probe}"`
    const { stdout } = await run('dbus-run-session', ['--', 'sh', '-c', script], {
      cwd: root,
      env: { ...process.env, DISPLAY: '', PROBE_SECRET: KEY },
      timeout: 60_000
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(result.info.kind).toBe('none')
    expect(result.info.problem.reason).toMatch(/locked or missing/)
    expect(result.info.problem.fix).toMatch(/Unlock/)
    expect(result.set).toMatchObject({ ok: false, code: 'unavailable' })
    expect(stdout).not.toContain(KEY)
  })
})
