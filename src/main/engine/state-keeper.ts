/**
 * The engine's copy of the persisted state and the only writer of it. A write that fails is
 * logged and the in-memory state stays the truth for this run (the ledger in particular).
 */
import { errorName } from './call-errors'
import type { Logger, PersistedState, StateStore } from './ports'

export class StateKeeper {
  #state: PersistedState
  readonly #store: StateStore
  readonly #log: Logger

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
      this.#log.error('could not persist state', { error: errorName(error) })
    }
  }
}
