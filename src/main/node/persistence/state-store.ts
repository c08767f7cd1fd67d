/**
 * StateStore over a conf-like JSON file: `conf` in Node (web shell, tests), `electron-store` in
 * the Electron shell (same API; build it with `createStateStoreOn`). The file holds
 * `{ version, ...PersistedState }`; writes are validated, guarded against secrets and atomic (conf
 * writes to a temporary file and renames it).
 *
 * Honest persistence (docs/fault-tolerance.md):
 * - Recovery, not reset. Beside the file a last good copy (`<name>.last-good.json`, everything but
 *   the cached queue) is kept. A damaged file (empty, cut short, random bytes, JSON that is not an
 *   object, an unreadable version, invalid parts) is set aside as `<file>.corrupt-<time>` and
 *   recovered part by part from what still validates and from the last good copy; `recovery()`
 *   says what came back and what was lost.
 * - A failed save is not silent. What was handed to `write` stays the truth in memory (`read`
 *   returns it), the save is retried with backoff, and `saveStatus()` / `onSaveStatusChange` say
 *   "changes cannot be saved: <reason>, <folder>" until a save succeeds.
 */
import fs from 'node:fs'
import path from 'node:path'
import Conf from 'conf'
import type { Logger, PersistedState, StateStore } from '@main/engine/ports'
import { silentLogger } from '@main/engine/logging'
import { errorName } from '@main/engine/call-errors'
import { CURRENT_STATE_VERSION, STATE_MIGRATIONS, type StateMigration } from '@main/engine/persistence/migrations'
import { parsePersistedStateLeniently } from '@main/engine/persistence/schema'
import { SecretInStateError } from '@main/engine/persistence/secret-guard'
import { describeWriteProblem } from '../write-problems'
import { describeDamage, inspectStateText, recoverState, type Damage } from './recovery'
import { stringifyInTurns, writeFileInBackground } from './chunked-json'
import { cachedStudyCount } from './cached-lists'
import { parseExceptCachedStudies, SecretGuard } from './write-checks'
import { isRecord } from '@main/engine/persistence/is-record'

/** A document caching at least this many studies is written in the background (chunked-json.ts). */
export const BACKGROUND_WRITE_STUDIES = 1000

/** The part of conf / electron-store this module uses. */
export interface JsonFileBackend {
  readonly path: string
  store: Record<string, unknown>
}

export interface StateStoreOnOptions {
  /** Opens the backend (`() => new Conf(...)` or `() => new ElectronStore(...)`); may throw. */
  open: () => JsonFileBackend
  /** The backend's file (read directly to judge it, and set aside when damaged). */
  file: string
  logger?: Logger
  migrations?: readonly StateMigration[]
  version?: number
  /** Retry delays of a failed save: first, and the cap of the doubling (tests shorten them). */
  retryMs?: { first: number; max: number }
}

/** Whether what `write` was given is on disk. */
export type SaveStatus =
  | { ok: true }
  | {
      ok: false
      /** In words: "the disk is read-only". */
      reason: string
      /** errno code or 'cannot-open'. */
      code: string
      /** The profile folder. */
      folder: string
      /** "Changes cannot be saved: the disk is read-only, /home/…/profile" */
      message: string
      since: number
      attempts: number
      nextRetryAt: number | null
    }

/** What a start-up recovered from a damaged state file. */
export interface RecoveryReport {
  damage: Damage
  /** The damaged file's new name (kept for support), or null if it could not be moved. */
  setAsideAs: string | null
  /** Parts of the state, in words ("alert history"). */
  fromFile: string[]
  fromLastGood: string[]
  lost: string[]
  /** One paragraph for the user. */
  message: string
  at: number
}

export interface PersistentStateStore extends StateStore {
  /** Write what is pending now, synchronously (a background write in progress is overtaken). */
  flush(): void
  readonly file: string
  readonly lastGoodFile: string
  saveStatus(): SaveStatus
  /** Called whenever the status changes (failing → saved again, or a new reason). */
  onSaveStatusChange(listener: (status: SaveStatus) => void): () => void
  /** What the last damaged-file recovery did; null when the file was sound. */
  recovery(): RecoveryReport | null
  /** Stop retrying (shutdown, tests). What is not saved by now is lost with the process. */
  close(): void
}

