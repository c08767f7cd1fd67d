// @ts-check
/**
 * The layers of the project, named by where their code runs, and what each may import. This table
 * is the one source of the allow-list: the `layers/allowed-imports` rule checks every import
 * against it, and docs/architecture.md shows it as a table.
 *
 * A layer may import its own files, the layers in `layers`, the packages in `packages` (an exact
 * specifier, or `name/*` for any subpath of `name`) and, with `builtins: true`, Node built-ins.
 * Everything else is an error: a file no layer claims, an import of such a file, a Node built-in,
 * an `electron/*` subpath or a package the layer does not list.
 */

/**
 * @typedef {object} Layer
 * @property {string} name
 * @property {string} runsIn what executes this code (shown in messages and docs)
 * @property {string[]} folders repository-relative folders the layer owns
 * @property {RegExp} [files] repository-relative files the layer owns besides its folders
 * @property {string} [filesText] those files in words, for docs/architecture.md
 * @property {string[] | '*'} layers layers it may import ('*': every layer)
 * @property {string[]} packages packages it may import (an exact specifier, `name/*` for any subpath,
 *   or DECLARED for any package in package.json)
 * @property {boolean} builtins whether Node built-ins are allowed
 */

/** In a packages list: any package package.json declares. */
export const DECLARED = '<package.json>'

/** @type {Layer[]} */
export const LAYERS = [
  {
    name: 'avara',
    runsIn: 'anywhere (Node, Electron main, browser): the Avara contract and client',
    folders: ['src/shared/avara'],
    layers: [],
    packages: ['zod'],
    builtins: false
  },
  {
    name: 'ipc',
    runsIn: 'anywhere: the bridge contract between engine and renderer',
    folders: ['src/shared/ipc'],
    layers: ['avara'],
    packages: ['zod'],
    builtins: false
  },
  {
    name: 'engine',
    runsIn: 'any JavaScript runtime: the pure companion engine (no Node built-ins, no Electron)',
    folders: ['src/main/engine'],
    layers: ['avara', 'ipc'],
    packages: ['zod'],
    builtins: false
  },
  {
    name: 'node',
    runsIn: 'Node (Electron main or plain Node): keychain, files, logging adapters',
    folders: ['src/main/node'],
    layers: ['engine', 'avara', 'ipc'],
    packages: ['conf', 'keytar'],
    builtins: true
  },
  {
    name: 'electron-shell',
    runsIn: 'the Electron main process',
    folders: ['src/main/electron'],
    files: /^src\/main\/index(?:\.ts)?$/,
    filesText: 'src/main/index.ts',
    layers: ['engine', 'node', 'avara', 'ipc'],
    packages: ['electron', 'electron-log/main', 'electron-store', 'electron-updater'],
    builtins: true
  },
  {
    name: 'web-shell',
    runsIn: 'plain Node: the same engine served to a browser on loopback',
    folders: ['src/main/web'],
    layers: ['engine', 'node', 'avara', 'ipc'],
    packages: [],
    builtins: true
  },
  {
    name: 'preload',
    runsIn: "Electron's sandboxed preload (one CommonJS file that can require only electron)",
    folders: ['src/preload'],
    layers: ['ipc'],
    packages: ['electron'],
    builtins: false
  },
  {
    name: 'renderer',
    runsIn: 'the browser page (Electron window or the web shell)',
    folders: ['src/renderer'],
    layers: ['ipc', 'avara'],
    packages: ['vue', 'pinia'],
    builtins: false
  },
  {
    name: 'sandbox',
    runsIn: 'plain Node: the Avara-compatible server',
    folders: ['src/sandbox'],
    layers: ['avara'],
    packages: ['zod', 'better-sqlite3'],
    builtins: true
  },
  {
    name: 'tooling',
    runsIn: 'Node at build and test time: tests, scripts, benchmarks, configs, lint rules',
    folders: ['tests', 'scripts', 'bench', 'eslint-rules'],
    files: /^[^/]+\.config(?:\.(?:js|ts|mjs|cjs))?$/,
    filesText: '*.config.{js,ts}',
    layers: '*',
    // electron-builder's own modules, read by the packaging test to check our builder config.
    packages: [DECLARED, 'app-builder-lib', 'builder-util', 'js-yaml'],
    builtins: true
  }
]
