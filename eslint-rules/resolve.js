// @ts-check
/**
 * Resolves an import specifier to what it names: a file in the repository (relative paths and the
 * tsconfig.base.json path aliases), a Node built-in, or a package.
 */
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'

export const REPO_ROOT = path.resolve(import.meta.dirname, '..')

/** @typedef {{ kind: 'file', path: string } | { kind: 'builtin', name: string } | { kind: 'package', name: string, specifier: string }} Target */

/** The path aliases of tsconfig.base.json (the one source), as [prefix, folder] pairs. */
function readAliases() {
  const tsconfig = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tsconfig.base.json'), 'utf8'))
  /** @type {Record<string, string[]>} */
  const paths = tsconfig.compilerOptions?.paths ?? {}
  return Object.entries(paths).map(([pattern, [target]]) => ({
    prefix: pattern.replace(/\*$/, ''),
    folder: path.resolve(REPO_ROOT, String(target).replace(/\*$/, ''))
  }))
}

const ALIASES = readAliases()
const BUILTINS = new Set(builtinModules)

/**
 * @param {string} specifier
 * @param {string} importer absolute path of the importing file
 * @returns {Target}
 */
export function resolveSpecifier(specifier, importer) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    return { kind: 'file', path: path.resolve(path.dirname(importer), specifier) }
  }
  for (const alias of ALIASES) {
    if (specifier.startsWith(alias.prefix)) {
      return { kind: 'file', path: path.join(alias.folder, specifier.slice(alias.prefix.length)) }
    }
  }
  if (specifier.startsWith('node:')) return { kind: 'builtin', name: specifier }
  if (BUILTINS.has(specifier)) return { kind: 'builtin', name: specifier }
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
  return { kind: 'package', name, specifier }
}

/** @type {Set<string> | undefined} */
let declared

/** Every package package.json declares (dependencies of every kind), read once per lint run. */
export function declaredPackages() {
  if (declared) return declared
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))
  declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {})
  ])
  return declared
}
