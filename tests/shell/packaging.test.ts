/**
 * Packaging for real, up to the Electron binary: electron-builder builds the Linux `dir` target
 * from the repository with a stand-in Electron distribution (tests/shell/stand-in-dist: the real
 * one cannot be downloaded here), and the test reads the app.asar it wrote. The deb and rpm
 * metadata go through electron-builder's own check (the one its fpm targets run before fpm).
 * Fuses cannot be flipped on a stand-in binary, so they are left out of this build and checked
 * against the config in packaging-config.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AfterPackContext, Configuration } from 'app-builder-lib'
import { ensureBuiltBundles } from './build-output'
import { MAIN_BUNDLE, REPO_ROOT } from './shell-process'

const require = createRequire(join(REPO_ROOT, 'package.json'))
const builderRequire = createRequire(join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'package.json'))
const yaml = builderRequire('js-yaml') as { load(text: string): unknown }
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: { isPack: boolean }): string[]
  statFile(archive: string, filename: string): { size?: number }
  extractFile(archive: string, filename: string): Buffer
}
const { build, Platform, Arch } = require('electron-builder') as typeof import('electron-builder')
const FpmTarget = (builderRequire('./out/targets/FpmTarget') as { default: FpmTargetClass }).default
const { LinuxTargetHelper } = builderRequire('./out/targets/LinuxTargetHelper') as { LinuxTargetHelper: new (packager: unknown) => unknown }

interface FpmMeta { name: string; maintainer: string; url: string; vendor: string }
type FpmTargetClass = new (name: string, packager: unknown, helper: unknown, outDir: string) => { computeFpmMetaInfoOptions(): Promise<FpmMeta> }

const STAND_IN_DIST = join(import.meta.dirname, 'stand-in-dist')
/**
 * app.asar today is about 5.8 MB: 4.6 MB of app and runtime packages plus electron-updater with its
 * own dependencies (js-yaml, fs-extra, semver, builder-util-runtime…), about 1.2 MB. It was 23 MB
 * with the sandbox's SQLite and Vue in it.
 */
const ASAR_BUDGET_BYTES = 6.5 * 1024 * 1024
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  homepage?: string
  author?: { name: string; email?: string }
  dependencies: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; version?: string }> }

/**
 * The versions of a package the lock file installs for runtime (not development-only) use, at any
 * depth: electron-builder hoists a nested runtime copy (electron-updater's own fs-extra) to the top
 * of app.asar even where the top-level copy in node_modules is a development one.
 */
