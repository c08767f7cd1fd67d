import { describe, expect, it } from 'vitest'
import { migrateState, renameKey, storedVersion, STATE_MIGRATIONS, type StateMigration } from '@main/engine/persistence'

describe('migration framework', () => {
  it('treats a document without version as v0 and an empty one as current', () => {
    expect(storedVersion({ serverUrl: 'x' })).toBe(0)
    expect(storedVersion({})).toBe(1)
    expect(storedVersion({ version: 1 })).toBe(1)
  })

  it('runs the built-in v0→v1 rename', () => {
    const outcome = migrateState({ serverUrl: 'https://a.example.org', alertLedger: {}, settings: { statIntervalSec: 4 } })
    expect(outcome.fromVersion).toBe(0)
    expect(outcome.version).toBe(1)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org', ledger: {}, settings: { statIntervalSec: 4 } })
    expect(outcome.applied).toHaveLength(1)
  })

  it('keeps the newer value when both the old and the new name exist', () => {
    expect(renameKey({ serverUrl: 'old', baseUrl: 'new' }, 'serverUrl', 'baseUrl')).toEqual({ baseUrl: 'new' })
  })

  it('applies steps in order up to the target version', () => {
    const steps: StateMigration[] = [
      ...STATE_MIGRATIONS,
      { from: 2, to: 3, description: 'c', up: (d) => ({ ...d, trail: `${String(d.trail)}>3` }) },
      { from: 1, to: 2, description: 'b', up: (d) => ({ ...d, trail: `${String(d.trail ?? '')}>2` }) }
    ]
    const outcome = migrateState({ serverUrl: 'https://a.example.org' }, steps, 3)
    expect(outcome.version).toBe(3)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org', trail: '>2>3' })
    expect(outcome.applied.map((line) => line.slice(0, 6))).toEqual(['v0→v1:', 'v1→v2:', 'v2→v3:'])
  })

  it('a failing step is reported, not fatal, and the data before it is kept', () => {
    const steps: StateMigration[] = [
      ...STATE_MIGRATIONS,
      {
        from: 1,
        to: 2,
        description: 'boom',
        up: () => {
          throw new Error('bad step')
        }
      }
    ]
    const outcome = migrateState({ serverUrl: 'https://a.example.org' }, steps, 2)
    expect(outcome.version).toBe(1)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org' })
    expect(outcome.warnings.join(' ')).toMatch(/v1→v2 failed/)
  })

  it('a missing step stops at the last reachable version with a warning', () => {
    const outcome = migrateState({ version: 1, baseUrl: 'https://a.example.org' }, STATE_MIGRATIONS, 2)
    expect(outcome.version).toBe(1)
    expect(outcome.warnings.join(' ')).toMatch(/no migration from v1/)
  })

  it('a nonsense version counts as v0 with a warning', () => {
    const outcome = migrateState({ version: 'one', serverUrl: 'https://a.example.org' })
    expect(outcome.fromVersion).toBe(0)
    expect(outcome.warnings.join(' ')).toMatch(/version/)
    expect(outcome.document).toEqual({ baseUrl: 'https://a.example.org' })
  })
})
