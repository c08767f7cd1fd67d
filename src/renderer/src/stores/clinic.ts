/**
 * The clinic workspace: which workspace is shown (queue or clinic), which tab, which account it
 * acts on, what the followed identity may see, and the one way its screens reach the core
 * (`callClinic`, which adds the account and turns a refused bridge call into a `ClinicProblem`).
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { BridgeError, type CallName } from '@shared/ipc/contract'
import type { ClinicAccess, ClinicCallName, ClinicCallResponse, ClinicOutcome, ClinicProblem } from '@shared/ipc/clinic-contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'
import { useAccountsStore } from './accounts'

export type Workspace = 'queue' | 'clinic'
export const CLINIC_TABS = ['team', 'invitations', 'studies', 'board', 'activity'] as const
export type ClinicTab = (typeof CLINIC_TABS)[number]

/** A bridge failure (signed out, a request the core refused) as a problem a screen can show. */
export function bridgeProblem(error: unknown): ClinicProblem {
  const message = errorMessage(error)
  const kind = error instanceof BridgeError && error.code === 'forbidden' ? 'forbidden' : 'invalid'
  return { kind, status: null, field: null, message }
}

/** Calls one clinic operation on the chosen account; never throws. */
export async function callClinic<K extends ClinicCallName>(name: K, request: Record<string, unknown>): Promise<ClinicCallResponse<K>> {
  const accountId = useClinicStore().currentAccountId
  const body = accountId === null || name === 'clinic.activity.list' ? request : { ...request, accountId }
  try {
    // The clinic calls are part of the bridge table (contract.ts spreads CLINIC_CALLS).
    return (await useBridge().invoke(name as CallName, body as never)) as ClinicCallResponse<K>
  } catch (error) {
    if (name === 'clinic.activity.list') throw error
    return { ok: false, problem: bridgeProblem(error) } as ClinicOutcome<never> as ClinicCallResponse<K>
  }
}

export const useClinicStore = defineStore('clinic', () => {
  const workspace = ref<Workspace>('queue')
  const tab = ref<ClinicTab>('team')
  /** The account the workspace acts on (chosen at its top); null: the first account. */
  const accountId = ref<string | null>(null)
  const access = ref<ClinicAccess | null>(null)
  const accessProblem = ref<ClinicProblem | null>(null)
  const loadingAccess = ref(false)

  const accounts = useAccountsStore()
  /** The chosen account, or the first one while none is chosen (or the chosen one was removed). */
  const currentAccountId = computed(() => {
    const chosen = accountId.value
    return chosen !== null && accounts.byId.has(chosen) ? chosen : (accounts.list[0]?.accountId ?? null)
  })
  /** The account's own name (its label everywhere) when accounts are known, else the engine's label of the server. */
  const accountLabel = computed(() => {
    const id = currentAccountId.value
    return (id !== null ? accounts.accountOf(id)?.displayName : undefined) ?? access.value?.accountLabel ?? t('clinicStore.thisAccount')
  })
  const showsTeam = computed(() => access.value?.showsTeam ?? false)
  const showsStudyManagement = computed(() => access.value?.showsStudyManagement ?? false)

  async function loadAccess(): Promise<void> {
    if (loadingAccess.value) return
    loadingAccess.value = true
    try {
      const outcome = await callClinic('clinic.access', {})
      access.value = outcome.ok ? outcome.value : null
      accessProblem.value = outcome.ok ? null : outcome.problem
    } finally {
      loadingAccess.value = false
    }
  }

  /** Acts on another account from now on: what was loaded for the previous one is not shown for it. */
  function chooseAccount(next: string): void {
    if (next === currentAccountId.value) return
    accountId.value = next
    access.value = null
    accessProblem.value = null
    void loadAccess()
  }

  function show(next: Workspace): void {
    workspace.value = next
    if (next === 'clinic') void loadAccess()
  }

  return {
    workspace,
    tab,
    accountId,
    currentAccountId,
    access,
    accessProblem,
    loadingAccess,
    accountLabel,
    showsTeam,
    showsStudyManagement,
    loadAccess,
    chooseAccount,
    show
  }
})
