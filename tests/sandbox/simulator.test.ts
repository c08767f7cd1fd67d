import { describe, expect, it } from 'vitest'
import { createSandboxContext } from '@sandbox/context'
import { openDatabase } from '@sandbox/db/database'
import { SandboxStore } from '@sandbox/db/store'
import { mulberry32 } from '@sandbox/seed/prng'
import { initializeSandbox } from '@sandbox/seed/seed'
import { StudySimulator } from '@sandbox/simulator'
import { studyToWire } from '@sandbox/serialize'
import { isDicomUid } from '@shared/avara/contract'

function demoContext(now: { ms: number }) {
  const db = openDatabase(null)
  const clock = () => now.ms
  const identity = initializeSandbox(db, { seed: 'demo', seedNumber: 1, clock })
  const store = new SandboxStore(db)
  const ctx = createSandboxContext({ store, identity, clock, rerouteTtlSeconds: 300, baseURL: () => 'http://sandbox.test' })
  return { db, ctx, identity }
}

describe('StudySimulator (manual ticks)', () => {
  it('creates about RATE studies per simulated minute, mostly assigned, a fair share stat', () => {
    const now = { ms: Date.parse('2026-01-01T09:00:00.000Z') }
    const { db, ctx, identity } = demoContext(now)
    const before = ctx.store.studies.count()
    const simulator = new StudySimulator(ctx, { ratePerMinute: 3, random: mulberry32(99), apiKeyId: identity.apiKeyId })
    const events = []
    for (let minute = 0; minute < 100; minute++) {
      now.ms += 60_000
      events.push(...simulator.tick(60_000))
    }
    const created = events.filter((e) => e.kind === 'created')
    expect(created.length).toBe(300)
    expect(ctx.store.studies.count()).toBe(before + 300)
    const stat = created.filter((e) => e.kind === 'created' && e.severity === 'stat').length
    expect(stat / created.length).toBeGreaterThan(0.1)
    expect(stat / created.length).toBeLessThan(0.6)
    const assigned = created.filter((e) => e.kind === 'created' && e.assignedTo !== null).length
    expect(assigned / created.length).toBeGreaterThan(0.6)
    for (const kind of ['completed', 'escalated', 'reassigned']) expect(events.some((e) => e.kind === kind), kind).toBe(true)
    for (const e of created) {
      const row = ctx.store.studies.get(e.studyId)
      expect(row).toBeDefined()
      const wire = studyToWire(row!)
      expect(isDicomUid(wire.studyInstanceUid)).toBe(true)
      expect(wire.createdByApiKey?.apiKeyId).toBe(identity.apiKeyId)
    }
    db.close()
  })

  it('is driven only by the injected random: the same sequence gives the same story', () => {
    const run = () => {
      const now = { ms: Date.parse('2026-01-01T09:00:00.000Z') }
      const { db, ctx, identity } = demoContext(now)
      const simulator = new StudySimulator(ctx, { ratePerMinute: 1, random: mulberry32(5), apiKeyId: identity.apiKeyId })
      const kinds: string[] = []
      for (let i = 0; i < 30; i++) kinds.push(...simulator.tick(20_000).map((e) => e.kind + (e.kind === 'created' ? `:${e.severity}` : '')))
      db.close()
      return kinds
    }
    const a = run()
    expect(a).toEqual(run())
    expect(a.filter((k) => k.startsWith('created')).length).toBeGreaterThan(3)
  })

  it('does nothing with no elapsed time', () => {
    const now = { ms: Date.parse('2026-01-01T09:00:00.000Z') }
    const { db, ctx, identity } = demoContext(now)
    const simulator = new StudySimulator(ctx, { ratePerMinute: 10, random: () => 0.5, apiKeyId: identity.apiKeyId })
    expect(simulator.tick(0)).toEqual([])
    db.close()
  })
})
