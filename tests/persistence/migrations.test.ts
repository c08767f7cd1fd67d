import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_BASE_URL, DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { CURRENT_STATE_VERSION, migrateState, renameKey, storedVersion, STATE_MIGRATIONS, type StateMigration } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { keychainAccount } from '@main/engine/ports'
import { recordingLogger, tempDir } from './helpers'

/** The flat (v0/v1) parts, as the v1→v2 step puts them into the first account. */
const inFirstAccount = (baseUrl: string, parts: Record<string, unknown> = {}) => ({
  id: 'primary',
  baseUrl,
  keychainAccount: keychainAccount(baseUrl),
  identity: null,
  ledger: {},
  snapshot: null,
  ...parts
})

describe('migration framework', () => {
  it('treats a document without version as v0 and an empty one as current', () => {
    expect(storedVersion({ serverUrl: 'x' })).toBe(0)
    expect(storedVersion({})).toBe(CURRENT_STATE_VERSION)
    expect(storedVersion({ version: 1 })).toBe(1)
  })

  it('runs the built-in v0→v1 rename', () => {
    const outcome = migrateState({ serverUrl: 'https://a.example.org', alertLedger: {}, settings: { statIntervalSec: 4 } }, STATE_MIGRATIONS, 1)
    expect(outcome.fromVersion).toBe(0)
    expect(outcome.version).toBe(1)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org', ledger: {}, settings: { statIntervalSec: 4 } })
    expect(outcome.applied).toHaveLength(1)
  })

  it('runs v1→v2: the flat account parts move into accounts[0], the global ones stay', () => {
    const outcome = migrateState({ version: 1, baseUrl: 'https://a.example.org', identity: null, ledger: {}, view: { tab: 'mine' } })
    expect(outcome.version).toBe(2)
    expect(outcome.document).toEqual({ view: { tab: 'mine' }, accounts: [inFirstAccount('https://a.example.org')] })
  })

  it('v1→v2 keeps accounts that are already there (a v2 file whose version was lost)', () => {
    const accounts = [inFirstAccount('https://b.example.org')]
    expect(migrateState({ accounts }).document).toEqual({ accounts })
  })

  it('keeps the newer value when both the old and the new name exist', () => {
    expect(renameKey({ serverUrl: 'old', baseUrl: 'new' }, 'serverUrl', 'baseUrl')).toEqual({ baseUrl: 'new' })
  })

  it('applies steps in order up to the target version', () => {
    const steps: StateMigration[] = [
      STATE_MIGRATIONS[0]!,
      { from: 2, to: 3, description: 'c', up: (d) => ({ ...d, trail: `${String(d.trail)}>3` }) },
      { from: 1, to: 2, description: 'b', up: (d) => ({ ...d, trail: `${String(d.trail ?? '')}>2` }) }
    ]
    const outcome = migrateState({ serverUrl: 'https://a.example.org' }, steps, 3)
    expect(outcome.version).toBe(3)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org', trail: '>2>3' })
    expect(outcome.applied.map((line) => line.slice(0, 6))).toEqual(['v0→v1:', 'v1→v2:', 'v2→v3:'])
  })

  it('a failing step is reported, not fatal, and the data before it is kept', () => {
    const steps: StateMigration[] = [
      STATE_MIGRATIONS[0]!,
      {
        from: 1,
        to: 2,
        description: 'boom',
        up: () => {
          throw new Error('bad step')
        }
      }
    ]
    const outcome = migrateState({ serverUrl: 'https://a.example.org' }, steps, 2)
    expect(outcome.version).toBe(1)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org' })
    expect(outcome.warnings.join(' ')).toMatch(/v1→v2 failed/)
  })

  it('a missing step stops at the last reachable version with a warning', () => {
    const outcome = migrateState({ version: 1, baseUrl: 'https://a.example.org' }, [STATE_MIGRATIONS[0]!], 2)
    expect(outcome.version).toBe(1)
    expect(outcome.warnings.join(' ')).toMatch(/no migration from v1/)
  })

  it('a nonsense version counts as v0 with a warning', () => {
    const outcome = migrateState({ version: 'one', serverUrl: 'https://a.example.org' })
    expect(outcome.fromVersion).toBe(0)
    expect(outcome.warnings.join(' ')).toMatch(/version/)
    expect(outcome.document).toEqual({ accounts: [inFirstAccount('https://a.example.org')] })
  })
})

