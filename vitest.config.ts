import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { aliases } from './aliases.config'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: aliases },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/keyring/**', 'tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Component tests opt into happy-dom with a `// @vitest-environment happy-dom` comment.
    pool: 'forks'
  }
})
