/**
 * One web shell per profile: two would poll twice and race on the alert ledger (duplicate or lost
 * alerts). The lock file names its owner (pid + a per-run nonce) and is never seen half-written:
 * it is written in full under a temporary name and hard-linked into place, which fails with EEXIST
 * atomically when another process holds it. A lock whose process is gone is taken over, but only by
 * renaming away the exact file that was judged stale (same inode, same content), so a contender
 * never deletes a lock that another process has just created. See docs/fault-tolerance.md.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describeWriteProblem, isWriteProblem } from '@main/node/write-problems'

export const LOCK_FILE = 'web-shell.lock'
/** A lock without a readable owner younger than this may still be being written by an older version: wait. */
const UNREADABLE_GRACE_MS = 2_000
const MAX_ATTEMPTS = 400
/** A breaker lock whose owner is alive but older than this is taken to be left over too. */
const BREAKER_STALE_MS = 30_000

export class ProfileInUseError extends Error {
  constructor(
    readonly pid: number,
    readonly lockFile: string
  ) {
    super(
      `Another Reading Room Companion web shell (process ${pid}) is using this profile. Stop it, or pass another --profile. ` +
        `If no web shell is running, delete ${lockFile}.`
    )
    this.name = 'ProfileInUseError'
  }
}

/** The profile folder cannot be written (read-only disk, full disk, permissions): said in words. */
export class ProfileNotWritableError extends Error {
  constructor(
    readonly profileDir: string,
    readonly code: string
  ) {
    super(
      `The profile folder ${profileDir} cannot be written: ${describeWriteProblem(code)}. ` +
        'The web shell needs to write its lock, settings and alert history there. Make the folder writable, or pass another --profile.'
    )
    this.name = 'ProfileNotWritableError'
  }
}


/** Create the profile folder (owner-only); a folder that cannot be created is explained in words. */
export function ensureProfileDir(profileDir: string): void {
  try {
    fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 })
  } catch (error) {
    // A recursive mkdir on a read-only disk reports ENOENT; one plain mkdir tells the real reason.
    let errno = code(error)
    if (errno === 'ENOENT' && fs.existsSync(path.dirname(profileDir))) {
      try {
        fs.mkdirSync(profileDir, { mode: 0o700 })
        return
      } catch (plain) {
        errno = code(plain)
      }
    }
    if (isWriteProblem(errno)) throw new ProfileNotWritableError(profileDir, errno)
    throw error
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface ProfileLock {
  readonly file: string
  release(): void
}

/** What a lock file holds: `<pid>\n<nonce>\n` (a lock of an older version holds only the pid). */
interface Inspected {
  ino: number
  content: string
  pid: number | null
  ageMs: number
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code

function inspect(file: string): Inspected | null {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (error) {
    if (code(error) === 'ENOENT') return null
    throw error
  }
  try {
    // Content and inode from one open file, so they describe the same lock.
    const stat = fs.fstatSync(fd)
    const content = fs.readFileSync(fd, 'utf8')
    const pid = Number.parseInt(content.split('\n')[0] ?? '', 10)
    return { ino: stat.ino, content, pid: Number.isInteger(pid) && pid > 0 ? pid : null, ageMs: Date.now() - stat.mtimeMs }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Remove `file` only if it is still the lock that was inspected: rename it to a name of our own
 * (atomic), check the renamed file is that one, and delete it; otherwise put it back.
 * Returns false when the file had already changed.
 */
function removeIfSame(file: string, inspected: Inspected, tag: string): boolean {
  const aside = `${file}.${tag}.stale`
  try {
    fs.renameSync(file, aside)
  } catch (error) {
    if (code(error) === 'ENOENT') return false
    throw error
  }
  const moved = inspect(aside)
  if (moved && moved.ino === inspected.ino && moved.content === inspected.content) {
    fs.rmSync(aside, { force: true })
    return true
  }
  // We moved a lock someone created after our inspection: put it back (link fails if yet another took the place).
  try {
    fs.linkSync(aside, file)
  } catch {
    // The place is taken again; that holder's lock stands, and this moved copy names a live owner.
  }
  fs.rmSync(aside, { force: true })
  return false
}

/**
 * Remove a lock judged stale, one breaker at a time: the breaker takes `<lock>.break` (linked into
 * place like the lock), re-inspects the lock and removes it only if it is still the one judged
 * stale. Without this, a contender holding an old judgement could move aside a lock another process
 * had just created. A breaker that died mid-way leaves a break lock naming a dead process (or an old
 * one): it is removed the same careful way.
 */
function breakStale(file: string, judged: Inspected, tag: string, content: string): void {
  const breaker = `${file}.break`
  const temporary = `${file}.${tag}.break-tmp`
  fs.writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' })
  let mine = false
  try {
    fs.linkSync(temporary, breaker)
    mine = true
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error
  } finally {
    fs.rmSync(temporary, { force: true })
  }
  if (!mine) {
    const other = inspect(breaker)
    if (other && ((other.pid !== null && !isAlive(other.pid)) || other.ageMs > BREAKER_STALE_MS)) removeIfSame(breaker, other, tag)
    else sleepSync(2)
    return
  }
  try {
    const current = inspect(file)
    if (current && current.ino === judged.ino && current.content === judged.content) removeIfSame(file, current, tag)
  } finally {
    const held = inspect(breaker)
    if (held && held.content === content) removeIfSame(breaker, held, tag)
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

export function lockProfile(profileDir: string): ProfileLock {
  const file = path.join(profileDir, LOCK_FILE)
  const nonce = randomBytes(12).toString('hex')
  const tag = `${process.pid}-${nonce}`
  const content = `${process.pid}\n${nonce}\n`
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const temporary = `${file}.${tag}.tmp`
      fs.writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' })
      // A hard link shares the inode: this is the lock's identity once it is in place.
      const ino = fs.statSync(temporary).ino
      let linked = false
      try {
        fs.linkSync(temporary, file)
        linked = true
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error
      } finally {
        fs.rmSync(temporary, { force: true })
      }
      if (linked) return heldLock(file, content, tag, ino)

      const current = inspect(file)
      if (current === null) continue // released meanwhile: try again
      // Our own pid counts as alive: two shells in one process would race just the same.
      if (current.pid !== null && isAlive(current.pid)) throw new ProfileInUseError(current.pid, file)
      if (current.pid === null && current.ageMs < UNREADABLE_GRACE_MS) {
        sleepSync(50)
        continue
      }
      // Stale: its owner died without cleaning up (or it names no owner and is old).
      breakStale(file, current, tag, content)
    }
  } catch (error) {
    if (error instanceof ProfileInUseError) throw error
    const errno = code(error)
    if (isWriteProblem(errno)) throw new ProfileNotWritableError(profileDir, errno)
    throw error
  }
  throw new Error(`Could not lock the profile ${profileDir}: the lock kept changing. Try again.`)
}

function heldLock(file: string, content: string, tag: string, ino: number): ProfileLock {
  let released = false
  return {
    file,
    release() {
      if (released) return
      released = true
      try {
        const current = inspect(file)
        // Only our own lock, identified by inode and content, is removed.
        if (current && current.ino === ino && current.content === content) removeIfSame(file, current, tag)
      } catch {
        // Gone already, or the profile turned read-only: the lock then names a dead process and is taken over next time.
      }
    }
  }
}
