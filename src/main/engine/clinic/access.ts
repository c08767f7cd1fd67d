/**
 * Who sees what in the clinic workspace. A convenience, not a security boundary: the API key is
 * the clinic's, and the server decides what it allows (a 403 is shown as such).
 */
import type { UserLevel } from '@shared/avara/contract'

export interface AccessFacts {
  level: UserLevel | null
  canManageStudies: boolean
}

/** Team and invitations: identities whose level is owner or admin. */
export function showsTeam(facts: AccessFacts): boolean {
  return facts.level === 'owner' || facts.level === 'admin'
}

/** Study management (assign, severity, cancel, create…): identities that can manage studies. */
export function showsStudyManagement(facts: AccessFacts): boolean {
  return facts.canManageStudies
}

/** A level from the server that the app knows, or null (a value added later is not guessed at). */
export function knownLevel(value: string): UserLevel | null {
  return value === 'owner' || value === 'admin' || value === 'member' ? value : null
}

/** How the workspace names an account on every screen, e.g. "Avara at api.avarasoftware.com". */
export function accountLabel(baseUrl: string): string {
  try {
    return `Avara at ${new URL(baseUrl).host}`
  } catch {
    return 'Avara'
  }
}
