/**
 * The StateStore port on electron-store (conf's API) with the platform's schema, migrations and
 * secret guard (createStateStoreOn). The window bounds belong to the shell: the core writes whole
 * states, so the latest bounds the shell saved are kept authoritative on every write.
 */
import { join } from 'node:path'
import ElectronStore from 'electron-store'
import type { Logger, PersistedState, WindowBounds } from '@main/engine/ports'
import { createStateStoreOn, type JsonFileBackend, type PersistentStateStore } from '@main/node'

export const STATE_FILE_NAME = 'companion-state'

export interface ElectronStateStore extends PersistentStateStore {
  saveWindowBounds(bounds: WindowBounds): void
}

export function createElectronStateStore(options: { userDataDir: string; logger: Logger }): ElectronStateStore {
  const inner = createStateStoreOn({
    file: join(options.userDataDir, `${STATE_FILE_NAME}.json`),
    logger: options.logger,
    open: () =>
      new ElectronStore<Record<string, unknown>>({
        name: STATE_FILE_NAME,
        cwd: options.userDataDir,
        // Owner-only: the file says who this workstation follows and holds its alert history.
        configFileMode: 0o600
      }) as unknown as JsonFileBackend
  })
  let windowBounds: WindowBounds | null = inner.read().window
  return {
    file: inner.file,
    lastGoodFile: inner.lastGoodFile,
    saveStatus: () => inner.saveStatus(),
    onSaveStatusChange: (listener) => inner.onSaveStatusChange(listener),
    recovery: () => inner.recovery(),
    close: () => inner.close(),
    flush: () => inner.flush(),
    read: () => ({ ...inner.read(), window: windowBounds }),
    write: (next: PersistedState) => inner.write({ ...next, window: windowBounds }),
    saveWindowBounds(bounds: WindowBounds) {
      windowBounds = bounds
      inner.write({ ...inner.read(), window: bounds })
    }
  }
}
