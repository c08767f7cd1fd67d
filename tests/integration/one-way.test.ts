/**
 * Issue 8, item 4: a command's result comes back one way. Each command that changes state the page
 * shows answers a small result ("done", or a fact the caller needs that is not state: the key
 * check's outcome, the new account's id), and the state reaches the page once, as its event. A
 * call that both answered with a state and emitted it would have the page apply it twice (and, in
 * the web shell, in either order). Real sandboxes over HTTP, conf in a temp folder.
 */
import { isDeepStrictEqual } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, type CallName, type CallRequest, type EventName, type EventPayloads } from '@shared/ipc/contract'
import { makeRig, makeWorld, newStudy, setFault, signIn, type Rig, type World } from './harness'

const STAT_MS = DEFAULT_SETTINGS.statIntervalSec * 1000

let first: World
let second: World
let rig: Rig
beforeEach(async () => {
  ;[first, second] = await Promise.all([makeWorld(), makeWorld()])
  rig = makeRig(first)
  await rig.companion.start()
})
afterEach(async () => {
  await rig.companion.stop()
  await Promise.all([first.close(), second.close()])
})

/** Every value inside `answer` (itself, its properties, theirs...) that equals a payload emitted while the call ran. */
function echoes(answer: unknown, emitted: Array<{ name: EventName; payload: unknown }>): string[] {
  const found: string[] = []
  const visit = (value: unknown, at: string) => {
    for (const event of emitted) if (isDeepStrictEqual(value, event.payload)) found.push(`${at} repeats ${event.name}`)
    if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) visit(inner, `${at}.${key}`)
  }
  visit(answer, 'answer')
  return found
}

/** Runs one call; returns its answer (unwrapped) and the events of `name` the engine emitted while it ran. */
async function command<K extends CallName, E extends EventName>(call: K, request: CallRequest<K>, event: E) {
  const from = rig.events.length
  const result = await rig.companion.handle(call, request)
  const emitted = rig.events.slice(from)
  if (!result.ok) throw new Error(`${call} failed: ${JSON.stringify(result)}`)
  // The generic rule: nothing in the answer is a state the engine also sent as an event.
  expect(echoes(result.value, emitted), `${call} answers with a state it also emitted`).toEqual([])
  return { answer: result.value, sent: emitted.filter((e) => e.name === event).map((e) => e.payload as EventPayloads[E]) }
}

describe('one way: sign-in, settings and refresh', () => {
  it('auth.saveKey answers the key check; the sign-in arrives once, as auth.changed', async () => {
    const { answer, sent } = await command('auth.saveKey', { baseUrl: first.sandbox.baseURL, apiKey: first.sandbox.apiKey }, 'auth.changed')
    expect(answer).toEqual({ ok: true, needsIdentity: true })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ baseUrl: first.sandbox.baseURL, hasKey: true, identity: null })
  })

  it('auth.setIdentity and auth.signOut answer "done"; each new sign-in arrives once, as auth.changed', async () => {
    await command('auth.saveKey', { baseUrl: first.sandbox.baseURL, apiKey: first.sandbox.apiKey }, 'auth.changed')
    const picked = await command('auth.setIdentity', { userId: first.radiologist.userId }, 'auth.changed')
    expect(picked.answer).toEqual({ ok: true })
    expect(picked.sent).toHaveLength(1)
    expect(picked.sent[0]).toMatchObject({ hasKey: true, identity: { userId: first.radiologist.userId } })
    await rig.settle()

    const out = await command('auth.signOut', {}, 'auth.changed')
    expect(out.answer).toEqual({ ok: true })
    expect(out.sent).toHaveLength(1)
    expect(out.sent[0]).toMatchObject({ hasKey: false })
  })

  it('settings.update answers "done"; the new settings arrive once, as settings.changed', async () => {
    const { answer, sent } = await command('settings.update', { statIntervalSec: 7, alerts: { high: true } }, 'settings.changed')
    expect(answer).toEqual({ ok: true })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ statIntervalSec: 7, alerts: { high: true, sound: DEFAULT_SETTINGS.alerts.sound } })
    const state = await rig.companion.handle('app.getState', {})
    expect(state.ok && state.value.settings).toEqual(sent[0])
  })

  it('queue.refresh answers "done"; the connection arrives as connection.changed and the studies as queue.delta', async () => {
    await signIn(rig, first)
    await setFault(first, { status: 503 })
    await rig.advance(STAT_MS)
    expect(rig.last('connection.changed')?.status).toBe('server-error')
    await setFault(first, null)
    const stat = await newStudy(first, 'stat')
    const { answer, sent } = await command('queue.refresh', {}, 'connection.changed')
    expect(answer).toEqual({ ok: true })
    // On the way the lane may say it is retrying; the new connection (online) arrives once, last.
    expect(sent.filter((c) => c.status === 'online')).toHaveLength(1)
    const state = await rig.companion.handle('app.getState', {})
    expect(state.ok && state.value.connection).toEqual(sent.at(-1))
    expect(rig.shownQueue().mine.map((s) => s.studyId)).toContain(stat.studyId)
  })
})

