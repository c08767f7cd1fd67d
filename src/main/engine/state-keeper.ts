/**
 * The engine's copy of the persisted state and the only writer of it. A write that fails is
 * logged and the in-memory state stays the truth for this run (the ledger in particular); the
 * store retries it, and `saveProblem` / `storage` say so in the user's words (docs/fault-tolerance.md).
 */
import type { StorageState } from '@shared/ipc/contract'
import { errorName } from './call-errors'
import type { Logger, PersistedState, StateStore } from './ports'

export class StateKeeper {
  #state: PersistedState
  readonly #store: StateStore
  readonly #log: Logger
  #failedSaves = 0

  constructor(store: StateStore, log: Logger) {
    this.#store = store
    this.#log = log
    this.#state = store.read()
  }

  get state(): PersistedState {
    return this.#state
  }

  /** Read the store again (start-up). */
  reload(): PersistedState {
    this.#state = this.#store.read()
    return this.#state
  }

  save(patch: Partial<PersistedState>): void {
    this.#state = { ...this.#state, ...patch }
    try {
      this.#store.write(this.#state)
    } catch (error) {
      this.#failedSaves++
      this.#log.error('could not persist state', { error: errorName(error) })
      return
    }
    if (this.saveProblem() !== null) this.#failedSaves++
  }

  /** Saves so far that did not reach the disk (a call compares the count before and after). */
  get failedSaves(): number {
    return this.#failedSaves
  }

  /** "Changes cannot be saved: <reason>, <folder>" while the store cannot write; null when saved. */
  saveProblem(): string | null {
    const status = this.#store.saveStatus?.()
    return status && !status.ok ? status.message : null
  }

  onSaveProblemChange(listener: () => void): () => void {
    return this.#store.onSaveStatusChange?.(() => listener()) ?? (() => undefined)
  }

  storage(): StorageState {
    const report = this.#store.recovery?.() ?? null
    return {
      saveProblem: this.saveProblem(),
      recovery: report && { message: report.message, recovered: [...new Set([...report.fromFile, ...report.fromLastGood])], lost: report.lost }
    }
  }
}
