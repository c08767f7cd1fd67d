/**
 * A state caching thousands of studies (10,000 are about 9 MiB) is written off the hot path:
 * serialised over several turns of the event loop and written asynchronously, read back from
 * memory meanwhile, overtaken by a newer write or by flush(), and still refused when it holds a
 * key, found as the studies are serialised (issue 8, item 7; docs/core.md "Figures").
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { SecretInStateError } from '@main/engine/persistence'
import { clearRegisteredSecretsForTests, registerSecret } from '@main/engine/logging'
import type { PersistedState } from '@main/engine/ports'
import { BACKGROUND_WRITE_STUDIES, createConfStateStore } from '@main/node/persistence/state-store'
import { STUDIES_PER_TURN, stringifyInTurns } from '@main/node/persistence/chunked-json'
import { recordingLogger, tempDir } from './helpers'

const study = (n: number, description = `CT HEAD ${n}`) => ({
  studyId: `stu_${n.toString(16).padStart(32, '0')}`,
  studyInstanceUid: `1.2.840.${n}`,
  studyDescription: description,
  severity: 'normal',
  studyViewerStatus: 'incomplete',
  isCancelled: false,
  cancelledAt: null,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z'
})

const COUNT = BACKGROUND_WRITE_STUDIES * 3
const studies = Array.from({ length: COUNT }, (_, i) => study(i + 1))

function bigState(marker: string, mine = studies): PersistedState {
  return {
    accounts: [
      {
        id: 'primary',
        baseUrl: 'http://127.0.0.1:4010',
        keychainAccount: 'avara-api-key@http://127.0.0.1:4010',
        identity: { userId: `usr_${'a'.repeat(32)}`, email: 'rad@example.org', displayName: marker },
        ledger: {},
        snapshot: { mine, statPool: [study(COUNT + 1)], fetchedAt: '2026-11-26T10:00:05.000Z' }
      }
    ],
    settings: DEFAULT_SETTINGS,
    window: null,
    view: {}
  } as unknown as PersistedState
}

let dirs: string[] = []
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  dirs = []
  clearRegisteredSecretsForTests()
})
const newDir = () => {
  const dir = tempDir()
  dirs.push(dir)
  return dir
}
const fileOf = (cwd: string) => path.join(cwd, 'companion-state.json')
const onDisk = (cwd: string) => JSON.parse(fs.readFileSync(fileOf(cwd), 'utf8')) as { accounts: Array<{ identity: { displayName: string }; snapshot: { mine: unknown[] } }> }
const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('the state file with a large cached queue', () => {
  it('is serialised over several turns, written in the background, and read from memory meanwhile', async () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write(bigState('first'))
    // Not written in this turn: the file is not there yet, but the state is.
    expect(fs.existsSync(fileOf(cwd)) && onDisk(cwd).accounts[0]?.identity?.displayName === 'first').toBe(false)
    expect(store.read().accounts[0]!.snapshot!.mine).toHaveLength(COUNT)
    let turns = 0
    const count = () => {
      turns++
      if (!fs.existsSync(fileOf(cwd)) || onDisk(cwd).accounts[0]?.identity?.displayName !== 'first') setImmediate(count)
    }
    setImmediate(count)
    await until(() => fs.existsSync(fileOf(cwd)) && onDisk(cwd).accounts[0]?.identity?.displayName === 'first', 'the background write')
    // Other work ran between the slices (a blocking write would leave one turn at most).
    expect(turns).toBeGreaterThanOrEqual(COUNT / STUDIES_PER_TURN)
    const written = onDisk(cwd)
    expect(written.accounts[0]!.snapshot.mine).toEqual(studies)
    expect(store.saveStatus().ok).toBe(true)
    // A new store reads it back, every study validated on read.
    expect(createConfStateStore({ cwd }).read().accounts[0]!.snapshot!.mine).toHaveLength(COUNT)
    store.close()
  })

  it('serialises to the same text as JSON.stringify', async () => {
    const state = bigState('same') as unknown as Record<string, unknown>
    expect((await stringifyInTurns(state)).join('')).toBe(JSON.stringify(state))
  })

  it('a newer write wins over one still in the background, and flush() writes what is pending at once', async () => {
    const cwd = newDir()
    const store = createConfStateStore({ cwd })
    store.write(bigState('older'))
    store.write(bigState('newer', studies.slice(0, COUNT - 1)))
    await until(() => fs.existsSync(fileOf(cwd)) && onDisk(cwd).accounts[0]?.identity?.displayName === 'newer', 'the newer write')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(onDisk(cwd).accounts[0]!.identity.displayName).toBe('newer')
    expect(onDisk(cwd).accounts[0]!.snapshot.mine).toHaveLength(COUNT - 1)
    store.write(bigState('flushed'))
    store.flush()
    expect(onDisk(cwd).accounts[0]!.identity.displayName).toBe('flushed')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(onDisk(cwd).accounts[0]!.identity.displayName).toBe('flushed')
    store.close()
  })

  it('still refuses a key in a cached study (found while serialising, in turns), also one registered after the same studies were found clean', async () => {
    const cwd = newDir()
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    /** Refusals of a document for a cached study. */
    const refusals = () => logger.entries.filter((e) => e.level === 'error' && e.message.includes('key-like') && String(e.fields?.path).includes('.snapshot.')).map((e) => e.fields?.path)
    store.write(bigState('written'))
    await until(() => fs.existsSync(fileOf(cwd)) && onDisk(cwd).accounts[0]?.identity?.displayName === 'written', 'the first write')
    const key = `sk_live_${'c'.repeat(32)}`
    const leaking = [...studies, study(COUNT + 5, `CT ${key}`)]
    // A key outside the cached studies is still refused at once.
    expect(() => store.write({ ...bigState('outside'), view: { note: key } } as PersistedState)).toThrow(SecretInStateError)
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.fields?.path)).toEqual(['$.view.note'])
    // One in a study is found in the background, a slice per turn: the write is dropped, the file keeps what it had.
    store.write(bigState('leak', leaking))
    await until(() => refusals().length === 1, 'the refusal')
    expect(refusals()).toEqual([`$.accounts[0].snapshot.mine[${COUNT}].studyDescription`])
    expect(store.read().accounts[0]!.identity!.displayName).toBe('written')
    // flush() checks what the background write has not reached yet.
    store.write(bigState('leak-flushed', leaking))
    store.flush()
    expect(refusals()).toHaveLength(2)
    const registered = 'a-registered-secret-9f3k'
    const carrying = [...studies, study(COUNT + 6, `MR ${registered}`)]
    store.write(bigState('clean', carrying))
    await until(() => onDisk(cwd).accounts[0]?.identity?.displayName === 'clean', 'the clean write')
    registerSecret(registered)
    store.write(bigState('again', carrying))
    await until(() => refusals().length === 3, 'the refusal of a study found clean before the secret was registered')
    await new Promise((resolve) => setTimeout(resolve, 100))
    // The file keeps the write from before the secret was registered.
    expect(fs.readFileSync(fileOf(cwd), 'utf8').includes(key)).toBe(false)
    expect(onDisk(cwd).accounts[0]!.identity.displayName).toBe('clean')
    store.close()
  })

  it('refuses a study holding a secret registered after the write was handed over, before its studies were walked', async () => {
    const cwd = newDir()
    const logger = recordingLogger()
    const store = createConfStateStore({ cwd, logger })
    const registered = 'registered-while-writing-7q2w'
    const carrying = [...studies, study(COUNT + 7, `MR ${registered}`)]
    store.write(bigState('clean', carrying))
    await until(() => fs.existsSync(fileOf(cwd)) && onDisk(cwd).accounts[0]?.identity?.displayName === 'clean', 'the clean write')
    store.write(bigState('late', carrying))
    registerSecret(registered)
    await until(() => logger.entries.some((e) => e.level === 'error' && String(e.fields?.path).endsWith(`mine[${COUNT}].studyDescription`)), 'the refusal')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(onDisk(cwd).accounts[0]!.identity.displayName).toBe('clean')
    store.close()
  })

  it('checks the studies as it serialises them: a queue it has not seen before is walked a slice per turn', async () => {
    const seen: string[] = []
    let turnsAtCheck = 0
    let turns = 0
    const tick = () => {
      turns++
      if (seen.length < COUNT) setImmediate(tick)
    }
    setImmediate(tick)
    await stringifyInTurns(bigState('walked') as unknown as Record<string, unknown>, (_study, at) => {
      seen.push(at)
      if (seen.length === COUNT) turnsAtCheck = turns
    })
    expect(seen.slice(0, 2)).toEqual(['$.accounts[0].snapshot.mine[0]', '$.accounts[0].snapshot.mine[1]'])
    expect(seen).toHaveLength(COUNT + 1)
    expect(turnsAtCheck).toBeGreaterThanOrEqual(COUNT / STUDIES_PER_TURN - 1)
  })
})
