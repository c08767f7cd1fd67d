/** Sign-in's "whose queue does this workstation follow": finding users by email or name. */
import type { User } from '@shared/avara/contract'
import { personDisplayName } from '@shared/avara/person'
import type { IdentityCandidate } from '@shared/ipc/contract'
import type { AvaraClient } from './avara-client'

export const MAX_FOUND_USERS = 50
/** Name search reads the user list; a clinic larger than this should search by email. */
export const MAX_USERS_SCANNED = 2000

/** A user's name as shown (the one rule lives in src/shared/avara/person.ts). */
export function displayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  return personDisplayName(user)
}

function toCandidate(user: User): IdentityCandidate {
  return { userId: user.userId, email: user.email, displayName: displayName(user), clinicRole: user.clinicRole }
}

/** An email (contains '@') is an exact lookup; anything else matches names, case-insensitively. */
export async function findIdentityCandidates(client: AvaraClient, query: string): Promise<IdentityCandidate[]> {
  if (query.includes('@')) {
    const page = await client.viewer.users.list({ email: query, limit: MAX_FOUND_USERS })
    return page.users.slice(0, MAX_FOUND_USERS).map(toCandidate)
  }
  const needle = query.toLowerCase()
  const found: IdentityCandidate[] = []
  let scanned = 0
  for await (const user of client.viewer.users.list({ limit: 100 })) {
    const full = [user.firstName, user.middleName, user.lastName].filter(Boolean).join(' ').toLowerCase()
    if (needle === '' || full.includes(needle) || displayName(user).toLowerCase().includes(needle)) found.push(toCandidate(user))
    if (found.length >= MAX_FOUND_USERS || ++scanned >= MAX_USERS_SCANNED) break
  }
  return found
}
