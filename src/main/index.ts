/**
 * Electron main entry (bundled by electron-vite to out/main/index.js, ESM). Everything happens in
 * the Electron shell (./electron/app.ts); the core it wires is shell-agnostic (./core).
 */
import { app } from 'electron'
import { runElectronShell } from '@main/electron/app'

runElectronShell(import.meta.dirname).catch((error: unknown) => {
  // Nothing is logged to file yet if start-up failed early: say it on stderr, then exit non-zero.
  console.error('Reading Room Companion failed to start:', error instanceof Error ? error.message : 'unknown error')
  app.exit(1)
})
