import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { CURRENT_STATE_VERSION, defaultPersistedState, SecretInStateError } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { clearRegisteredSecretsForTests, registerSecret } from '@main/engine/logging'
import { keychainAccount, type PersistedState, type StoredAccount } from '@main/engine/ports'
import { recordingLogger, tempDir } from './helpers'

const study = (n: number, severity = 'stat') => ({
  studyId: `stu_${n.toString(16).padStart(32, '0')}`,
  studyInstanceUid: `1.2.840.${n}`,
  studyDescription: 'CT HEAD',
  severity,
  studyViewerStatus: 'incomplete',
  isCancelled: false,
  cancelledAt: null,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z'
})

function fullState(): PersistedState {
  return {
    accounts: [
      {
        id: 'primary',
        baseUrl: 'http://127.0.0.1:4010',
        keychainAccount: 'avara-api-key@http://127.0.0.1:4010',
        identity: { userId: `usr_${'a'.repeat(32)}`, email: 'rad@example.org', displayName: 'Dr Rad' },
        ledger: {
          [study(1).studyId]: { severityAtAlert: 'stat', firstAlertedAt: 1000, lastAlertedAt: 2000, alertCount: 2, acknowledged: false, opened: false, snoozedUntil: null }
        },
        snapshot: { mine: [study(1)], statPool: [study(2)], fetchedAt: '2026-11-26T10:00:05.000Z' }
      }
    ],
    settings: { ...DEFAULT_SETTINGS, statIntervalSec: 3, alerts: { ...DEFAULT_SETTINGS.alerts, high: true } },
    window: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
    view: { tab: 'mine', compact: true, zoom: 1.25 }
  } as PersistedState
}

/** The first (shown) account of a state. */
const first = (state: PersistedState): StoredAccount => state.accounts[0]!
/** The state with its first account changed. */
const withAccount = (state: PersistedState, patch: Partial<StoredAccount>): PersistedState => ({
  ...state,
  accounts: [{ ...first(state), ...patch }, ...state.accounts.slice(1)]
})

let dirs: string[] = []
const newDir = () => {
  const dir = tempDir()
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
  clearRegisteredSecretsForTests()
})

