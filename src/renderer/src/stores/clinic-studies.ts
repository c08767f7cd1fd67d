/**
 * All of the clinic's studies (not only mine) with the API's filters, a lookup by Study Instance
 * UID that asks the server, and the study changes; each change shows the server's answer.
 */
import { t } from '../strings'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Study } from '@shared/avara/contract'
import type { ClinicOutcome, ClinicProblem, StudyFilters } from '@shared/ipc/clinic-contract'
import { callClinic } from './clinic'
import { createListLoader } from './clinic-lists'

export const STUDIES_CAP = 100_000

export const useClinicStudiesStore = defineStore('clinicStudies', () => {
  const list = createListLoader<Study>(STUDIES_CAP)
  const filters = ref<StudyFilters>({})
  /** The study page currently open (the server's latest version). */
  const current = ref<Study | null>(null)
  const lookupProblem = ref<ClinicProblem | null>(null)
  const lookingUp = ref(false)

  async function load(next: StudyFilters = filters.value): Promise<void> {
    filters.value = next
    await list.load((cursor) => callClinic('clinic.studies.list', { filters: next, ...(cursor ? { cursor } : {}) }))
  }

  function accept(outcome: ClinicOutcome<Study>): ClinicOutcome<Study> {
    if (outcome.ok) {
      list.replace((s) => s.studyId === outcome.value.studyId, outcome.value)
      if (!current.value || current.value.studyId === outcome.value.studyId) current.value = outcome.value
    }
    return outcome
  }

  async function open(studyId: string): Promise<ClinicOutcome<Study>> {
    current.value = list.items.value.find((s) => s.studyId === studyId) ?? null
    return accept(await callClinic('clinic.studies.retrieve', { studyId }))
  }

  async function findByUid(studyInstanceUid: string): Promise<ClinicOutcome<Study>> {
    if (lookingUp.value) return { ok: false, problem: { kind: 'invalid', status: null, field: null, message: t('clinicStudies.lookupRunning') } }
    lookingUp.value = true
    try {
      const outcome = await callClinic('clinic.studies.retrieveByUid', { studyInstanceUid })
      lookupProblem.value = outcome.ok ? null : outcome.problem
      if (outcome.ok) current.value = outcome.value
      return outcome
    } finally {
      lookingUp.value = false
    }
  }

  const update = async (studyId: string, patch: Record<string, unknown>) => accept(await callClinic('clinic.studies.update', { studyId, patch }))
  const cancel = async (studyId: string) => accept(await callClinic('clinic.studies.cancel', { studyId }))
  const uncancel = async (studyId: string) => accept(await callClinic('clinic.studies.uncancel', { studyId }))

  async function create(study: Record<string, unknown>): Promise<ClinicOutcome<Study>> {
    const outcome = await callClinic('clinic.studies.create', { study })
    if (outcome.ok) {
      list.items.value = [outcome.value, ...list.items.value]
      current.value = outcome.value
    }
    return outcome
  }

  async function openInViewer(studyId: string): Promise<ClinicProblem | null> {
    const outcome = await callClinic('clinic.studies.open', { studyId })
    if (!outcome.ok) return outcome.problem
    if (outcome.value.openedBy === 'page') window.open(outcome.value.url, '_blank', 'noopener,noreferrer')
    return null
  }

  function close(): void {
    current.value = null
  }

  return {
    items: list.items,
    loading: list.loading,
    problem: list.problem,
    truncated: list.truncated,
    filters,
    current,
    lookupProblem,
    lookingUp,
    load,
    open,
    findByUid,
    update,
    cancel,
    uncancel,
    create,
    openInViewer,
    close
  }
})
