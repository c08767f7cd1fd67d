/**
 * How a person (a user, an assignee, an invitee) is named on screen, the one rule: first and last
 * name, else the email. Used by the engine (identity candidates) and the renderer (rows, boards).
 */
export interface NamedPerson {
  firstName?: string | null
  lastName?: string | null
  email?: string | null
}

export function personDisplayName(person: NamedPerson): string {
  const name = [person.firstName, person.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
  return name || person.email?.trim() || ''
}
