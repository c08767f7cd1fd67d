/**
 * Changes during this shift (since the page started): what the engine said changed or left the
 * queue, newest first, each also told once as a notice, stronger for a study open in the viewer.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { StudyChange } from '@shared/ipc/contract'
import { changeText, changeTextForOpenStudy } from '../lib/changes'
import { useNoticesStore } from './notices'

const KEEP = 500
/** More calm changes than this in one poll become one notice. */
const BURST = 3

export const useChangesStore = defineStore('changes', () => {
  const list = ref<StudyChange[]>([])
  const seen = new Set<string>()

  function receive(changes: readonly StudyChange[]): void {
    const notices = useNoticesStore()
    const fresh = changes.filter((c) => !seen.has(c.id))
    if (fresh.length === 0) return
    for (const change of fresh) seen.add(change.id)
    // Studies open in the viewer are told one by one, loudly; the rest calmly, a burst as one line.
    for (const change of fresh.filter((c) => c.openedRecently)) notices.warn(changeTextForOpenStudy(change))
    const calm = fresh.filter((c) => !c.openedRecently)
    if (calm.length > BURST) notices.polite(t('changes.burst', { count: calm.length, first: changeText(calm[0]!) }))
    else for (const change of calm) notices.polite(changeText(change))
    list.value = [...[...fresh].reverse(), ...list.value].slice(0, KEEP)
  }

  return { list, receive }
})
