/**
 * The engine's copy of the persisted state and the only writer of it. A write that fails is
 * logged and the in-memory state stays the truth for this run (the ledger in particular); the
 * store retries it, and `saveProblem` / `storage` say so in the user's words (docs/fault-tolerance.md).
 */
import type { StorageState } from '@shared/ipc/contract'
import { errorName } from './call-errors'
import { keychainAccountFor, type AccountPatch, type Logger, type PersistedState, type StateStore, type StatePatch, type StoredAccount } from './ports'

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

  /** The stored account with this id (undefined when there is none). */
  accountById(id: string): StoredAccount | undefined {
    return this.#state.accounts.find((a) => a.id === id)
  }

  /**
   * Global parts go to the document, account parts (baseUrl, identity, ledger, snapshot, label,
   * colour, preset, overrides) to the account `accountId` (the first when left out); the other accounts are kept.
   */
  save(patch: StatePatch, accountId: string = this.account.id): void {
    const { baseUrl, identity, ledger, snapshot, label, colour, preset, overrides, ...global } = patch
    const accountPatch = Object.fromEntries(
      Object.entries({ baseUrl, identity, ledger, snapshot, label, colour, preset, overrides }).filter(([, value]) => value !== undefined)
    ) as Partial<StoredAccount>
    const accounts = this.#state.accounts.map((account) => {
      if (account.id !== accountId) return account
      // A new server means a new key: the key is saved under that server's (and account's) name.
      const keyName = baseUrl !== undefined && baseUrl !== account.baseUrl ? { keychainAccount: keychainAccountFor(baseUrl, account.id) } : {}
      return { ...account, ...accountPatch, ...keyName }
    })
    this.#write({ ...this.#state, ...global, accounts })
  }

  /** Account parts of one account. */
  saveAccount(accountId: string, patch: AccountPatch): void {
    this.save(patch, accountId)
  }

  /** A new account at the end of the list. */
  addAccount(account: StoredAccount): void {
    this.#write({ ...this.#state, accounts: [...this.#state.accounts, account] })
  }

  /** An account and everything stored for it (ledger, cached queue) go; never the last one. */
  removeAccount(accountId: string): void {
    const accounts = this.#state.accounts.filter((a) => a.id !== accountId)
    if (accounts.length === 0) return
    this.#write({ ...this.#state, accounts })
  }

  /** The accounts in this order (ids not stored are ignored; stored ones not named keep their place at the end). */
  reorderAccounts(ids: readonly string[]): void {
    const rank = (id: string) => {
      const at = ids.indexOf(id)
      return at === -1 ? ids.length : at
    }
    this.#write({ ...this.#state, accounts: [...this.#state.accounts].sort((a, b) => rank(a.id) - rank(b.id)) })
  }

  #write(next: PersistedState): void {
    this.#state = next
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
