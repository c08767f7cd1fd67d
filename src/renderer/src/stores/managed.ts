/**
 * What the administrator's policy file sets and locks (AppState.managed), for the sign-in screen
 * and Settings, and the problem when the file was found but not applied.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { NO_MANAGED_POLICY, type ManagedState, type SettingPath } from '@shared/ipc/managed-policy'

export const useManagedStore = defineStore('managed', () => {
  const state = ref<ManagedState>(NO_MANAGED_POLICY)

  /** A shell that predates managed configuration sends nothing: no policy. */
  function apply(next: ManagedState | undefined): void {
    state.value = next ?? NO_MANAGED_POLICY
  }

  const isLocked = (path: SettingPath): boolean => state.value.lockedSettings.includes(path)
  const serverLocked = computed(() => state.value.serverUrlLocked && state.value.serverUrl !== null)
  const managesAnything = computed(
    () => state.value.file !== null && (state.value.serverUrl !== null || state.value.lockedSettings.length > 0 || state.value.presetSettings.length > 0)
  )

  return { state, apply, isLocked, serverLocked, managesAnything }
})