function runtimeVersions(name: string): Set<string | undefined> {
  const copies = Object.entries(lock.packages).filter(([key, meta]) => (key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`)) && meta.dev !== true)
  return new Set(copies.map(([, meta]) => meta.version))
}
const fileConfig = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Configuration

/** What electron-builder's deb and rpm targets check before running fpm, on the real packager. */
async function fpmMetadata(context: AfterPackContext): Promise<Record<'deb' | 'rpm', FpmMeta | Error>> {
  const result = {} as Record<'deb' | 'rpm', FpmMeta | Error>
  for (const target of ['deb', 'rpm'] as const) {
    const fpm = new FpmTarget(target, context.packager, new LinuxTargetHelper(context.packager), context.outDir)
    result[target] = await fpm.computeFpmMetaInfoOptions().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
  }
  return result
}

interface PackResult {
  appOutDir: string
  fpm: Record<'deb' | 'rpm', FpmMeta | Error>
}

/**
 * Runs electron-builder (Linux, dir) on `projectDir` with the stand-in Electron, no fuses, no
 * network: proxies point at a closed local port, so any download would fail the build, and the
 * download cache is a fresh folder that must stay empty.
 */
async function packLinuxDir(projectDir: string, output: string, cache: string, overrides: Configuration = {}): Promise<PackResult> {
  let fpm: PackResult['fpm'] | undefined
  let appOutDir = ''
  const saved = { ...process.env }
  Object.assign(process.env, {
    ELECTRON_BUILDER_CACHE: cache,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    npm_config_offline: 'true',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false'
  })
  try {
    await build({
      projectDir,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        ...overrides,
        electronFuses: null,
        electronDist: STAND_IN_DIST,
        directories: { output },
        afterPack: async (context: AfterPackContext) => {
          appOutDir = context.appOutDir
          fpm = await fpmMetadata(context)
        }
      }
    })
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
  if (!fpm) throw new Error('afterPack never ran')
  return { appOutDir, fpm }
}

/** Bare package names the built main bundle imports (static and dynamic), without Node built-ins. */
function packagesImportedByMain(): Set<string> {
  const code = readFileSync(MAIN_BUNDLE, 'utf8')
  // Rollup writes static imports at the start of a line; dynamic ones as import("x").
  const patterns = [/^import\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["'];?$/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g]
  const specifiers = patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!)).filter((specifier) => !specifier.startsWith('.'))
  const builtins = new Set(builtinModules)
  const names = specifiers
    .filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'))
  return new Set(names)
}

describe('electron-builder --linux dir with a stand-in Electron', () => {
  const work = mkdtempSync(join(tmpdir(), 'rrc-packaging-'))
  const cache = join(work, 'electron-builder-cache')
  let packed: PackResult
  let archive: string
  let entries: string[]

  beforeAll(async () => {
    ensureBuiltBundles()
    expect(existsSync(join(REPO_ROOT, 'out', 'renderer', 'index.html')), 'out/renderer is built').toBe(true)
    packed = await packLinuxDir(REPO_ROOT, join(work, 'dist'), cache)
    archive = join(packed.appOutDir, 'resources', 'app.asar')
    entries = asar.listPackage(archive)
  }, 300_000)

  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('packs the app under its executable name and downloads nothing', () => {
    expect(existsSync(join(packed.appOutDir, fileConfig.linux!.executableName!))).toBe(true)
    expect(existsSync(archive)).toBe(true)
    // Nothing fetched into electron-builder's cache (Electron, fpm, AppImage tools...).
    const cached = existsSync(cache) ? readdirSync(cache, { recursive: true }) : []
    expect(cached).toEqual([])
  })

  it('puts the build output and package.json in app.asar, and no sources, sandbox or tests', () => {
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    for (const file of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(file)
    const ours = entries.filter((entry) => !entry.startsWith('/node_modules/'))
    expect(ours.filter((entry) => /\/(src|tests|sandbox|scripts|bench)(\/|$)/.test(entry))).toEqual([])
    expect(entries.filter((entry) => /better-sqlite3|\.(sqlite|db)$/i.test(entry))).toEqual([])
    expect(entries.filter((entry) => /\.(map|ts|cts|mts)$/.test(entry))).toEqual([])
  })

  it('carries no development dependency, and every runtime dependency', () => {
    const packagedModules = new Set(entries.filter((entry) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(entry)).map((entry) => entry.slice('/node_modules/'.length)))
    // npm marks in the lock file every package that only development dependencies need; a packaged
    // copy must be one of the versions installed for runtime use.
    const versionIn = (name: string) => (JSON.parse(asar.extractFile(archive, `node_modules/${name}/package.json`).toString('utf8')) as { version?: string }).version
    const devOnly = [...packagedModules].filter((name) => !runtimeVersions(name).has(versionIn(name)))
    expect(devOnly).toEqual([])
    expect(packagedModules).not.toContain('better-sqlite3')
    expect(packagedModules).not.toContain('vue')
    expect(packagedModules).not.toContain('pinia')
    for (const name of Object.keys(manifest.dependencies)) expect(packagedModules).toContain(name)
    // keytar is optional: packaged (its native part unpacked beside app.asar) when it was built.
    if (existsSync(join(REPO_ROOT, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))) {
      expect(packagedModules).toContain('keytar')
      expect(existsSync(join(packed.appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true)
    } else {
      console.info('keytar is not built in node_modules: its packaging is not checked in this run')
    }
  })

  it('declares as runtime dependencies exactly the packages the built main process imports', () => {
    const imported = packagesImportedByMain()
    imported.delete('electron') // provided by the Electron runtime
    const runtime = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.optionalDependencies ?? {})])
    expect([...imported].sort()).toEqual([...runtime].sort())
  })

  it(`keeps app.asar under ${ASAR_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    const size = statSync(archive).size
    console.info(`app.asar: ${(size / 1024 / 1024).toFixed(2)} MB (budget ${ASAR_BUDGET_BYTES / 1024 / 1024} MB)`)
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES)
  })

  it('gives the deb and rpm targets the maintainer and homepage electron-builder requires', () => {
    const maintainer = `${manifest.author!.name} <${manifest.author!.email!}>`
    for (const target of ['deb', 'rpm'] as const) {
      const meta = packed.fpm[target]
      if (meta instanceof Error) throw new Error(`${target}: ${meta.message}`)
      expect(meta).toMatchObject({ name: fileConfig.linux!.executableName, maintainer, url: manifest.homepage })
    }
  })
})

describe('electron-builder deb/rpm metadata check (a project without homepage or author email)', () => {
  const work = mkdtempSync(join(tmpdir(), 'rrc-packaging-bare-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('refuses it the way a deb or rpm build would', async () => {
    const project = join(work, 'project')
    mkdirSync(join(project, 'out', 'main'), { recursive: true })
    writeFileSync(join(project, 'out', 'main', 'index.js'), 'export {}\n')
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'bare-app', version: '1.0.0', description: 'A package without deb metadata', main: 'out/main/index.js', author: { name: 'Nobody' } })
    )
    const { fpm } = await packLinuxDir(project, join(work, 'dist'), join(work, 'cache'), {
      electronVersion: '45.5.0',
      files: ['out/**', 'package.json'],
      linux: { executableName: 'bare-app' }
    })
    for (const target of ['deb', 'rpm'] as const) {
      expect(fpm[target]).toBeInstanceOf(Error)
      expect((fpm[target] as Error).message).toMatch(/homepage/)
      expect((fpm[target] as Error).message).toMatch(/email/)
    }
  }, 180_000)
})
