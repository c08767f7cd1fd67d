/**
 * Team (users) and invitations of the chosen account: the lists with the API's filters, the
 * changes (each answered by the server, never guessed), and what this workstation knows about
 * access it revoked or restored (from the activity log: the API has no "active" field).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Invitation, User } from '@shared/avara/contract'
import type { ActivityEntry, ClinicOutcome, InvitationFilters, UserFilters } from '@shared/ipc/clinic-contract'
import { callClinic } from './clinic'
import { createListLoader } from './clinic-lists'

/** The team table holds every user up to this many (all pages). */
export const TEAM_CAP = 10_000
export const INVITATIONS_CAP = 10_000

export interface LocalAccessNote {
  action: 'revoked' | 'reactivated'
  at: string
}

export const useClinicTeamStore = defineStore('clinicTeam', () => {
  const users = createListLoader<User>(TEAM_CAP)
  const invitations = createListLoader<Invitation>(INVITATIONS_CAP)
  /** Everyone, unfiltered: the people pickers (assignee, invitation filter) whatever the team table shows. */
  const people = createListLoader<User>(TEAM_CAP)
  const userFilters = ref<UserFilters>({})
  const invitationFilters = ref<InvitationFilters>({ expired: 'all' })
  const activity = shallowRef<ActivityEntry[]>([])

  async function loadUsers(filters: UserFilters = userFilters.value): Promise<void> {
    userFilters.value = filters
    await users.load((cursor) => callClinic('clinic.users.list', { filters, ...(cursor ? { cursor } : {}) }))
  }

  async function loadPeople(): Promise<void> {
    await people.load((cursor) => callClinic('clinic.users.list', { filters: {}, ...(cursor ? { cursor } : {}) }))
  }

  async function loadInvitations(filters: InvitationFilters = invitationFilters.value): Promise<void> {
    invitationFilters.value = filters
    await invitations.load((cursor) => callClinic('clinic.invitations.list', { filters, ...(cursor ? { cursor } : {}) }))
  }

  async function loadActivity(): Promise<void> {
    try {
      activity.value = await callClinic('clinic.activity.list', { limit: 1000 })
    } catch {
      activity.value = []
    }
  }

  /** The last access change this workstation made per user, newest wins. */
  const accessNotes = computed(() => {
    const notes = new Map<string, LocalAccessNote>()
    for (const entry of activity.value) {
      if (entry.outcome !== 'ok' || !entry.object.id || notes.has(entry.object.id)) continue
      if (entry.action === 'users.revokeAccess') notes.set(entry.object.id, { action: 'revoked', at: entry.at })
      else if (entry.action === 'users.reactivate') notes.set(entry.object.id, { action: 'reactivated', at: entry.at })
    }
    return notes
  })

  async function afterUser(outcome: ClinicOutcome<User>): Promise<ClinicOutcome<User>> {
    if (outcome.ok) users.replace((u) => u.userId === outcome.value.userId, outcome.value)
    return outcome
  }

  async function invite(user: Record<string, unknown>): Promise<ClinicOutcome<User>> {
    const outcome = await callClinic('clinic.users.invite', { user })
    if (outcome.ok) {
      users.items.value = [outcome.value, ...users.items.value]
      if (people.items.value.length) people.items.value = [outcome.value, ...people.items.value]
    }
    return outcome
  }

  const updateUser = async (userId: string, patch: Record<string, unknown>) => afterUser(await callClinic('clinic.users.update', { userId, patch }))
  const retrieveUser = async (userId: string) => afterUser(await callClinic('clinic.users.retrieve', { userId }))

  async function setAccess(userId: string, revoke: boolean): Promise<ClinicOutcome<{ message: string }>> {
    const outcome = await callClinic(revoke ? 'clinic.users.revokeAccess' : 'clinic.users.reactivate', { userId })
    await loadActivity()
    return outcome
  }

  async function retrieveInvitation(invitationId: string): Promise<ClinicOutcome<Invitation>> {
    const outcome = await callClinic('clinic.invitations.retrieve', { invitationId })
    if (outcome.ok) invitations.replace((i) => i.invitationId === invitationId, outcome.value)
    return outcome
  }

  async function updateInvitation(invitationId: string, patch: Record<string, unknown>): Promise<ClinicOutcome<Invitation>> {
    const outcome = await callClinic('clinic.invitations.update', { invitationId, patch })
    if (outcome.ok) invitations.replace((i) => i.invitationId === invitationId, outcome.value)
    return outcome
  }

  /** Revokes, then reads the invitation back so the table shows the server's status. */
  async function revokeInvitation(by: { invitationId: string } | { userId: string }, invitationId: string): Promise<ClinicOutcome<{ message: string }>> {
    const outcome = await callClinic('clinic.invitations.revoke', by)
    if (outcome.ok) await retrieveInvitation(invitationId)
    return outcome
  }

  return {
    users: users.items,
    usersLoading: users.loading,
    usersProblem: users.problem,
    usersTruncated: users.truncated,
    people: people.items,
    peopleProblem: people.problem,
    invitations: invitations.items,
    invitationsLoading: invitations.loading,
    invitationsProblem: invitations.problem,
    userFilters,
    invitationFilters,
    activity,
    accessNotes,
    loadUsers,
    loadInvitations,
    loadPeople,
    loadActivity,
    invite,
    updateUser,
    retrieveUser,
    setAccess,
    retrieveInvitation,
    updateInvitation,
    revokeInvitation
  }
})
