// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

/**
 * Layering: imports flow one way.
 *   shared   (Avara contract + client, IPC contract): imports nothing of the project outside src/shared
 *   sandbox  : shared only
 *   engine   (src/main/engine): shared only, never `electron`
 *   web shell(src/main/web): core + shared, never `electron`
 *   electron shell (src/main/electron, src/main/index.ts): anything in main + shared
 *   preload  : shared/ipc only (+ electron)
 *   renderer : shared only, never Node or Electron
 */
const noElectron = { name: 'electron', message: 'Only the Electron shell (src/main/electron, src/preload) may import electron.' }
const layer = (files, patterns, paths = [noElectron]) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] }
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.sandbox/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': 'off'
    }
  },
  layer(['src/shared/**'], [{ group: ['**/main/**', '**/sandbox/**', '**/renderer/**', '**/preload/**', 'node:*'], message: 'src/shared runs everywhere: no project layers above it, no Node built-ins.' }]),
  layer(['src/sandbox/**'], [{ group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The sandbox depends on src/shared only.' }]),
  layer(['src/main/engine/**'], [{ group: ['**/electron/**', '**/web/**', '**/renderer/**', '**/sandbox/**', 'electron-store', 'electron-log', 'electron-log/*'], message: 'The core is shell-agnostic: no shell, renderer or sandbox imports.' }]),
  layer(['src/main/web/**'], [{ group: ['**/electron/**', '**/renderer/**', 'electron-store', 'electron-log', 'electron-log/*'], message: 'The web shell runs in plain Node.' }]),
  layer(['src/renderer/**'], [{ group: ['**/main/**', '**/sandbox/**', '**/preload/**', 'node:*', 'fs', 'path', 'keytar', 'electron-store', 'conf', 'better-sqlite3'], message: 'The renderer talks only to the bridge API (window.companion).' }]),
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['src/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**', '**/sandbox/**', '**/avara/**'], message: 'The preload exposes the IPC bridge only.' }] }] }
  },
  {
    // Raw ipcRenderer stays inside the preload's typed wrapper.
    files: ['src/main/**', 'src/renderer/**', 'src/shared/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'Use the typed bridge (src/shared/ipc) instead of ipcRenderer.' }] }
  }
)
