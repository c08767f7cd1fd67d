/**
 * The profile lock under a real race: contender processes released at the same instant, round
 * after round (200 attempts in all), some rounds starting from a stale lock of a dead process.
 * Exactly one contender may hold the lock each round; every other one is told the profile is in use.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureProfileDir, LOCK_FILE, lockProfile, ProfileNotWritableError } from '@main/web/profile-lock'
import { tempDir } from './helpers'

const CONTENDERS = 8
const ROUNDS = 25
/** Far above this machine's pid_max (checked below), so never a live process. */
const DEAD_PID = 4_194_000

interface Result {
  type: 'result'
  acquired: boolean
  pid: number
  inUse?: boolean
  message?: string
}

let children: ChildProcess[] = []
const inbox = new Map<ChildProcess, Array<(message: unknown) => void>>()

function next(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => inbox.get(child)!.push(resolve))
}

beforeAll(async () => {
  const contender = path.join(import.meta.dirname, 'fixtures/lock-contender.ts')
  children = Array.from({ length: CONTENDERS }, () => fork(contender, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
  for (const child of children) {
    inbox.set(child, [])
    child.on('message', (message) => inbox.get(child)!.shift()?.(message))
  }
  await Promise.all(children.map((child) => next(child)))
}, 60_000)

afterAll(() => {
  for (const child of children) child.kill()
})

describe('the profile lock with racing processes', () => {
  it(`gives the lock to exactly one of ${CONTENDERS} processes in each of ${ROUNDS} rounds (${CONTENDERS * ROUNDS} attempts), stale lock or not`, async () => {
    expect(Number(fs.readFileSync('/proc/sys/kernel/pid_max', 'utf8'))).toBeLessThan(DEAD_PID)
    const profile = tempDir('rrc-lock-race-')
    const holdersPerRound: number[] = []
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Every other round starts from a lock its dead owner left behind: the contenders race to take it over.
        if (round % 2 === 1) fs.writeFileSync(path.join(profile, LOCK_FILE), `${DEAD_PID}\nleft-by-a-crash\n`)
        const at = Date.now() + 80
        const results = (await Promise.all(
          children.map((child) => {
            const answer = next(child)
            child.send({ type: 'go', at, dir: profile })
            return answer
          })
        )) as Result[]
        const holders = results.filter((result) => result.acquired)
        holdersPerRound.push(holders.length)
        for (const loser of results.filter((result) => !result.acquired)) expect(loser.inUse, loser.message).toBe(true)
        // The file names the one holder.
        if (holders.length === 1) expect(fs.readFileSync(path.join(profile, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(holders[0]!.pid))
        await Promise.all(
          children.map((child) => {
            const answer = next(child)
            child.send({ type: 'release' })
            return answer
          })
        )
        expect(fs.existsSync(path.join(profile, LOCK_FILE))).toBe(false)
      }
      expect(holdersPerRound).toEqual(Array.from({ length: ROUNDS }, () => 1))
      // No temporary or set-aside file is left behind.
      expect(fs.readdirSync(profile)).toEqual([])
    } finally {
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('the profile lock in a folder that cannot be written', () => {
  it('says so in words instead of a raw EROFS (a read-only tmpfs where the test may mount one)', async () => {
    const { mountTmpfs } = await import('../integration/helpers/tmpfs')
    const mount = mountTmpfs('rrc-lock-ro-')
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    try {
      mount.setReadOnly(true)
      let error: unknown
      try {
        lockProfile(mount.dir)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ProfileNotWritableError)
      expect((error as Error).message).toMatch(/cannot be written: the disk is read-only/)
      expect((error as Error).message).not.toMatch(/EROFS/)
    } finally {
      mount.unmount()
    }
  })

  it('a profile folder that cannot even be created is explained in words', async () => {
    const { mountTmpfs } = await import('../integration/helpers/tmpfs')
    const mount = mountTmpfs('rrc-lock-ro3-')
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    try {
      mount.setReadOnly(true)
      expect(() => ensureProfileDir(path.join(mount.dir, 'new-profile'))).toThrow(/cannot be written: the disk is read-only/)
    } finally {
      mount.unmount()
    }
  })

  it('releasing a lock after the folder turned read-only is quiet, and the lock is taken over once it is writable', async () => {
    const { mountTmpfs } = await import('../integration/helpers/tmpfs')
    const mount = mountTmpfs('rrc-lock-ro2-')
    if (!mount.ok) {
      console.log(`skipped: ${mount.reason}`)
      return
    }
    try {
      const lock = lockProfile(mount.dir)
      mount.setReadOnly(true)
      expect(() => lock.release()).not.toThrow()
      mount.setReadOnly(false)
      // Our own pid is alive, so the leftover lock still counts as held by this process.
      expect(() => lockProfile(mount.dir)).toThrow(/is using this profile/)
      // As it would be after a restart (a new process): the leftover names a dead pid.
      fs.writeFileSync(path.join(mount.dir, LOCK_FILE), `${DEAD_PID}\nold\n`)
      lockProfile(mount.dir).release()
      expect(fs.readdirSync(mount.dir)).toEqual([])
    } finally {
      mount.unmount()
    }
  })
})