describe('one way: accounts', () => {
  beforeEach(async () => {
    await signIn(rig, first)
  })

  async function addSecond() {
    const added = await command(
      'accounts.add',
      { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: 'Northside', userId: second.radiologist.userId },
      'accounts.changed'
    )
    if (!added.answer.ok) throw new Error(`accounts.add refused: ${added.answer.message}`)
    return { ...added, accountId: added.answer.accountId }
  }

  it('accounts.add answers the new id (and that nobody needs picking); the account arrives once, as accounts.changed', async () => {
    const { answer, sent, accountId } = await addSecond()
    expect(answer).toEqual({ ok: true, accountId, needsIdentity: false })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.accounts.map((a) => [a.accountId, a.displayName, a.identity?.userId])).toEqual([
      [FIRST_ACCOUNT_ID, expect.any(String), first.radiologist.userId],
      [accountId, 'Northside', second.radiologist.userId]
    ])
  })

  it('accounts.update, accounts.reorder and accounts.remove answer "done"; each change arrives once, as accounts.changed', async () => {
    const { accountId } = await addSecond()

    const renamed = await command('accounts.update', { accountId, displayName: 'Northside (nights)', colour: 'purple' }, 'accounts.changed')
    expect(renamed.answer).toEqual({ ok: true })
    expect(renamed.sent).toHaveLength(1)
    expect(renamed.sent[0]!.accounts[1]).toMatchObject({ accountId, displayName: 'Northside (nights)', colour: 'purple' })

    const reordered = await command('accounts.reorder', { accountIds: [accountId, FIRST_ACCOUNT_ID] }, 'accounts.changed')
    expect(reordered.answer).toEqual({ ok: true })
    expect(reordered.sent).toHaveLength(1)
    expect(reordered.sent[0]!.accounts.map((a) => a.accountId)).toEqual([accountId, FIRST_ACCOUNT_ID])

    const removed = await command('accounts.remove', { accountId }, 'accounts.changed')
    expect(removed.answer).toEqual({ ok: true })
    expect(removed.sent).toHaveLength(1)
    expect(removed.sent[0]!.accounts.map((a) => a.accountId)).toEqual([FIRST_ACCOUNT_ID])
    const listed = await rig.companion.handle('accounts.list', {})
    expect(listed.ok && listed.value).toEqual(removed.sent[0])
  })

  it('a second account takes its key and its user the same way: the answers are small, the account arrives as accounts.changed', async () => {
    const added = await command('accounts.add', { baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey, displayName: 'Hill' }, 'accounts.changed')
    if (!added.answer.ok) throw new Error(added.answer.message)
    const { accountId } = added.answer
    expect(added.answer).toEqual({ ok: true, accountId, needsIdentity: true })
    const saved = await command('auth.saveKey', { accountId, baseUrl: second.sandbox.baseURL, apiKey: second.sandbox.apiKey }, 'accounts.changed')
    expect(saved.answer).toEqual({ ok: true, needsIdentity: true })
    const picked = await command('auth.setIdentity', { accountId, userId: second.radiologist.userId }, 'accounts.changed')
    expect(picked.answer).toEqual({ ok: true })
    expect(picked.sent.length).toBeGreaterThanOrEqual(1)
    expect(picked.sent.at(-1)!.accounts.find((a) => a.accountId === accountId)?.identity?.userId).toBe(second.radiologist.userId)
  })
})