const study = (n: number) => ({
  studyId: `stu_${n.toString(16).padStart(32, '0')}`,
  studyInstanceUid: `1.2.840.${n}`,
  studyDescription: 'CT HEAD',
  severity: 'stat',
  studyViewerStatus: 'incomplete',
  isCancelled: false,
  cancelledAt: null,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z'
})
const SERVER = 'https://avara.example.org:8443'
const identity = { userId: `usr_${'a'.repeat(32)}`, email: 'rad@example.org', displayName: 'Dr Rad' }
// A snoozed, acknowledged entry and an opened one: the ledger keeps alerts exactly-once across the update.
const ledger = {
  [study(1).studyId]: { severityAtAlert: 'stat', firstAlertedAt: 1000, lastAlertedAt: 2000, alertCount: 2, acknowledged: true, opened: false, snoozedUntil: 9_000_000 },
  [study(2).studyId]: { severityAtAlert: 'high', firstAlertedAt: 1500, lastAlertedAt: 1500, alertCount: 1, acknowledged: false, opened: true, snoozedUntil: null }
}
const snapshot = { mine: [study(1)], statPool: [study(2)], fetchedAt: '2026-11-26T10:00:05.000Z' }
const settings = { ...DEFAULT_SETTINGS, statIntervalSec: 4, alerts: { ...DEFAULT_SETTINGS.alerts, reAlertMinutes: 7 } }
const view = { queueView: 'pool', compact: true }
const window = { x: 10, y: 20, width: 900, height: 700 }

/** A full profile as each earlier version wrote it. A new version must add its own (the test below checks). */
const WRITTEN_BY: Record<number, Record<string, unknown>> = {
  0: { serverUrl: SERVER, identity, alertLedger: ledger, snapshot, settings, windowBounds: window, view },
  1: { version: 1, baseUrl: SERVER, identity, ledger, snapshot, settings, window, view, setByUser: ['statIntervalSec'] }
}

describe('a profile from every earlier version reaches the current layout with nothing lost', () => {
  it('has a profile for every earlier version', () => {
    expect(Object.keys(WRITTEN_BY).map(Number)).toEqual(Array.from({ length: CURRENT_STATE_VERSION }, (_, v) => v))
  })

  it.each(Object.entries(WRITTEN_BY))('v%s on disk', (version, document) => {
    const cwd = tempDir('rrc-migrate-')
    try {
      fs.writeFileSync(path.join(cwd, 'companion-state.json'), JSON.stringify(document))
      const logger = recordingLogger()
      const store = createConfStateStore({ cwd, logger })
      const state = store.read()
      expect(store.recovery()?.message ?? null).toBeNull()
      expect(state.accounts).toHaveLength(1)
      const [account] = state.accounts
      expect(account).toEqual({
        id: 'primary',
        baseUrl: SERVER,
        // Where the key has been stored all along: the user does not type it again.
        keychainAccount: `avara-api-key@${SERVER}`,
        identity,
        ledger,
        snapshot
      })
      expect(state.settings.statIntervalSec).toBe(4)
      expect(state.settings.alerts.reAlertMinutes).toBe(7)
      expect(state.view).toEqual(view)
      expect(state.window).toEqual(window)
      if (version === '1') expect(state.setByUser).toEqual(['statIntervalSec'])
      expect(logger.entries.filter((e) => e.level === 'warn')).toEqual([])
      // Written back in the new layout; a restart reads the same without migrating again.
      store.write(state)
      const onDisk = JSON.parse(fs.readFileSync(path.join(cwd, 'companion-state.json'), 'utf8'))
      expect(onDisk.version).toBe(CURRENT_STATE_VERSION)
      expect(onDisk).not.toHaveProperty('baseUrl')
      expect(onDisk).not.toHaveProperty('ledger')
      store.close()
      expect(createConfStateStore({ cwd }).read()).toEqual(state)
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true })
    }
  })

  it('a v2 profile from before per-account settings reads with none; one with them keeps them across a restart', () => {
    const cwd = tempDir('rrc-migrate-')
    try {
      const account = inFirstAccount(SERVER, { identity, ledger, snapshot })
      const second = { ...inFirstAccount(SERVER), id: 'acc-b', keychainAccount: `avara-api-key@${SERVER}#acc-b`, label: 'Night' }
      fs.writeFileSync(path.join(cwd, 'companion-state.json'), JSON.stringify({ version: 2, accounts: [account, second], settings, window, view }))
      const logger = recordingLogger()
      const store = createConfStateStore({ cwd, logger })
      const state = store.read()
      expect(state.accounts.map((a) => 'overrides' in a)).toEqual([false, false])
      expect(logger.entries.filter((e) => e.level === 'warn')).toEqual([])
      const overrides = { statIntervalSec: 2, alerts: { sound: false } }
      store.write({ ...state, accounts: [state.accounts[0]!, { ...state.accounts[1]!, overrides }] })
      store.close()
      const again = createConfStateStore({ cwd }).read()
      expect(again.accounts.map((a) => a.overrides)).toEqual([undefined, overrides])
      expect(JSON.parse(fs.readFileSync(path.join(cwd, 'companion-state.json'), 'utf8')).version).toBe(CURRENT_STATE_VERSION)
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true })
    }
  })

  it('a v1 profile on the default server keeps that server and its key name', () => {
    const outcome = migrateState({ version: 1, settings: {} })
    expect(outcome.document.accounts).toEqual([inFirstAccount(DEFAULT_BASE_URL)])
  })
})
