/** Queue rows name people by the one rule in src/shared/avara/person.ts (the engine does too). */
import { describe, expect, it } from 'vitest'
import { personDisplayName } from '@shared/avara/person'
import { personName } from '@renderer/lib/study'

describe('personName (queue rows and details)', () => {
  it('is the shared display name, and "Unassigned" for nobody', () => {
    const userId = `usr_${'a'.repeat(32)}`
    for (const person of [
      { userId, firstName: 'Maya', lastName: 'Chen', email: 'maya@example.org' },
      { userId, firstName: '', lastName: 'Chen', email: 'chen@example.org' },
      { userId, email: 'nobody@example.org' }
    ]) {
      expect(personName(person)).toBe(personDisplayName(person))
    }
    expect(personName({ userId, email: 'nobody@example.org' })).toBe('nobody@example.org')
    expect(personName(null)).toBe('Unassigned')
  })
})
