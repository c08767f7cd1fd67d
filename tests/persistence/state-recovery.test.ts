/**
 * Recovery, not reset: each kind of damage to the state file is set aside and recovered part by
 * part from what still validates and from the last good copy, and the store says what came back
 * and what was lost. A save that fails (read-only or full disk, an injected I/O error) keeps the
 * state in memory, is reported in words and is retried until it succeeds.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore, createStateStoreOn, type JsonFileBackend, type SaveStatus } from '@main/node'
import type { PersistedState, StoredAccount } from '@main/engine/ports'
import { mountTmpfs } from '../integration/helpers/tmpfs'
import { recordingLogger, tempDir } from './helpers'

const id = (n: number) => `stu_${n.toString(16).padStart(32, '0')}`
const entry = (count = 1) => ({ severityAtAlert: 'stat' as const, firstAlertedAt: 1000, lastAlertedAt: 1000, alertCount: count, acknowledged: false, opened: false, snoozedUntil: null })

function goodState(): PersistedState {
  return {
    ...defaultPersistedState(),
    accounts: [
      {
        id: 'primary',
        baseUrl: 'http://127.0.0.1:4010',
        keychainAccount: 'avara-api-key@http://127.0.0.1:4010',
        identity: { userId: `usr_${'a'.repeat(32)}`, email: 'rad@example.org', displayName: 'Dr Rad' },
        ledger: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [id(n), entry()])),
        snapshot: null
      }
    ],
    settings: { ...DEFAULT_SETTINGS, statIntervalSec: 3, alerts: { ...DEFAULT_SETTINGS.alerts, high: true } },
    view: { queueView: 'pool' }
  }
}

const first = (state: PersistedState): StoredAccount => state.accounts[0]!
/** The good document with its first account's parts replaced (raw: they may be damaged). */
const withFirstAccount = (parts: Record<string, unknown>): string => {
  const document = JSON.parse(good) as { accounts: Array<Record<string, unknown>> }
  document.accounts[0] = { ...document.accounts[0], ...parts }
  return JSON.stringify(document)
}

let dirs: string[] = []
const newDir = () => {
  const dir = tempDir('rrc-recover-')
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
})

/** A profile whose state (and last good copy) was written by a previous run, then damaged on disk. */
function damagedProfile(damage: string | Buffer): { cwd: string; file: string } {
  const cwd = newDir()
  const store = createConfStateStore({ cwd })
  store.write(goodState())
  store.close()
  fs.writeFileSync(store.file, damage)
  return { cwd, file: store.file }
}

const good = JSON.stringify({ version: 2, ...goodState() })
const DAMAGE: Array<[string, string | Buffer, string]> = [
  ['truncated', good.slice(0, Math.floor(good.length / 2)), 'not-json'],
  ['empty', '', 'empty'],
  ['random bytes', Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256)), 'not-json'],
  ['JSON null', 'null', 'not-an-object'],
  ['a JSON list', '[1,2,3]', 'not-an-object'],
  ['a wrong version', JSON.stringify({ ...JSON.parse(good), version: 'two' }), 'bad-version'],
  ['a ledger of the wrong type', withFirstAccount({ ledger: ['stu_1', 'stu_2'] }), 'invalid-parts'],
  ['an account list of the wrong type', JSON.stringify({ ...JSON.parse(good), accounts: { primary: 'gone' } }), 'invalid-parts']
]

