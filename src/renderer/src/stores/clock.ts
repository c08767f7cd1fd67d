/** One ticking "now" for every live time on screen (waiting times, "updated 5 s ago"). */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useClockStore = defineStore('clock', () => {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | null = null

  function start(): void {
    if (timer) return
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 1000)
  }
  function stop(): void {
    if (timer) clearInterval(timer)
    timer = null
  }
  /** For tests and for resync after the page was hidden. */
  function set(ms: number): void {
    now.value = ms
  }
  return { now, start, stop, set }
})
