/**
 * Makes sure the built bundles exist and are not older than their sources: rebuilds once with
 * `electron-vite build` when needed (npm test builds first, so this is usually a no-op).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { MAIN_BUNDLE, PRELOAD_BUNDLE, REPO_ROOT } from './shell-process'

const SOURCES = ['src/main', 'src/preload', 'src/shared'].map((dir) => join(REPO_ROOT, dir))

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function isFresh(bundle: string, sourcesTime: number): boolean {
  return existsSync(bundle) && statSync(bundle).mtimeMs >= sourcesTime
}

const LOCK_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'rrc-shell-build.lock')
const LOCK_WAIT_MS = 300_000

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Test files run in parallel workers: only one of them may build at a time (mkdir is atomic). */
function withBuildLock<T>(run: () => T): T {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      mkdirSync(LOCK_DIR, { recursive: false })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(join(LOCK_DIR, '..'), { recursive: true })
        continue
      }
      // A lock older than the wait limit was left by a killed run.
      const lockedAt = statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
      if (Date.now() > deadline || lockedAt < Date.now() - LOCK_WAIT_MS) rmSync(LOCK_DIR, { recursive: true, force: true })
      sleepSync(250)
    }
  }
  try {
    return run()
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true })
  }
}

export function ensureBuiltBundles(): void {
  const sourcesTime = () => Math.max(...SOURCES.filter(existsSync).map(newestSource))
  const fresh = () => isFresh(MAIN_BUNDLE, sourcesTime()) && isFresh(PRELOAD_BUNDLE, sourcesTime())
  if (fresh()) return
  withBuildLock(() => {
    if (fresh()) return // another worker built while we waited
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 })
    // The renderer is built last; main and preload are what this suite needs.
    if (!fresh()) {
      throw new Error(
        `out/main/index.js or out/preload/index.cjs is missing or older than the sources, and \`npx electron-vite build\` did not produce them ` +
          `(exit ${build.status}). Run \`npm run build\` and read its errors.\n${(build.stdout ?? '') + (build.stderr ?? '')}`
      )
    }
  })
}
