/**
 * Whether the companion can save, and what it recovered from a damaged profile (docs/fault-tolerance.md).
 * The save problem travels with the connection state (it starts and ends with a connection event);
 * the recovery notice comes with the app state and stays until the user dismisses it.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { StorageState } from '@shared/ipc/contract'
import { useConnectionStore } from './connection'

export const useStorageStore = defineStore('storage', () => {
  const connection = useConnectionStore()
  /** "Changes cannot be saved: <reason>, <folder>", or null. */
  const saveProblem = computed(() => connection.state.saveProblem ?? null)
  const recovery = ref<StorageState['recovery']>(null)
  const dismissed = ref<string | null>(null)
  /** Shown until dismissed; a re-sync after a dropped link does not bring a dismissed notice back. */
  const recoveryNotice = computed(() => (recovery.value && recovery.value.message !== dismissed.value ? recovery.value : null))

  function apply(storage: StorageState | undefined): void {
    recovery.value = storage?.recovery ?? null
  }

  function dismissRecovery(): void {
    dismissed.value = recovery.value?.message ?? null
  }

  return { saveProblem, recoveryNotice, apply, dismissRecovery }
})
