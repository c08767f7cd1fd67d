/**
 * StateStore over a conf-like JSON file: `conf` in Node (web shell, tests), `electron-store` in
 * the Electron shell (same API; build it with `createStateStoreOn`). The file holds
 * `{ version, ...PersistedState }`; reads migrate and validate leniently; writes are validated,
 * guarded against secrets and atomic (conf writes to a temporary file and renames it).
 */
import fs from 'node:fs'
import path from 'node:path'
import Conf from 'conf'
import type { Logger, PersistedState, StateStore } from '@main/engine/ports'
import { silentLogger } from '@main/engine/logging'
import { errorName } from '@main/engine/call-errors'
import { CURRENT_STATE_VERSION, migrateState, STATE_MIGRATIONS, type StateMigration } from '@main/engine/persistence/migrations'
import { parsePersistedStateLeniently } from '@main/engine/persistence/schema'
import { findSecretLikeValue, SecretInStateError } from '@main/engine/persistence/secret-guard'

/** The part of conf / electron-store this module uses. */
export interface JsonFileBackend {
  readonly path: string
  store: Record<string, unknown>
}

export interface StateStoreOnOptions {
  /** Opens the backend (`() => new Conf(...)` or `() => new ElectronStore(...)`); may throw on a corrupt file. */
  open: () => JsonFileBackend
  /** The backend's file, to set a corrupt one aside when `open` or a read fails. */
  file: string
  logger?: Logger
  migrations?: readonly StateMigration[]
  version?: number
}

export interface PersistentStateStore extends StateStore {
  readonly file: string
}

/**
 * Build a StateStore on any conf-like backend. A file that cannot be parsed is renamed to
 * `<file>.corrupt-<time>` (kept for support, never deleted) and the app starts from defaults.
 */
export function createStateStoreOn(options: StateStoreOnOptions): PersistentStateStore {
  const logger = options.logger ?? silentLogger
  const version = options.version ?? CURRENT_STATE_VERSION
  const migrations = options.migrations ?? STATE_MIGRATIONS
  let backend = openOrQuarantine()
  let migratedOnce = false

  function quarantine(reason: string): void {
    const aside = `${options.file}.corrupt-${Date.now()}`
    try {
      if (fs.existsSync(options.file)) fs.renameSync(options.file, aside)
      logger.warn('settings file unreadable; set aside and starting from defaults', { reason, setAsideAs: path.basename(aside) })
    } catch {
      logger.error('settings file unreadable and could not be set aside', { reason })
    }
  }

  /** Last resort when the file cannot be opened at all (permissions, a folder in its place): run on, unsaved. */
  function inMemory(reason: string): JsonFileBackend {
    logger.error('settings cannot be opened; changes are kept for this run only', { reason })
    let store: Record<string, unknown> = {}
    return {
      path: options.file,
      get store() {
        return store
      },
      set store(value) {
        store = value
      }
    }
  }

  function openOrQuarantine(): JsonFileBackend {
    try {
      return options.open()
    } catch (error) {
      if (!isDamagedData(error)) return inMemory(errorKind(error))
      quarantine(errorKind(error))
      try {
        return options.open()
      } catch (again) {
        return inMemory(errorKind(again))
      }
    }
  }

  function readRaw(): Record<string, unknown> {
    try {
      return backend.store
    } catch (error) {
      // Damaged while running (another process, disk trouble): same recovery as at start-up.
      if (isDamagedData(error)) quarantine(errorKind(error))
      backend = isDamagedData(error) ? openOrQuarantine() : inMemory(errorKind(error))
      return {}
    }
  }

  return {
    file: options.file,
    read() {
      const outcome = migrateState(readRaw(), migrations, version)
      const { state, issues } = parsePersistedStateLeniently(outcome.document)
      for (const warning of [...outcome.warnings, ...issues]) logger.warn('settings: stored value not usable', { issue: warning })
      if (outcome.applied.length > 0 && !migratedOnce) {
        logger.info('settings migrated', { fromVersion: outcome.fromVersion, toVersion: outcome.version, steps: outcome.applied.length })
        migratedOnce = true
      }
      return state
    },
    write(next: PersistedState) {
      const secretAt = findSecretLikeValue(next)
      if (secretAt) {
        logger.error('refused to persist state containing a key-like value', { path: secretAt })
        throw new SecretInStateError(secretAt)
      }
      // Re-validate what the core hands us: a bad part is replaced by its default, not written.
      const { state, issues } = parsePersistedStateLeniently(next)
      for (const issue of issues) logger.warn('settings: refused to persist an invalid value', { issue })
      backend.store = { version, ...state }
    }
  }
}

export interface ConfStateStoreOptions {
  /** The profile folder the file lives in. */
  cwd: string
  projectName?: string
  /** File name without extension; default 'companion-state'. */
  configName?: string
  logger?: Logger
}

/** StateStore on `conf`, for the web shell and tests. */
export function createConfStateStore(options: ConfStateStoreOptions): PersistentStateStore {
  const configName = options.configName ?? 'companion-state'
  const file = path.join(path.resolve(options.cwd), `${configName}.json`)
  return createStateStoreOn({
    file,
    logger: options.logger,
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: options.cwd,
        projectName: options.projectName ?? 'reading-room-companion',
        configName,
        // Owner-only: the file holds who this workstation follows and its alert history.
        configFileMode: 0o600
      }) as unknown as JsonFileBackend
  })
}

/** A file whose content is bad (not JSON, or rejected by a schema), as opposed to one that cannot be read. */
function isDamagedData(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && /SchemaViolation|Decryption/.test(error.name + error.constructor.name))
}

function errorKind(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON'
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code
  return errorName(error)
}
