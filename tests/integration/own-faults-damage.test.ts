/**
 * Recovery, not reset, with the real engine against the sandbox: after each kind of damage to the
 * state file, a restart recovers the ledger (from what still validates and the last good copy), so
 * the stat studies alerted before are not alerted again and a new one is alerted once.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createConfStateStore } from '@main/node'
import { makeRig, makeWorld, newStudy, signIn, type World } from './harness'
import { tally } from '../web-shell/sse-client'

let world: World | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const DAMAGE: Array<[string, (good: string) => string | Buffer]> = [
  ['truncated', (good) => good.slice(0, Math.floor(good.length / 3))],
  ['empty', () => ''],
  ['random bytes', () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256))],
  ['JSON null', () => 'null'],
  ['a wrong version', (good) => JSON.stringify({ ...JSON.parse(good), version: -4 })],
  ['a ledger of the wrong type', (good) => withFirstAccount(good, { ledger: 'corrupted' })],
  ['an account list of the wrong type', (good) => JSON.stringify({ ...JSON.parse(good), accounts: 'corrupted' })]
]

/** The file with its shown (first) account's parts replaced, as a damaged write would leave them. */
function withFirstAccount(good: string, parts: Record<string, unknown>): string {
  const document = JSON.parse(good) as { accounts: Array<Record<string, unknown>> }
  document.accounts[0] = { ...document.accounts[0], ...parts }
  return JSON.stringify(document)
}

describe('a damaged state file, restarted', () => {
  it.each(DAMAGE)('%s: the recovered ledger keeps every alerted study from alerting again', async (_name, damage) => {
    world = await makeWorld()
    const first = makeRig({ state: createConfStateStore({ cwd: world.profileDir }), secrets: world.secrets })
    await first.companion.start()
    await signIn(first, world)
    const created: string[] = []
    for (let i = 0; i < 4; i++) created.push((await newStudy(world, 'stat')).studyId)
    await first.advance(5_000)
    await first.companion.stop()

    const file = path.join(world.profileDir, 'companion-state.json')
    fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')))

    const store = createConfStateStore({ cwd: world.profileDir })
    expect(store.recovery()?.lost ?? []).not.toContain('alert history')
    const restarted = makeRig({ state: store, secrets: world.secrets })
    await restarted.companion.start()
    await restarted.settle()
    created.push((await newStudy(world, 'stat')).studyId)
    await restarted.advance(5_000)
    await restarted.advance(30_000)
    await restarted.companion.stop()
    const counts = tally(created, [...first.notifier.shown, ...restarted.notifier.shown])
    expect(counts).toEqual({ created: 5, once: 5, duplicates: 0, missed: 0 })
  }, 30_000)
})
