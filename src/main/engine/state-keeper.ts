/**
 * The engine's copy of the persisted state and the only writer of it. A write that fails is
 * logged and the in-memory state stays the truth for this run (the ledger in particular); the
 * store retries it, and `saveProblem` / `storage` say so in the user's words (docs/fault-tolerance.md).
 */
import type { StorageState } from '@shared/ipc/contract'
import { errorName } from './call-errors'
import { keychainAccount, type Logger, type PersistedState, type StateStore, type StatePatch, type StoredAccount } from './ports'

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

  /** The first stored account: the one the UI shows (the store guarantees there is one). */
  get account(): StoredAccount {
    return this.#state.accounts[0]!
  }

  /**
   * Global parts go to the document, account parts (baseUrl, identity, ledger, snapshot) to the
   * first account; the other accounts are kept as they are.
   */
  save(patch: StatePatch): void {
    const { baseUrl, identity, ledger, snapshot, label, colour, ...global } = patch
    const accountPatch = Object.fromEntries(
      Object.entries({ baseUrl, identity, ledger, snapshot, label, colour }).filter(([, value]) => value !== undefined)
    ) as Partial<StoredAccount>
    // A new server means a new key: the key is saved under that server's name (as before accounts).
    if (baseUrl !== undefined && baseUrl !== this.account.baseUrl) accountPatch.keychainAccount = keychainAccount(baseUrl)
    const [first, ...others] = this.#state.accounts
    this.#state = { ...this.#state, ...global, accounts: [{ ...first!, ...accountPatch }, ...others] }
    try {
      this.#store.write(this.#state)
    } catch (error) {
      this.#failedSaves++
      this.#log.error('could not persist state', { error: errorName(error) })
      return
    }
    if (this.saveProblem() !== null) this.#failedSaves++
  }

  /** Put on disk what a background write has not finished yet (stop). */
  flush(): void {
    try {
      this.#store.flush?.()
    } catch (error) {
      this.#log.error('could not persist state', { error: errorName(error) })
    }
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
