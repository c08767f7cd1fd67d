/**
 * The Avara accounts this workstation follows (docs/accounts.md), as the engine reports them: each
 * with its label, colour, identity, own health and counts. Adding, renaming, recolouring,
 * reordering and removing go through the engine, which answers only "done" (or the new account's
 * id): the list is applied from `accounts.changed` alone, and a flow that goes on with the new list
 * waits until the event shows it (whenShown). The page keeps no account facts of its own.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  MAX_ACCOUNTS,
  type AccountColour,
  type AccountSettingsOverridesPatch,
  type AccountsState,
  type AccountSummary,
  type IdentityCandidate,
  type KeyProblem,
  type AddAccountProblem
} from '@shared/ipc/contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { useNoticesStore } from './notices'
import { whenShown } from '../lib/when-shown'
import { t } from '../strings'

const NO_ACCOUNTS: AccountsState = { accounts: [], health: { total: 0, live: 0, problems: [], text: null }, max: MAX_ACCOUNTS }

export interface AddAccountForm {
  baseUrl: string
  apiKey: string
  displayName: string
  colour: AccountColour
  /** Find the user by this email in the new clinic; empty: pick from its users after the key is checked. */
  email: string
  allowFallbackStorage: boolean
}

/** An account the engine added: its id and label, and whether whose queue to follow is still to be picked. */
export interface AddedAccount {
  accountId: string
  displayName: string
  needsIdentity: boolean
}

export interface AccountFeedback {
  problem: KeyProblem | AddAccountProblem | 'other'
  message: string
}

