/**
 * Which panels are open, requests to move focus (the search box for "/"), and how the queue is
 * laid out (compact rows, metadata columns), which is remembered through the core (`view.update`).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ViewPrefs } from '@shared/ipc/contract'
import { useBridge } from '../bridge'

/** At most this many metadata columns (each takes 9rem; more would never fit). */
export const MAX_METADATA_COLUMNS = 6

export const useUiStore = defineStore('ui', () => {
  const settingsOpen = ref(false)
  const keysOpen = ref(false)
  const changesOpen = ref(false)
  /** Bumped to ask the search box to take focus. */
  const searchFocusRequest = ref(0)
  /** Bumped to ask the queue grid to take focus. */
  const gridFocusRequest = ref(0)
  /** One line per row, so more rows fit (small side monitors, large text). */
  const compactRows = ref(false)
  /** Metadata keys shown as queue columns, in order. */
  const metadataColumns = ref<string[]>([])
  /** The web page has asked once about desktop notifications. */
  const notificationsAsked = ref(false)

  function focusSearch(): void {
    searchFocusRequest.value += 1
  }
  function focusGrid(): void {
    gridFocusRequest.value += 1
  }

  function remember(prefs: ViewPrefs): void {
    // Not worth a message: if it fails, the next start shows the default layout.
    Promise.resolve()
      .then(() => useBridge().invoke('view.update', prefs))
      .catch(() => undefined)
  }

  function setCompactRows(on: boolean): void {
    compactRows.value = on
    remember({ compactRows: on })
  }

  /** Keys are trimmed, de-duplicated and capped; empty entries dropped. */
  function setMetadataColumns(keys: readonly string[]): void {
    const clean = [...new Set(keys.map((k) => k.trim()).filter((k) => k.length > 0 && k.length <= 100))].slice(0, MAX_METADATA_COLUMNS)
    metadataColumns.value = clean
    remember({ metadataColumns: clean })
  }

  function setNotificationsAsked(): void {
    notificationsAsked.value = true
    remember({ notificationsAsked: true })
  }

  /** The layout remembered from the last run. */
  function applyViewPrefs(prefs: ViewPrefs): void {
    if (prefs.compactRows !== undefined) compactRows.value = prefs.compactRows
    if (prefs.metadataColumns !== undefined) metadataColumns.value = [...prefs.metadataColumns]
    if (prefs.notificationsAsked !== undefined) notificationsAsked.value = prefs.notificationsAsked
  }

  return {
    settingsOpen,
    keysOpen,
    changesOpen,
    searchFocusRequest,
    gridFocusRequest,
    compactRows,
    metadataColumns,
    notificationsAsked,
    focusSearch,
    focusGrid,
    setCompactRows,
    setMetadataColumns,
    setNotificationsAsked,
    applyViewPrefs
  }
})
