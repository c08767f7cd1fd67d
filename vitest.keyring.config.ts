import { defineConfig } from 'vitest/config'

// Tests that need a real Secret Service; `npm run test:keyring` runs them inside scripts/with-keyring.sh.
export default defineConfig({
  test: { include: ['tests/keyring/**/*.test.ts'], environment: 'node', testTimeout: 20_000 }
})
