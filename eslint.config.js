// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import layers from './eslint-rules/allowed-imports.js'

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
  {
    // Layers named by where they run; each imports only what its allow-list in
    // eslint-rules/layers.js names (resolved paths, aliases, packages, Node built-ins).
    plugins: { layers },
    rules: { 'layers/allowed-imports': 'error' }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    // Raw ipcRenderer stays inside the preload's typed wrapper.
    files: ['src/main/**', 'src/renderer/**', 'src/shared/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "Identifier[name='ipcRenderer']", message: 'Use the typed bridge (src/shared/ipc) instead of ipcRenderer.' }] }
  }
)
