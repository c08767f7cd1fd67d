import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium (never `playwright install`), through the web shell
 * against the sandbox. Each test starts its own sandbox and web shell (tests/e2e/fixtures.ts), so
 * tests never share state. The web shell serves the BUILT renderer: run `npx electron-vite build`
 * first (`npm test` does). tests/e2e/electron.spec.ts (Electron shell) lives here too.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Screenshots rewrite docs/screenshots: only on request (RRC_SCREENSHOTS=1), never as a silent skip.
  testIgnore: process.env.RRC_SCREENSHOTS === '1' ? [] : ['**/screenshots*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  }
})
