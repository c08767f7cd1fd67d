import { defineConfig } from 'vitest/config'
import { aliases } from './aliases.config'

// Tests that need a real Secret Service; `npm run test:keyring` runs them inside scripts/with-keyring.sh.
export default defineConfig({
  resolve: { alias: aliases },
  test: { include: ['tests/keyring/**/*.test.ts'], environment: 'node', testTimeout: 20_000 }
})
