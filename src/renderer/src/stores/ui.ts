/** Which panels are open, and requests to move focus (the search box for "/"). */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useUiStore = defineStore('ui', () => {
  const settingsOpen = ref(false)
  const keysOpen = ref(false)
  /** Bumped to ask the search box to take focus. */
  const searchFocusRequest = ref(0)
  /** Bumped to ask the queue grid to take focus. */
  const gridFocusRequest = ref(0)

  function focusSearch(): void {
    searchFocusRequest.value += 1
  }
  function focusGrid(): void {
    gridFocusRequest.value += 1
  }
  return { settingsOpen, keysOpen, searchFocusRequest, gridFocusRequest, focusSearch, focusGrid }
})
