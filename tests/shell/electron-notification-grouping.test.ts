/**
 * Issue 10, smoke test of the BUILT Electron shell: the native notifier keeps one live notification
 * per study and a burst as one summary. out/main/index.js runs under Node with the recording
 * `electron` stand-in (its Notification records new, show and close per instance) against an empty
 * sandbox over HTTP, reminders after one minute (the shortest setting). Then the tray names a study
 * that escalated to stat as such. Last, a second shell process follows two accounts (two empty
 * sandboxes): stat studies arriving in both at once leave one live notification, the burst's summary.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Avara from '@shared/avara'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { startSandbox } from '@sandbox/server'
import { ensureBuiltBundles } from './build-output'
import { ShellProcess, writeSignedInProfile, type ProfileAccount, type RecordEntry } from './shell-process'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

let sandbox: Sandbox
let shell: ShellProcess
let workDir: string
let client: Avara
let userId: string

const uid = () => `1.2.826.0.1.3680043.10.${Date.now()}.${Math.floor(Math.random() * 1e6)}`

beforeAll(async () => {
  ensureBuiltBundles()
  // Empty: no seeded stat study alerts or reminds beside the ones this test creates.
  sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })
  client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 0 })
  userId = sandbox.owner.userId
  workDir = mkdtempSync(join(tmpdir(), 'rrc-electron-grouping-'))
  const { userDataDir, keychainFile } = writeSignedInProfile(
    workDir,
    sandbox,
    { userId, email: sandbox.owner.email, displayName: `${sandbox.owner.firstName} ${sandbox.owner.lastName}` },
    { ...DEFAULT_SETTINGS, statIntervalSec: 2, queueIntervalSec: 10, alerts: { ...DEFAULT_SETTINGS.alerts, reAlertMinutes: 1, reAlertMax: 3 } }
  )
  shell = new ShellProcess({ userDataDir, keychainFile, recordFile: join(workDir, 'records.jsonl') })
  await shell.waitFor('the first successful poll', () =>
    shell.of('webContents.send').find((entry) => entry.data.channel === 'rrc:event:connection.changed' && (entry.data.payload as { status?: string }).status === 'online')
  )
}, 120_000)

afterAll(async () => {
  if (shell?.running) {
    await shell.command('quit').catch(() => undefined)
    await shell.exited().catch(() => shell.kill())
  }
  await sandbox?.close()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

interface NativeNotification {
  index: number
  title: string
  body: string
  shown: boolean
  closed: boolean
}

/** Every notification the main process created, with whether the desktop still shows it. */
function notifications(of: ShellProcess = shell): NativeNotification[] {
  const byIndex = new Map<number, NativeNotification>()
  const index = (entry: RecordEntry) => Number(entry.data.index)
  for (const entry of of.of('Notification.new')) byIndex.set(index(entry), { index: index(entry), title: String(entry.data.title), body: String(entry.data.body), shown: false, closed: false })
  for (const entry of of.of('Notification.show')) byIndex.get(index(entry))!.shown = true
  for (const entry of of.of('Notification.close')) byIndex.get(index(entry))!.closed = true
  return [...byIndex.values()]
}
const live = (of: ShellProcess = shell) => notifications(of).filter((n) => n.shown && !n.closed)
/** Notification bodies name the study's description: "CT head (stat)", or a list for a summary. */
const liveAbout = (description: string) => live().filter((n) => n.body.includes(description))

const createStat = (studyDescription: string) => client.viewer.studies.create({ severity: 'stat', studyDescription, studyInstanceUid: uid(), assignedTo: userId })

describe('the built Electron shell groups native notifications', () => {
  it('a reminder replaces the notification of its study: one live notification per study', { timeout: 120_000 }, async () => {
    await createStat('Grouping smoke CT head')
    const first = await shell.waitFor('the first notification', () => liveAbout('Grouping smoke CT head')[0])
    expect(first.title).toBe('New stat study')
    // The reminder comes one minute (reAlertMinutes) after the first alert.
    const reminder = await shell.waitFor(
      'the reminder',
      () => notifications().find((n) => n.index > first.index && n.title === 'Stat study still waiting' && n.body.includes('Grouping smoke CT head')),
      90_000
    )
    await shell.waitFor('the reminder to be shown', () => live().find((n) => n.index === reminder.index))
    expect(notifications().find((n) => n.index === first.index)?.closed).toBe(true)
    expect(liveAbout('Grouping smoke CT head').map((n) => n.index)).toEqual([reminder.index])
  })

  it('a burst of stat arrivals is one summary notification, beside the live one of the earlier study', { timeout: 60_000 }, async () => {
    const status = (entry: RecordEntry) => (entry.data.payload as { status?: string } | undefined)?.status
    const connectionAfter = (seq: number) => shell.of('webContents.send').filter((entry) => entry.seq > seq && entry.data.channel === 'rrc:event:connection.changed')
    // Suspended, so that all three arrive before the next poll (on wake) sees them at once.
    let mark = shell.records.at(-1)?.seq ?? 0
    await shell.command('power', { signal: 'suspend' })
    await shell.waitFor('the paused state', () => connectionAfter(mark).find((entry) => status(entry) === 'paused'))
    for (const n of [1, 2, 3]) await createStat(`Grouping burst ${n}`)
    mark = shell.records.at(-1)?.seq ?? 0
    const before = notifications().length
    await shell.command('power', { signal: 'resume' })
    const summary = await shell.waitFor('the burst summary', () => notifications().find((n) => n.index >= before && n.title === '3 new stat studies'))
    await shell.waitFor('the summary to be shown', () => live().find((n) => n.index === summary.index))
    // Two more polls after it: no single notification for any of the three follows.
    await shell.waitFor('two more polls', () => connectionAfter(mark).filter((entry) => status(entry) === 'online').length >= 2)
    const burst = notifications().filter((n) => n.index >= before && n.body.includes('Grouping burst'))
    expect(burst.map((n) => n.title)).toEqual(['3 new stat studies'])
    for (const n of [1, 2, 3]) expect(liveAbout(`Grouping burst ${n}`)).toHaveLength(1)
    expect(live().map((n) => n.title).sort()).toEqual(['3 new stat studies', 'Stat study still waiting'])
  })
})

