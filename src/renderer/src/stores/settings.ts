import { t } from '../strings'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@shared/ipc/contract'
import { useBridge } from '../bridge'
import { errorMessage } from '../lib/errors'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>(structuredClone(DEFAULT_SETTINGS))
  const error = ref<string | null>(null)
  const saving = ref(false)

  function apply(next: Settings): void {
    settings.value = next
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    saving.value = true
    error.value = null
    try {
      // The new settings arrive as `settings.changed` (apply), as a policy's changes do: one way.
      await useBridge().invoke('settings.update', patch)
      return true
    } catch (err) {
      error.value = t('settingsStore.notSaved', { error: errorMessage(err) })
      return false
    } finally {
      saving.value = false
    }
  }

  return { settings, error, saving, apply, update }
})