export const DEFAULT_RETRY_MS = { first: 1_000, max: 60_000 }

/**
 * Build a StateStore on any conf-like backend. Never throws for stored data or the disk; throws
 * only SecretInStateError (a key-like value handed to `write`; one in a large cached queue is found
 * while that queue is serialised, and the document is then refused without a throw, logged).
 */
export function createStateStoreOn(options: StateStoreOnOptions): PersistentStateStore {
  const logger = options.logger ?? silentLogger
  const version = options.version ?? CURRENT_STATE_VERSION
  const migrations = options.migrations ?? STATE_MIGRATIONS
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS
  const folder = path.dirname(options.file)
  const lastGoodFile = options.file.replace(/\.json$/, '') + '.last-good.json'
  const listeners = new Set<(status: SaveStatus) => void>()
  let status: SaveStatus = { ok: true }
  let report: RecoveryReport | null = null
  /** The document handed to `write` and not yet on disk. */
  let pending: Record<string, unknown> | null = null
  /** A pending document whose cached studies are checked only as they are serialised (a large one). */
  let studiesUnchecked: Record<string, unknown> | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let lastGoodJson: string | null = readTextOrNull(lastGoodFile)
  let migratedOnce = false
  let closed = false

  function setStatus(next: SaveStatus): void {
    const changed = next.ok !== status.ok || (!next.ok && !status.ok && next.code !== status.code)
    status = next
    if (!changed) return
    if (next.ok) logger.info('settings saved again after a failure')
    else logger.error('settings cannot be saved; kept in memory and retried', { reason: next.code })
    for (const listener of listeners) {
      try {
        listener(next)
      } catch {
        // A listener's failure must not stop saving.
      }
    }
  }

  function failed(error: unknown): void {
    const code = errorCode(error)
    const reason = describeWriteProblem(code)
    const attempts = status.ok ? 1 : status.attempts + 1
    const delay = Math.min(retryMs.first * 2 ** (attempts - 1), retryMs.max)
    setStatus({
      ok: false,
      reason,
      code,
      folder,
      message: `Changes cannot be saved: ${reason}, ${folder}`,
      since: status.ok ? Date.now() : status.since,
      attempts,
      nextRetryAt: closed ? null : Date.now() + delay
    })
    if (retryTimer !== null || closed) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      if (pending !== null) flush()
    }, delay)
    retryTimer.unref?.()
  }

  let backend: JsonFileBackend | null = null
  const guard = new SecretGuard()
  let backgroundRunning = false

  /**
   * A large document (a cached queue of thousands of studies) is serialised over several turns
   * and written asynchronously (chunked-json.ts); a newer write or a synchronous flush meanwhile
   * wins. Until it is on disk, `read` returns it from memory, as after any failed save.
   */
  function writeInBackground(): void {
    if (backgroundRunning || closed) return
    backgroundRunning = true
    setImmediate(() => {
      void (async () => {
        const document = pending
        try {
          if (document === null) return
          const pieces = await stringifyInTurns(document, (study, at) => {
            const secretAt = guard.checkStudy(study, at)
            if (secretAt) throw new SecretInStateError(secretAt)
          })
          if (pending !== document || closed) return
          await fs.promises.mkdir(folder, { recursive: true })
          await writeFileInBackground(options.file, pieces)
          if (pending !== document) return
          pending = null
          if (retryTimer !== null) clearTimeout(retryTimer)
          retryTimer = null
          backend = null // conf's view of the file is stale; it is opened again for the next small write
          keepLastGood(document)
          setStatus({ ok: true })
        } catch (error) {
          if (pending !== document) return
          if (error instanceof SecretInStateError) refuse(error.path)
          else failed(error)
        } finally {
          backgroundRunning = false
          if (pending !== null && pending !== document) writeInBackground()
        }
      })()
    })
  }

  /**
   * A document whose cached studies hold a key-like value is not written (found while a large one
   * was serialised, or by `flush`): the file keeps what it had, and the next write is checked again.
   */
  function refuse(secretAt: string): void {
    logger.error('refused to persist state containing a key-like value', { path: secretAt })
    pending = null
  }

  /** Write `pending` to disk; true when it is there. */
  function flush(): boolean {
    const document = pending
    if (document === null) return true
    // Studies a background write had not reached yet (the ones it checked are skipped).
    const secretAt = document === studiesUnchecked ? guard.find(document) : null
    if (secretAt) {
      refuse(secretAt)
      return false
    }
    try {
      backend ??= options.open()
      backend.store = document
    } catch (error) {
      failed(error)
      return false
    }
    pending = null
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
    keepLastGood(document)
    setStatus({ ok: true })
    return true
  }

  /** Everything but the cached queue: small, and what a damaged file must not take with it. */
  function keepLastGood(document: Record<string, unknown>): void {
    // Each account's cached queue stays out (it is refetched); its key place, identity and ledger go in.
    const accounts = Array.isArray(document.accounts)
      ? document.accounts.map((account: unknown) => (isRecord(account) ? { ...account, snapshot: null } : account))
      : document.accounts
    const valuable = { ...document, accounts }
    const json = JSON.stringify(valuable)
    if (json === lastGoodJson) return
    try {
      writeAtomically(lastGoodFile, json)
      lastGoodJson = json
    } catch (error) {
      logger.warn('the last good copy of the settings could not be written', { reason: errorCode(error) })
    }
  }

  function lastGoodState(): PersistedState | null {
    if (lastGoodJson === null) return null
    const inspected = inspectStateText(lastGoodJson, version, migrations)
    return inspected.document ? parsePersistedStateLeniently(inspected.document).state : null
  }

  /** Judge the file on disk; recover it when damaged. Returns the state to use. */
  function load(): PersistedState {
    let text: string | null
    try {
      text = readText(options.file)
    } catch (error) {
      // Cannot be read at all (permissions, a folder in its place): run on from the last good copy, unsaved.
      logger.error('settings cannot be opened; changes are kept for this run only', { reason: errorCode(error) })
      if (status.ok) failed(error)
      return lastGoodState() ?? parsePersistedStateLeniently(undefined).state
    }
    if (text === null && lastGoodJson !== null) {
      // The file is gone but its last good copy is here (deleted by hand, or lost in a crash).
      return recover(null, 'missing', [], null)
    }
    const inspected = inspectStateText(text, version, migrations)
    for (const issue of inspected.issues) logger.warn('settings: stored value not usable', { issue })
    if (inspected.damage !== null) return recover(inspected.document, inspected.damage, inspected.invalidParts, text)
    // Already migrated by inspectStateText: a second run would take a migrated document for v0.
    if (inspected.applied.length > 0 && !migratedOnce) {
      logger.info('settings migrated', { fromVersion: inspected.fromVersion, toVersion: version, steps: inspected.applied.length })
      migratedOnce = true
    }
    return parsePersistedStateLeniently(inspected.document ?? {}).state
  }

  function recover(document: Record<string, unknown> | null, damage: Damage, invalidParts: string[], text: string | null): PersistedState {
    let setAsideAs: string | null = null
    if (text !== null) {
      const aside = `${options.file}.corrupt-${Date.now()}`
      try {
        fs.renameSync(options.file, aside)
        setAsideAs = path.basename(aside)
      } catch (error) {
        logger.error('damaged settings file could not be set aside', { reason: errorCode(error) })
      }
      // conf would refuse to open the damaged file; it opens afresh once the recovered state is written.
      backend = null
    }
    const recovered = recoverState(document, lastGoodState())
    const what = text === null ? 'The settings file was missing' : `The settings file was damaged (${describeDamage(damage, invalidParts)})`
    const parts = [
      `${what}${setAsideAs ? ` and was set aside as ${setAsideAs}` : ''}.`,
      recovered.fromFile.length > 0 ? `Kept from the file: ${recovered.fromFile.join(', ')}.` : '',
      recovered.fromLastGood.length > 0 ? `Restored from the last good copy: ${recovered.fromLastGood.join(', ')}.` : '',
      recovered.lost.length > 0 ? `Lost: ${recovered.lost.join(', ')}.` : 'Nothing was lost.'
    ]
    report = {
      damage,
      setAsideAs,
      fromFile: recovered.fromFile,
      fromLastGood: recovered.fromLastGood,
      lost: recovered.lost,
      message: parts.filter(Boolean).join(' '),
      at: Date.now()
    }
    logger.warn('settings file damaged; recovered', {
      damage,
      setAsideAs,
      fromFile: recovered.fromFile.join(', '),
      fromLastGood: recovered.fromLastGood.join(', '),
      lost: recovered.lost.join(', ')
    })
    pending = { version, ...recovered.state }
    flush()
    return recovered.state
  }

  const initial = load()
  if (pending === null) {
    try {
      backend = options.open()
    } catch (error) {
      logger.error('settings cannot be opened; changes are kept for this run only', { reason: errorCode(error) })
    }
    // A sound file is also the last good copy (e.g. the first start after an update that added the copy).
    if (lastGoodJson === null && readTextOrNull(options.file) !== null) keepLastGood({ version, ...initial })
  }

  return {
    file: options.file,
    lastGoodFile,
    read() {
      // Not on disk yet: memory is the truth.
      if (pending !== null) return parsePersistedStateLeniently(pending).state
      return load()
    },
    write(next: PersistedState) {
      // A large cached queue is checked as it is serialised (writeInBackground), a slice per turn.
      const large = cachedStudyCount(next) >= BACKGROUND_WRITE_STUDIES
      const secretAt = large ? guard.findOutsideStudies(next) : guard.find(next)
      if (secretAt) {
        logger.error('refused to persist state containing a key-like value', { path: secretAt })
        throw new SecretInStateError(secretAt)
      }
      // Re-validate what the core hands us: a bad part is replaced by its default, not written. The
      // cached queues are the engine's own copies of validated API answers: checked on read, not here.
      const { state, issues } = parseExceptCachedStudies(next)
      for (const issue of issues) logger.warn('settings: refused to persist an invalid value', { issue })
      pending = { version, ...state }
      studiesUnchecked = large ? pending : null
      if (large) writeInBackground()
      else flush()
    },
    flush() {
      if (pending !== null) flush()
    },
    saveStatus: () => status,
    onSaveStatusChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    recovery: () => report,
    close() {
      // What a background write has not finished goes to disk now (shutdown).
      if (pending !== null && !closed) flush()
      closed = true
      if (retryTimer !== null) clearTimeout(retryTimer)
      retryTimer = null
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
  retryMs?: { first: number; max: number }
}

/** StateStore on `conf`, for the web shell and tests. */
export function createConfStateStore(options: ConfStateStoreOptions): PersistentStateStore {
  const configName = options.configName ?? 'companion-state'
  const file = path.join(path.resolve(options.cwd), `${configName}.json`)
  return createStateStoreOn({
    file,
    logger: options.logger,
    retryMs: options.retryMs,
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

/** The file's text; null when it does not exist. Other read errors are thrown. */
function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

/** The file's text; null when it does not exist or cannot be read. */
function readTextOrNull(file: string): string | null {
  try {
    return readText(file)
  } catch {
    return null
  }
}

/** Write under a temporary name, flush, rename into place: a reader sees the old or the new file, never half of one. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    const fd = fs.openSync(temporary, 'w', 0o600)
    try {
      fs.writeFileSync(fd, text)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(temporary, file)
  } catch (error) {
    fs.rmSync(temporary, { force: true })
    throw error
  }
}

function errorCode(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON'
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code
  return errorName(error)
}