describe('a damaged state file is recovered, not reset', () => {
  it.each(DAMAGE)('%s: set aside, identity, settings and the whole ledger recovered, and the user told', (_name, bytes, damage) => {
    const { cwd, file } = damagedProfile(bytes)
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    const state = store.read()
    expect(first(state).identity).toEqual(first(goodState()).identity)
    expect(state.settings).toEqual(goodState().settings)
    expect(first(state).ledger).toEqual(first(goodState()).ledger)
    expect(first(state).baseUrl).toBe(first(goodState()).baseUrl)
    expect(first(state).keychainAccount).toBe(first(goodState()).keychainAccount)
    expect(state.view).toEqual(goodState().view)

    const report = store.recovery()
    expect(report?.damage).toBe(damage)
    expect(report?.message).toMatch(/damaged/)
    expect([...report!.fromFile, ...report!.fromLastGood]).toEqual(expect.arrayContaining(['alert history', 'settings', 'followed radiologist']))
    expect(report!.lost).not.toContain('alert history')
    // The damaged bytes are kept for support, the file is sound again, and a restart finds nothing to recover.
    expect(fs.readFileSync(path.join(cwd, report!.setAsideAs!))).toEqual(Buffer.from(bytes))
    store.close()
    const restarted = createConfStateStore({ cwd })
    expect(restarted.recovery()).toBeNull()
    expect(first(restarted.read()).ledger).toEqual(first(goodState()).ledger)
    expect(fs.existsSync(file)).toBe(true)
    expect(logger.entries.some((e) => e.level === 'warn' && e.message === 'settings file damaged; recovered')).toBe(true)
  })

  it('without a last good copy, says what was lost (nothing is silently replaced by defaults)', () => {
    const cwd = newDir()
    fs.writeFileSync(path.join(cwd, 'companion-state.json'), 'null')
    const store = createConfStateStore({ cwd })
    expect(store.read()).toEqual(defaultPersistedState())
    expect(store.recovery()?.damage).toBe('not-an-object')
    expect(store.recovery()?.lost).toEqual(expect.arrayContaining(['alert history', 'settings', 'followed radiologist']))
    expect(store.recovery()?.message).toMatch(/Lost: .*alert history/)
  })

  it('keeps what still validates in the damaged file and fills the rest from the last good copy, entry by entry', () => {
    const cwd = newDir()
    const previous = createConfStateStore({ cwd })
    previous.write(goodState())
    previous.close()
    // A later state of the file (study 11 alerted, a setting changed) whose parts were then damaged.
    const later = JSON.parse(withFirstAccount({ ledger: { [id(11)]: entry(2), [id(12)]: { severityAtAlert: 'urgent' } }, identity: { userId: 42 } })) as Record<string, Record<string, unknown>>
    later.settings = { ...later.settings, queueIntervalSec: 120, statIntervalSec: 'fast' }
    fs.writeFileSync(previous.file, JSON.stringify(later))

    const store = createConfStateStore({ cwd })
    const state = store.read()
    // Study 11's entry from the file, studies 1-10 from the last good copy; study 12's bad entry is dropped.
    expect(first(state).ledger[id(11)]).toEqual(entry(2))
    expect(Object.keys(first(state).ledger)).toHaveLength(11)
    // The valid setting from the file, the invalid one from the last good copy.
    expect(state.settings.queueIntervalSec).toBe(120)
    expect(state.settings.statIntervalSec).toBe(3)
    expect(first(state).identity).toEqual(first(goodState()).identity)
    const report = store.recovery()!
    expect(report.damage).toBe('invalid-parts')
    expect(report.fromFile).toEqual(expect.arrayContaining(['alert history', 'settings']))
    expect(report.fromLastGood).toEqual(expect.arrayContaining(['alert history', 'settings', 'followed radiologist']))
  })

  it('an account whose ledger is damaged keeps its server, key place and identity; the other account is untouched', () => {
    const cwd = newDir()
    // Two accounts on one server, the same study in both: two studies, two ledger entries.
    const second = {
      ...first(goodState()),
      id: 'night',
      label: 'Night shift',
      keychainAccount: 'avara-api-key@http://127.0.0.1:4010#night',
      identity: { userId: `usr_${'b'.repeat(32)}`, email: 'night@example.org', displayName: 'Dr Night' },
      ledger: { [id(1)]: entry(5) }
    }
    const document = { version: 2, ...goodState(), accounts: [first(goodState()), { ...second, ledger: { [id(1)]: entry(5), [id(2)]: 'torn' } }] }
    fs.writeFileSync(path.join(cwd, 'companion-state.json'), JSON.stringify(document))
    const store = createConfStateStore({ cwd })
    const state = store.read()
    expect(state.accounts.map((a) => a.id)).toEqual(['primary', 'night'])
    expect(first(state)).toEqual(first(goodState()))
    // Only the torn entry is gone: the account, its key place and its valid entry stay.
    expect(state.accounts[1]).toEqual(second)
    expect(store.recovery()?.damage).toBe('invalid-parts')
    expect(store.recovery()?.fromFile).toEqual(expect.arrayContaining(['alert history', 'followed radiologist', 'where the key is kept']))
  })

  it('a state file that went missing is restored from its last good copy', () => {
    const cwd = newDir()
    const previous = createConfStateStore({ cwd })
    previous.write(goodState())
    previous.close()
    fs.rmSync(previous.file)
    const store = createConfStateStore({ cwd })
    expect(first(store.read()).ledger).toEqual(first(goodState()).ledger)
    expect(store.recovery()?.damage).toBe('missing')
  })
})

