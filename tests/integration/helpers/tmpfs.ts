/**
 * A small tmpfs of the test's own, to make a profile really read-only or really full (root ignores
 * file permissions, so chmod cannot). Where mounting is refused (no root, no CAP_SYS_ADMIN), the
 * caller prints the reason and the case is skipped.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type Tmpfs =
  | { ok: true; dir: string; setReadOnly(readOnly: boolean): void; unmount(): void }
  | { ok: false; reason: string }

function run(args: string[]): string | null {
  const result = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' })
  if (result.error) return result.error.message
  return result.status === 0 ? null : (result.stderr || `exit ${result.status}`).trim()
}

export function mountTmpfs(prefix: string, sizeKiB = 1024): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const refused = run(['mount', '-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', dir])
  if (refused) {
    fs.rmSync(dir, { recursive: true, force: true })
    return { ok: false, reason: `tmpfs mount refused (${refused})` }
  }
  return {
    ok: true,
    dir,
    setReadOnly(readOnly) {
      const failed = run(['mount', '-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir])
      if (failed) throw new Error(`remount failed: ${failed}`)
    },
    unmount() {
      run(['umount', '-l', dir])
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
