/**
 * Path aliases for Vite, electron-vite and Vitest, generated from `tsconfig.base.json` `paths`
 * (the one source; tsx and Playwright read the tsconfig themselves).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const tsconfig = JSON.parse(readFileSync(resolve(import.meta.dirname, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> }
}

export const aliases: Record<string, string> = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([pattern, [target]]) => [
    pattern.replace(/\/\*$/, ''),
    resolve(import.meta.dirname, (target ?? '').replace(/\/\*$/, ''))
  ])
)
