/**
 * The engine's writer of the per-account state: account parts go to the first (shown) account,
 * the other accounts are written back untouched, and the key's place follows a new server.
 */
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultAccount, defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { silentLogger } from '@main/engine/logging'
import { StateKeeper } from '@main/engine/state-keeper'
import { tempDir } from './helpers'

const entry = { severityAtAlert: 'stat' as const, firstAlertedAt: 1, lastAlertedAt: 1, alertCount: 1, acknowledged: false, opened: false, snoozedUntil: null }
const studyId = `stu_${'1'.repeat(32)}`

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
})

describe('StateKeeper on the per-account state', () => {
  it('saves account parts into the first account and keeps the others as they were, across a restart', () => {
    const cwd = tempDir('rrc-keeper-')
    dirs.push(cwd)
    const other = { ...defaultAccount('night'), baseUrl: 'https://b.example.org', keychainAccount: 'avara-api-key@https://b.example.org#night', ledger: { [studyId]: { ...entry, alertCount: 4 } } }
    createConfStateStore({ cwd }).write({ ...defaultPersistedState(), accounts: [defaultAccount(), other] })

    const keeper = new StateKeeper(createConfStateStore({ cwd }), silentLogger)
    keeper.save({ ledger: { [studyId]: entry }, view: { tab: 'mine' } })
    keeper.save({ baseUrl: 'https://a.example.org' })

    const stored = createConfStateStore({ cwd }).read()
    expect(stored.view).toEqual({ tab: 'mine' })
    expect(stored.accounts[0]).toMatchObject({ id: 'primary', baseUrl: 'https://a.example.org', keychainAccount: 'avara-api-key@https://a.example.org', ledger: { [studyId]: entry } })
    // The same study in the other account is another study: its entry is not touched.
    expect(stored.accounts[1]).toEqual(other)
    expect(keeper.account.id).toBe('primary')
  })
})