describe('the built Electron shell says in the tray when a study escalated to stat', () => {
  it('names the escalated study as the newest stat in the tooltip and the menu', { timeout: 60_000 }, async () => {
    const tooltips = () => shell.of('Tray.setToolTip').map((entry) => String(entry.data.tooltip))
    const high = await client.viewer.studies.create({ severity: 'high', studyDescription: 'Grouping escalated MR spine', studyInstanceUid: uid(), assignedTo: userId })
    // In the queue as high first (the queue lane), so that the change to stat is an escalation.
    await shell.waitFor('the high study in the tray count', () => tooltips().find((tooltip) => tooltip.includes(' 1 high')), 30_000)
    await client.viewer.studies.update(high.studyId, { severity: 'stat' })
    const tooltip = await shell.waitFor('the tooltip to name the escalation', () => tooltips().find((text) => text.includes('Newest stat: Grouping escalated MR spine')))
    expect(tooltip).toMatch(/^Reading Room Companion: 5 stat, 0 high, 0 normal\. Newest stat: Grouping escalated MR spine, escalated to stat from high \(\+4 more\)$/)
    type MenuItem = { id: string | null; label: string | null }
    const newestItem = await shell.waitFor('the menu to name the escalation', () =>
      shell
        .of('Tray.setContextMenu')
        .map((entry) => (entry.data.items as MenuItem[])[0])
        .find((item) => item?.id === 'newest-stat' && item.label?.includes('Grouping escalated MR spine'))
    )
    expect(newestItem.label).toBe('Newest stat: Grouping escalated MR spine, escalated to stat from high (+4 more)')
    expect(live().find((n) => n.body.includes('Grouping escalated MR spine'))?.title).toBe('Study escalated to stat')
  })
})

describe('the built Electron shell shows a stat burst across two accounts as one notification', () => {
  let clinics: Sandbox[] = []
  let twoShell: ShellProcess | undefined
  let twoDir: string | undefined
  const owner = (clinic: Sandbox) => ({ userId: clinic.owner.userId, email: clinic.owner.email, displayName: `${clinic.owner.firstName} ${clinic.owner.lastName}` })

  beforeAll(async () => {
    clinics = await Promise.all([0, 1].map(() => startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })))
    const [riverside, northside] = clinics as [Sandbox, Sandbox]
    twoDir = mkdtempSync(join(tmpdir(), 'rrc-electron-burst-'))
    const second: ProfileAccount = { id: 'acc-north', label: 'Northside Imaging', server: northside, identity: owner(northside) }
    const { userDataDir, keychainFile } = writeSignedInProfile(twoDir, riverside, owner(riverside), { ...DEFAULT_SETTINGS, statIntervalSec: 2, queueIntervalSec: 10 }, { firstLabel: 'Riverside', accounts: [second] })
    const started = new ShellProcess({ userDataDir, keychainFile, recordFile: join(twoDir, 'records.jsonl') })
    twoShell = started
    // With several accounts the connection is online only once every account is.
    await started.waitFor('both accounts online', () =>
      started.of('webContents.send').find((entry) => entry.data.channel === 'rrc:event:connection.changed' && (entry.data.payload as { status?: string }).status === 'online')
    )
  }, 120_000)

  afterAll(async () => {
    if (twoShell?.running) {
      await twoShell.command('quit').catch(() => undefined)
      await twoShell.exited().catch(() => twoShell?.kill())
    }
    await Promise.all(clinics.map((clinic) => clinic.close()))
    if (twoDir) rmSync(twoDir, { recursive: true, force: true })
  })

  it('the first notification at once, then the summary naming both accounts in its place', { timeout: 60_000 }, async () => {
    const running = twoShell!
    const [riverside, northside] = clinics as [Sandbox, Sandbox]
    const create = (clinic: Sandbox, studyDescription: string) =>
      new Avara({ apiKey: clinic.apiKey, baseURL: clinic.baseURL, maxRetries: 0 }).viewer.studies.create({ severity: 'stat', studyDescription, studyInstanceUid: uid(), assignedTo: clinic.owner.userId })
    await Promise.all([create(riverside, 'Two clinics CT head'), create(northside, 'Two clinics CT chest')])
    const summary = await running.waitFor('the burst summary', () => live(running).find((n) => n.title.startsWith('2 new stat studies in ')))
    expect(summary.title).toMatch(/^2 new stat studies in (Riverside and Northside Imaging|Northside Imaging and Riverside)$/)
    expect(summary.body).toContain('Riverside: Two clinics CT head')
    expect(summary.body).toContain('Northside Imaging: Two clinics CT chest')
    // Two more stat polls of each account (2 s apart): nothing more about the burst follows.
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    const burst = notifications(running).filter((n) => n.body.includes('Two clinics'))
    // The first account's notification was raised at once, named for its account, and closed by the summary.
    expect(burst).toHaveLength(2)
    expect(burst[0]!.title).toMatch(/^New stat study · (Riverside|Northside Imaging)$/)
    expect(burst[0]).toMatchObject({ shown: true, closed: true })
    expect(live(running).map((n) => n.index)).toEqual([summary.index])
  })
})