/** A conf-like backend whose writes fail with `code` while `failing()` says so. */
function flakyBackend(file: string, failing: () => boolean, code = 'EIO'): () => JsonFileBackend {
  return () => {
    let store: Record<string, unknown> = {}
    return {
      path: file,
      get store() {
        return store
      },
      set store(value) {
        if (failing()) throw Object.assign(new Error(`${code}: injected`), { code })
        store = value
        fs.writeFileSync(file, JSON.stringify(value))
      }
    }
  }
}

const waitFor = async (check: () => boolean, what: string, ms = 5000): Promise<void> => {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('a save that fails is kept, reported and retried', () => {
  it('injected I/O error: memory stays the truth, the status says why and where, retries with backoff until it works', async () => {
    const cwd = newDir()
    const file = path.join(cwd, 'companion-state.json')
    let failing = false
    let attempts = 0
    const store = createStateStoreOn({
      file,
      open: flakyBackend(file, () => (attempts++, failing)),
      retryMs: { first: 20, max: 80 }
    })
    const seen: SaveStatus[] = []
    store.onSaveStatusChange((status) => seen.push(status))
    store.write(goodState())
    expect(store.saveStatus()).toEqual({ ok: true })

    failing = true
    const changed = { ...goodState(), accounts: [{ ...first(goodState()), ledger: { ...first(goodState()).ledger, [id(99)]: entry() } }] }
    expect(() => store.write(changed)).not.toThrow()
    const status = store.saveStatus()
    expect(status.ok).toBe(false)
    if (!status.ok) {
      expect(status.message).toBe(`Changes cannot be saved: the disk reported an input/output error, ${cwd}`)
      expect(status.folder).toBe(cwd)
    }
    // Memory is the truth while the disk refuses.
    expect(store.read().accounts[0]!.ledger[id(99)]).toEqual(entry())
    const before = attempts
    await waitFor(() => attempts >= before + 3, 'three retries')
    expect(seen).toHaveLength(1)

    failing = false
    await waitFor(() => store.saveStatus().ok, 'the retry to succeed')
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).accounts[0].ledger[id(99)]).toEqual(entry())
    expect(seen.map((s) => s.ok)).toEqual([false, true])
    store.close()
  })

  it('a read-only profile (tmpfs remounted read-only): reported as read-only, saved once it is writable again', async () => {
    const mount = mountTmpfs('rrc-state-ro-')
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    try {
      const store = createConfStateStore({ cwd: mount.dir, retryMs: { first: 20, max: 100 } })
      store.write(goodState())
      mount.setReadOnly(true)
      const changed = { ...goodState(), accounts: [{ ...first(goodState()), ledger: { ...first(goodState()).ledger, [id(50)]: entry() } }] }
      store.write(changed)
      const status = store.saveStatus()
      expect(status.ok).toBe(false)
      if (!status.ok) expect(status.message).toBe(`Changes cannot be saved: the disk is read-only, ${mount.dir}`)
      expect(store.read().accounts[0]!.ledger[id(50)]).toEqual(entry())
      mount.setReadOnly(false)
      await waitFor(() => store.saveStatus().ok, 'the save after repair')
      store.close()
      const restarted = createConfStateStore({ cwd: mount.dir })
      expect(restarted.read().accounts[0]!.ledger[id(50)]).toEqual(entry())
      expect(restarted.recovery()).toBeNull()
    } finally {
      mount.unmount()
    }
  })

  it('a full disk (a 64 KiB tmpfs filled up): reported as full, saved once space is freed', async () => {
    const mount = mountTmpfs('rrc-state-full-', 64)
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    try {
      const store = createConfStateStore({ cwd: mount.dir, retryMs: { first: 20, max: 100 } })
      store.write(goodState())
      const filler = path.join(mount.dir, 'filler')
      try {
        fs.writeFileSync(filler, Buffer.alloc(1024 * 1024))
      } catch {
        // ENOSPC: the disk is now full, as intended.
      }
      const changed = { ...goodState(), accounts: [{ ...first(goodState()), ledger: { ...first(goodState()).ledger, [id(60)]: entry() } }] }
      store.write(changed)
      const status = store.saveStatus()
      expect(status.ok).toBe(false)
      if (!status.ok) expect(status.reason).toBe('the disk is full')
      fs.rmSync(filler)
      await waitFor(() => store.saveStatus().ok, 'the save after space was freed')
      store.close()
      expect(createConfStateStore({ cwd: mount.dir }).read().accounts[0]!.ledger[id(60)]).toEqual(entry())
    } finally {
      mount.unmount()
    }
  })
})
