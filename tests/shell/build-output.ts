/**
 * Makes sure the built bundles exist and are not older than their sources: rebuilds once with
 * `electron-vite build` when needed (npm test builds first, so this is usually a no-op).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
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

export function ensureBuiltBundles(): void {
  const sourcesTime = Math.max(...SOURCES.filter(existsSync).map(newestSource))
  if (isFresh(MAIN_BUNDLE, sourcesTime) && isFresh(PRELOAD_BUNDLE, sourcesTime)) return
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 })
  // The renderer is built last; main and preload are what this suite needs.
  if (!isFresh(MAIN_BUNDLE, sourcesTime) || !isFresh(PRELOAD_BUNDLE, sourcesTime)) {
    throw new Error(
      `out/main/index.js or out/preload/index.cjs is missing or older than the sources, and \`npx electron-vite build\` did not produce them ` +
        `(exit ${build.status}). Run \`npm run build\` and read its errors.\n${(build.stdout ?? '') + (build.stderr ?? '')}`
    )
  }
}
