import { afterAll, describe, expect, it } from 'vitest'
import type { AccountsState, QueueSnapshot } from '@shared/ipc/contract'
import { DEMO_MAX_ACCOUNTS, parseDemoArgs } from '../../scripts/demo-args'
import { callWeb, runDemo, runDemoExpectingExit, type RunningDemo } from './run-demo'

/**
 * `npm run demo -- --accounts 2`: two sandboxes (two processes, two ports, two demo clinics)
 * followed as two accounts in one queue, served here by the web shell (no Electron runtime) with
 * the keys in memory (no keychain outside the keyring wrapper; tests/keyring/demo-keychain.test.ts
 * checks the keychain entries and their removal).
 */
describe('npm run demo -- --accounts N', () => {
  let demo: RunningDemo | undefined
  afterAll(async () => {
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL')
  })

  it('parses N from 1 to the number of demo clinics; anything else is a clear error', () => {
    expect(DEMO_MAX_ACCOUNTS).toBe(2)
    expect(parseDemoArgs([])).toEqual({ kind: 'run', accounts: 1 })
    expect(parseDemoArgs(['--accounts', '2'])).toEqual({ kind: 'run', accounts: 2 })
    expect(parseDemoArgs(['--accounts=1'])).toEqual({ kind: 'run', accounts: 1 })
    expect(parseDemoArgs(['--help']).kind).toBe('help')
    for (const [argv, message] of [
      [['--accounts', '0'], '--accounts needs a whole number from 1 to 2, not "0"'],
      [['--accounts=two'], '--accounts needs a whole number from 1 to 2, not "two"'],
      [['--accounts', '1.5'], '--accounts needs a whole number from 1 to 2, not "1.5"'],
      [['--accounts'], '--accounts needs a number from 1 to 2'],
      [['--accounts', '1', '--accounts', '2'], '--accounts was given more than once'],
      [['--acounts', '2'], 'Unknown argument "--acounts"']
    ] as const) {
      expect(parseDemoArgs(argv), argv.join(' ')).toEqual({ kind: 'error', message })
    }
    expect(parseDemoArgs(['--accounts', '3'])).toMatchObject({ kind: 'error', message: expect.stringContaining('the demo has 2 demo clinics (one sandbox each), so it runs 1 to 2 accounts') })
  })

  it('refuses --accounts past the demo clinics before starting anything: exit 2, the reason and the usage', async () => {
    const refused = await runDemoExpectingExit(['--accounts', '3'])
    expect(refused.code).toBe(2)
    expect(refused.output).toContain('--accounts 3: the demo has 2 demo clinics')
    expect(refused.output).toContain('Usage: npm run demo -- [--accounts N]')
    expect(refused.output).not.toContain('sandbox running')
  }, 60_000)

  it('with 2: both accounts live under their clinics\' names, the one queue holds both clinics\' studies, and Ctrl-C stops both sandboxes', async () => {
    demo = await runDemo({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, ['--accounts', '2'])
    expect(demo.lines.filter((l) => /sandbox running at/.test(l))).toHaveLength(2)
    expect(demo.lines.some((l) => /throwaway sandbox keys stay in memory/.test(l))).toBe(true)

    let accounts: AccountsState | undefined
    let queue: QueueSnapshot | undefined
    const hasRowsOf = (q: QueueSnapshot | undefined, accountId: string | undefined) => Boolean(accountId && q?.mine.some((s) => s.accountId === accountId))
    // The second account's lanes start half an interval late (polls are spread over the accounts).
    for (let attempt = 0; attempt < 300; attempt++) {
      accounts = await callWeb<AccountsState>(demo.url, 'accounts.list')
      queue = await callWeb<QueueSnapshot>(demo.url, 'queue.snapshot')
      const [one, two] = accounts.accounts
      if (accounts.health.live === 2 && hasRowsOf(queue, one?.accountId) && hasRowsOf(queue, two?.accountId) && queue.mine.filter((s) => s.accountId === two?.accountId).length >= 5) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(accounts?.accounts.map((a) => [a.displayName, a.identity?.email, a.hasKey, a.connection.status])).toEqual([
      ['Riverside Radiology', 'maya.chen@example.org', true, 'online'],
      ["St Mary's Hospital", 'm.chen@stmarys.example.org', true, 'online']
    ])
    expect(accounts?.health).toMatchObject({ total: 2, live: 2, text: null })
    const [first, second] = accounts!.accounts
    expect(new URL(first!.baseUrl).port).not.toBe(new URL(second!.baseUrl).port)
    expect(first!.accountId).not.toBe(second!.accountId)

    const rowsOf = (accountId: string) => queue!.mine.filter((s) => s.accountId === accountId).map((s) => s.studyDescription)
    expect(rowsOf(first!.accountId)).toEqual(expect.arrayContaining(['CT Head without contrast', 'CTA Chest PE protocol']))
    expect(rowsOf(second!.accountId)).toEqual(expect.arrayContaining(['CTA Head and Neck stroke protocol', 'XR Chest portable']))
    expect(Object.keys(queue!.countsByAccount ?? {}).sort()).toEqual([first!.accountId, second!.accountId].sort())

    expect(await demo.interrupt()).toBe(0)
    await expect(fetch(`${first!.baseUrl}/openapi.json`)).rejects.toThrow()
    await expect(fetch(`${second!.baseUrl}/openapi.json`)).rejects.toThrow()
  }, 150_000)
})