describe('conf state store', () => {
  it('starts from defaults in an empty profile', () => {
    const store = createConfStateStore({ cwd: newDir() })
    expect(store.read()).toEqual(defaultPersistedState())
    expect(first(store.read()).baseUrl).toBe(DEFAULT_BASE_URL)
  })

  it('round-trips every part of the state through a new instance (a restart)', () => {
    const cwd = newDir()
    createConfStateStore({ cwd }).write(fullState())
    const reopened = createConfStateStore({ cwd })
    expect(reopened.read()).toEqual(fullState())
    const onDisk = JSON.parse(fs.readFileSync(reopened.file, 'utf8'))
    expect(onDisk.version).toBe(CURRENT_STATE_VERSION)
  })

  it('writes the file and its last good copy owner-only, without a temporary file left behind', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write(fullState())
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600)
    expect(fs.statSync(store.lastGoodFile).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(cwd).sort()).toEqual([path.basename(store.file), path.basename(store.lastGoodFile)].sort())
  })

  it('migrates a version-0 (prototype) file: renamed fields kept, missing keys defaulted', () => {
    const cwd = newDir()
    const file = path.join(cwd, 'companion-state.json')
    const ledger = first(fullState()).ledger
    fs.writeFileSync(file, JSON.stringify({ serverUrl: 'https://avara.example.org', alertLedger: ledger, windowBounds: { width: 900, height: 700 } }))
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    const state = store.read()
    expect(first(state).baseUrl).toBe('https://avara.example.org')
    // The key stays where v0 and v1 stored it: nobody types it again after the update.
    expect(first(state).keychainAccount).toBe(keychainAccount('https://avara.example.org'))
    expect(first(state).ledger).toEqual(ledger)
    expect(state.window).toEqual({ width: 900, height: 700 })
    expect(state.settings).toEqual(DEFAULT_SETTINGS)
    expect(first(state).snapshot).toBeNull()
        expect(logger.entries.some((entry) => entry.level === 'info' && entry.message === 'settings migrated')).toBe(true)
    store.write(state)
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'))
    expect(onDisk.version).toBe(CURRENT_STATE_VERSION)
    expect(onDisk).not.toHaveProperty('serverUrl')
    expect(onDisk.accounts[0].baseUrl).toBe('https://avara.example.org')
  })

  it('keeps every valid part of a partly invalid file and warns about the rest', () => {
    const cwd = newDir()
    const file = path.join(cwd, 'companion-state.json')
    const good = fullState()
    const badLedgerId = `stu_${'f'.repeat(32)}`
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        baseUrl: 'ftp://nope',
        identity: first(good).identity,
        settings: { ...good.settings, queueIntervalSec: 1, alerts: { ...good.settings.alerts, reAlertMax: 'three' }, bogus: 1 },
        ledger: { ...first(good).ledger, [badLedgerId]: { severityAtAlert: 'urgent' } },
        snapshot: { ...first(good).snapshot, mine: [study(1), { studyId: 42 }] },
        window: { width: -5, height: 'tall' },
        view: { tab: 'mine', nested: { no: 1 } }
      })
    )
    const logger = recordingLogger()
    const state = createConfStateStore({ cwd, logger }).read()
    expect(first(state).baseUrl).toBe(DEFAULT_BASE_URL)
    expect(first(state).identity).toEqual(first(good).identity)
    expect(state.settings.queueIntervalSec).toBe(DEFAULT_SETTINGS.queueIntervalSec)
    expect(state.settings.statIntervalSec).toBe(3)
    expect(state.settings.alerts.high).toBe(true)
    expect(state.settings.alerts.reAlertMax).toBe(DEFAULT_SETTINGS.alerts.reAlertMax)
    expect(first(state).ledger).toEqual(first(good).ledger)
    expect(first(state).snapshot?.mine).toEqual([study(1)])
    expect(first(state).snapshot?.statPool).toEqual([study(2)])
    expect(state.window).toBeNull()
    expect(state.view).toEqual({ tab: 'mine' })
    const issues = logger.entries.filter((entry) => entry.level === 'warn').map((entry) => String(entry.fields?.issue))
    for (const part of ['accounts.0.baseUrl', 'settings.queueIntervalSec', 'settings.alerts.reAlertMax', 'settings.bogus', 'accounts.0.ledger', 'accounts.0.snapshot.mine', 'window', 'view.nested']) {
      expect(issues.some((issue) => issue.startsWith(part)), part).toBe(true)
    }
  })

  it('sets a corrupt (non-JSON) file aside, starts from defaults and can write again', () => {
    const cwd = newDir()
    const file = path.join(cwd, 'companion-state.json')
    fs.writeFileSync(file, '{"version":1,"baseUrl":"https://a.example.org", trunc')
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    expect(store.read()).toEqual(defaultPersistedState())
    const aside = fs.readdirSync(cwd).filter((name) => name.startsWith('companion-state.json.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(fs.readFileSync(path.join(cwd, aside[0]!), 'utf8')).toContain('trunc')
    expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(true)
    store.write(fullState())
    expect(createConfStateStore({ cwd }).read()).toEqual(fullState())
  })

  it('recovers when the file is damaged while running (from the last good copy; the cached queue is lost)', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write(fullState())
    fs.writeFileSync(store.file, 'not json at all')
    expect(store.read()).toEqual(withAccount(fullState(), { snapshot: null }))
    expect(store.recovery()?.lost).toContain('cached queue')
    store.write(fullState())
    expect(store.read()).toEqual(fullState())
  })

  it('a file that cannot be opened at all is not fatal: the run continues with unsaved settings', () => {
    const cwd = newDir()
    // A folder where the file should be: reading it fails with EISDIR, not with bad data.
    fs.mkdirSync(path.join(cwd, 'companion-state.json'))
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    expect(store.read()).toEqual(defaultPersistedState())
    store.write(fullState())
    expect(store.read()).toEqual(fullState())
    expect(fs.statSync(path.join(cwd, 'companion-state.json')).isDirectory()).toBe(true)
    expect(logger.entries.some((entry) => entry.level === 'error' && /this run only/.test(entry.message))).toBe(true)
  })

  it('a non-object JSON document is not fatal', () => {
    const cwd = newDir()
    fs.writeFileSync(path.join(cwd, 'companion-state.json'), '[1,2,3]')
    expect(() => createConfStateStore({ cwd }).read()).not.toThrow()
  })

  it('reads what it understands from a file written by a newer version', () => {
    const cwd = newDir()
    fs.writeFileSync(path.join(cwd, 'companion-state.json'), JSON.stringify({ version: 7, accounts: [{ id: 'primary', baseUrl: 'https://b.example.org', futureField: 1 }], futureThing: { x: 1 } }))
    const logger = recordingLogger()
    const state = createConfStateStore({ cwd, logger }).read()
    expect(first(state).baseUrl).toBe('https://b.example.org')
    expect(logger.entries.some((entry) => String(entry.fields?.issue).includes('newer version'))).toBe(true)
  })

  it('replaces invalid parts handed to write() with defaults instead of persisting them', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    const bad = { ...fullState(), settings: { ...DEFAULT_SETTINGS, statIntervalSec: 0 } }
    store.write(bad)
    expect(store.read().settings.statIntervalSec).toBe(DEFAULT_SETTINGS.statIntervalSec)
    expect(first(store.read()).identity).toEqual(first(fullState()).identity)
  })
})

describe('the API key never reaches the state file', () => {
  it('refuses a write holding an sk_live_ key anywhere, and leaves the file unchanged', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write(fullState())
    const before = fs.readFileSync(store.file, 'utf8')
    const key = `sk_live_${'0123456789abcdef'.repeat(2)}`
    const leaking = { ...fullState(), view: { note: key } }
    expect(() => store.write(leaking)).toThrow(SecretInStateError)
    expect(() => store.write(withAccount(fullState(), { baseUrl: `https://a.example.org/?k=${key}` }))).toThrow(SecretInStateError)
    expect(() => store.write({ ...fullState(), view: { glued: `prefix${key}` } })).toThrow(SecretInStateError)
    expect(fs.readFileSync(store.file, 'utf8')).toBe(before)
    expect(before).not.toContain('sk_live_')
  })

  it('refuses a registered secret of any shape, and the error message does not contain it', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    const secret = 'custom-format-key-4242-abcd'
    registerSecret(secret)
    let message = ''
    try {
      store.write(withAccount(fullState(), { identity: { userId: `usr_${'b'.repeat(32)}`, email: 'x@example.org', displayName: secret } }))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/looks like an API key/)
    expect(message).not.toContain(secret)
    expect(fs.existsSync(store.file) ? fs.readFileSync(store.file, 'utf8') : '').not.toContain(secret)
  })

  it('the schema has no place for a key: unknown top-level fields are dropped on write', () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write({ ...fullState(), apiKeyHint: 'xyz' } as unknown as PersistedState)
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8'))).not.toHaveProperty('apiKeyHint')
  })
})
