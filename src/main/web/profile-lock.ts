/**
 * One web shell per profile: two would poll twice and race on the alert ledger (duplicate or lost
 * alerts). A lock file holds the owner's pid; a lock whose process is gone is taken over.
 */
import fs from 'node:fs'
import path from 'node:path'

export const LOCK_FILE = 'web-shell.lock'

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
  release(): void
}

export function lockProfile(profileDir: string): ProfileLock {
  const file = path.join(profileDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600)
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      let released = false
      return {
        release() {
          if (released) return
          released = true
          try {
            if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true })
          } catch {
            // already gone
          }
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number.parseInt(readOrEmpty(file), 10)
      // Our own pid counts as alive: two shells in one process would race just the same.
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new ProfileInUseError(owner, file)
      // Stale (the owner died without cleaning up) or unreadable: take it over.
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error('Could not lock the profile.')
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    return ''
  }
}