export const useAccountsStore = defineStore('accounts', () => {
  const state = ref<AccountsState>(NO_ACCOUNTS)
  const busy = ref(false)
  /** A failed change (rename, reorder, remove) in the engine's words. */
  const error = ref<string | null>(null)
  const addFeedback = ref<AccountFeedback | null>(null)
  /** An account just added without an identity: its users are offered to pick from. */
  const choosingIdentityFor = ref<string | null>(null)
  const candidates = ref<IdentityCandidate[] | null>(null)
  const identityError = ref<string | null>(null)

  const list = computed(() => state.value.accounts)
  /** Labels, the account filter and the summary show only with more than one account: one account looks as it always did. */
  const several = computed(() => list.value.length > 1)
  const atLimit = computed(() => list.value.length >= state.value.max)
  const byId = computed(() => new Map(list.value.map((account) => [account.accountId, account])))
  const health = computed(() => state.value.health)

  function apply(next: AccountsState | undefined): void {
    state.value = next ?? NO_ACCOUNTS
  }
  const accountOf = (accountId: string): AccountSummary | null => byId.value.get(accountId) ?? null

  async function run<T>(action: () => Promise<T>): Promise<T | null> {
    busy.value = true
    error.value = null
    try {
      return await action()
    } catch (err) {
      error.value = errorMessage(err)
      return null
    } finally {
      busy.value = false
    }
  }

  /** Sends a change; once the engine accepted it, waits until `accounts.changed` shows it (`shows`). */
  async function change(send: () => Promise<unknown>, shows: () => boolean): Promise<boolean> {
    return (await run(async () => {
      await send()
      await whenShown(shows)
      return true
    })) === true
  }

  async function rename(accountId: string, displayName: string): Promise<boolean> {
    return change(
      () => useBridge().invoke('accounts.update', { accountId, displayName }),
      () => accountOf(accountId)?.displayName === displayName
    )
  }

  async function recolour(accountId: string, colour: AccountColour): Promise<boolean> {
    return change(
      () => useBridge().invoke('accounts.update', { accountId, colour }),
      () => accountOf(accountId)?.colour === colour
    )
  }

  /**
   * An account's own polling and alert settings (a value sets it, `null` gives it back to the global
   * one). The new values arrive with `accounts.changed`; the answer is only "done".
   */
  async function setOverrides(accountId: string, overrides: AccountSettingsOverridesPatch): Promise<boolean> {
    const done = await run(() => useBridge().invoke('accounts.setOverrides', { accountId, overrides }))
    return done !== null
  }

  /** Moves an account one place up (-1) or down (+1); the first account is the default for calls that name none. */
  async function move(accountId: string, delta: -1 | 1): Promise<boolean> {
    const ids = list.value.map((a) => a.accountId)
    const from = ids.indexOf(accountId)
    const to = from + delta
    if (from < 0 || to < 0 || to >= ids.length) return false
    ids.splice(from, 1)
    ids.splice(to, 0, accountId)
    const order = ids.join(',')
    return change(
      () => useBridge().invoke('accounts.reorder', { accountIds: ids }),
      () => list.value.map((a) => a.accountId).join(',') === order
    )
  }

  async function remove(accountId: string): Promise<boolean> {
    return change(
      () => useBridge().invoke('accounts.remove', { accountId }),
      () => accountOf(accountId) === null
    )
  }

  /** Checks the key like first sign-in, then finds the user by email or offers the clinic's users to pick. */
  async function add(form: AddAccountForm): Promise<AddedAccount | null> {
    busy.value = true
    addFeedback.value = null
    try {
      const email = form.email.trim()
      const result = await useBridge().invoke('accounts.add', {
        baseUrl: form.baseUrl.trim(),
        apiKey: form.apiKey,
        displayName: form.displayName.trim(),
        colour: form.colour,
        ...(email ? { email } : {}),
        ...(form.allowFallbackStorage ? { allowFallbackStorage: true } : {})
      })
      if (!result.ok) {
        addFeedback.value = { problem: result.problem, message: result.message }
        return null
      }
      // The engine's words about the key as typed (e.g. whitespace pasted inside it was removed).
      if (result.note) useNoticesStore().polite(result.note)
      const { accountId, needsIdentity } = result
      await whenShown(() => accountOf(accountId) !== null)
      if (needsIdentity) {
        choosingIdentityFor.value = accountId
        candidates.value = null
        identityError.value = null
      }
      return { accountId, displayName: accountOf(accountId)?.displayName ?? form.displayName.trim(), needsIdentity }
    } catch (err) {
      addFeedback.value = { problem: 'other', message: errorMessage(err) }
      return null
    } finally {
      busy.value = false
    }
  }

  async function findUsers(accountId: string, query: string): Promise<void> {
    busy.value = true
    identityError.value = null
    try {
      candidates.value = await useBridge().invoke('auth.findUsers', { accountId, query })
      if (candidates.value.length === 0) {
        identityError.value = query.trim() ? t('session.noUserFound', { query: query.trim() }) : t('session.noUsers')
      }
    } catch (err) {
      identityError.value = errorMessage(err)
    } finally {
      busy.value = false
    }
  }

  async function setIdentity(accountId: string, userId: string): Promise<boolean> {
    busy.value = true
    identityError.value = null
    try {
      await useBridge().invoke('auth.setIdentity', { accountId, userId })
      await whenShown(() => accountOf(accountId)?.identity?.userId === userId)
      choosingIdentityFor.value = null
      candidates.value = null
      return true
    } catch (err) {
      identityError.value = errorMessage(err)
      return false
    } finally {
      busy.value = false
    }
  }

  /** A new key for an account whose key was rejected (checked before it is kept, as at sign-in). */
  async function replaceKey(account: AccountSummary, apiKey: string): Promise<boolean> {
    busy.value = true
    error.value = null
    try {
      const result = await useBridge().invoke('auth.saveKey', { accountId: account.accountId, baseUrl: account.baseUrl, apiKey })
      if (!result.ok) {
        error.value = t('accountsSettings.keyRefused', { account: account.displayName, message: result.message })
        return false
      }
      if (result.note) useNoticesStore().polite(result.note)
      await whenShown(() => accountOf(account.accountId)?.hasKey === true)
      return true
    } catch (err) {
      error.value = errorMessage(err)
      return false
    } finally {
      busy.value = false
    }
  }

  function clearAddFeedback(): void {
    addFeedback.value = null
  }

  return {
    state,
    busy,
    error,
    addFeedback,
    choosingIdentityFor,
    candidates,
    identityError,
    list,
    several,
    atLimit,
    byId,
    health,
    apply,
    accountOf,
    rename,
    recolour,
    setOverrides,
    move,
    remove,
    add,
    findUsers,
    setIdentity,
    replaceKey,
    clearAddFeedback
  }
})
