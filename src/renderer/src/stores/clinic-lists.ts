/**
 * Loading every page of a clinic list: slices of up to 1,000 rows per bridge call, followed until
 * the server's cursor ends or the cap is reached. A newer load (changed filters) supersedes an
 * older one still running; rows arrive as they come (the first page shows at once).
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { ClinicPage, ClinicProblem, ClinicOutcome } from '@shared/ipc/clinic-contract'

export interface ListLoader<T> {
  items: ShallowRef<T[]>
  loading: Ref<boolean>
  problem: Ref<ClinicProblem | null>
  /** True when the cap stopped the load before the end of the list. */
  truncated: Ref<boolean>
  load(fetchSlice: (cursor: string | undefined) => Promise<ClinicOutcome<ClinicPage<T>>>): Promise<void>
  replace(match: (item: T) => boolean, next: T): void
}

export function createListLoader<T>(cap: number): ListLoader<T> {
  const items = shallowRef<T[]>([])
  const loading = ref(false)
  const problem: Ref<ClinicProblem | null> = ref(null)
  const truncated = ref(false)
  let generation = 0

  async function load(fetchSlice: (cursor: string | undefined) => Promise<ClinicOutcome<ClinicPage<T>>>): Promise<void> {
    const mine = ++generation
    loading.value = true
    problem.value = null
    truncated.value = false
    let collected: T[] = []
    let cursor: string | undefined
    try {
      for (;;) {
        const outcome = await fetchSlice(cursor)
        if (mine !== generation) return
        if (!outcome.ok) {
          problem.value = outcome.problem
          return
        }
        collected = collected.concat(outcome.value.items)
        items.value = collected
        if (outcome.value.cursor === null) return
        if (collected.length >= cap) {
          truncated.value = true
          return
        }
        cursor = outcome.value.cursor
      }
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** Puts the server's new version of one row in place (after a change). */
  function replace(match: (item: T) => boolean, next: T): void {
    const index = items.value.findIndex(match)
    if (index < 0) return
    const copy = items.value.slice()
    copy[index] = next
    items.value = copy
  }

  return { items, loading, problem, truncated, load, replace }
}
