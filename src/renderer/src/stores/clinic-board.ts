/**
 * The coordinator board: the clinic's incomplete, uncancelled studies grouped by assignee (with
 * the unassigned pool beside them), and the two-action move: pick a study, pick a radiologist.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { compareByUrgency } from '@shared/ipc/study-order'
import { computed, ref } from 'vue'
import type { Study, User } from '@shared/avara/contract'
import { personDisplayName, type NamedPerson } from '@shared/avara/person'
import type { ClinicOutcome, ClinicProblem } from '@shared/ipc/clinic-contract'
import { callClinic } from './clinic'
import { createListLoader } from './clinic-lists'
import { STUDIES_CAP } from './clinic-studies'
import { TEAM_CAP } from './clinic-team'

export interface BoardLane {
  /** null: the unassigned pool. */
  userId: string | null
  name: string
  studies: Study[]
}


export const personLabel = (p: NamedPerson): string => personDisplayName(p)

export const useClinicBoardStore = defineStore('clinicBoard', () => {
  const studies = createListLoader<Study>(STUDIES_CAP)
  const people = createListLoader<User>(TEAM_CAP)
  /** The study picked for a move (first action); null when none. */
  const picked = ref<string | null>(null)
  const moving = ref(false)
  const moveProblem = ref<ClinicProblem | null>(null)
  const lastMove = ref<string | null>(null)

  async function load(): Promise<void> {
    await Promise.all([
      studies.load((cursor) => callClinic('clinic.studies.list', { filters: { studyViewerStatus: 'incomplete', isCancelled: false }, ...(cursor ? { cursor } : {}) })),
      people.load((cursor) => callClinic('clinic.users.list', { filters: {}, ...(cursor ? { cursor } : {}) }))
    ])
  }

  /** Radiologists (clinic role) first; everyone who has studies is shown too. */
  const lanes = computed<BoardLane[]>(() => {
    const byUser = new Map<string, Study[]>()
    const pool: Study[] = []
    for (const study of studies.items.value) {
      const id = study.assignedTo?.userId
      if (!id) pool.push(study)
      else byUser.set(id, [...(byUser.get(id) ?? []), study])
    }
    const readers = people.items.value.filter((u) => u.clinicRole === 'Radiologist' || byUser.has(u.userId))
    const lanesOut: BoardLane[] = readers
      .map((u) => ({ userId: u.userId, name: personLabel(u), studies: (byUser.get(u.userId) ?? []).sort(compareByUrgency) }))
      .sort((a, b) => a.name.localeCompare(b.name))
    return [{ userId: null, name: t('clinicBoard.unassigned'), studies: pool.sort(compareByUrgency) }, ...lanesOut]
  })

  const pickedStudy = computed(() => studies.items.value.find((s) => s.studyId === picked.value) ?? null)

  function pick(studyId: string | null): void {
    picked.value = picked.value === studyId ? null : studyId
    moveProblem.value = null
  }

  /** Second action: moves the picked study to `userId` (null: back to the pool); the server's answer is shown. */
  async function moveTo(userId: string | null): Promise<ClinicOutcome<Study> | null> {
    const studyId = picked.value
    if (!studyId || moving.value) return null
    moving.value = true
    try {
      const outcome = await callClinic('clinic.studies.update', { studyId, patch: { assignedTo: userId } })
      if (outcome.ok) {
        studies.replace((s) => s.studyId === studyId, outcome.value)
        picked.value = null
        moveProblem.value = null
        lastMove.value = outcome.value.assignedTo
          ? t('clinicBoard.movedTo', { description: outcome.value.studyDescription, name: personLabel(outcome.value.assignedTo) })
          : t('clinicBoard.movedToPool', { description: outcome.value.studyDescription })
      } else {
        moveProblem.value = outcome.problem
      }
      return outcome
    } finally {
      moving.value = false
    }
  }

  return {
    studies: studies.items,
    loading: studies.loading,
    problem: studies.problem,
    peopleProblem: people.problem,
    picked,
    pickedStudy,
    moving,
    moveProblem,
    lastMove,
    lanes,
    load,
    pick,
    moveTo
  }
})
