/**
 * Soak: exactly once under faults on our side (docs/fault-tolerance.md). The web shell runs in its
 * own process against the sandbox; stat studies arrive on a schedule; faults are injected in turn:
 * kill -9 and restart, a read-only profile, a damaged state file, a late page, a stalled client and
 * a 401. A page (an SSE client that follows the shell across restarts) counts what it was given.
 *
 *   npx tsx scripts/soak-own-faults.ts [--minutes 20] [--stat-every 8] [--fault-every 60]
 *
 * Prints created / once / duplicates / missed and the shell's memory first / last / highest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Avara from '@shared/avara'
import type { AlertNotice } from '@shared/ipc/contract'
import { startSandbox } from '@sandbox/server'
import { SsePage, stalledPage, tally } from '../tests/web-shell/sse-client'
import { mountTmpfs } from '../tests/integration/helpers/tmpfs'

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}
const MINUTES = arg('minutes', 20)
const STAT_EVERY_MS = arg('stat-every', 8) * 1000
const FAULT_EVERY_MS = arg('fault-every', 60) * 1000
const REPO = path.resolve(import.meta.dirname, '..')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const stamp = (): string => new Date().toISOString().slice(11, 19)
const say = (line: string): void => void process.stdout.write(`[${stamp()}] ${line}\n`)

const sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })
const admin = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 3, logLevel: 'off' })
const radiologist = await admin.viewer.users.invite({
  email: 'soak.rad@example.org',
  firstName: 'Soak',
  lastName: 'Rad',
  clinicRole: 'Radiologist',
  level: 'member',
  canManageStudies: true,
  hasDashboardAccess: true
})
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rrc-soak-'))
const rendererDir = path.join(scratch, 'renderer')
fs.mkdirSync(rendererDir)
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>RRC soak</title>')
const mount = mountTmpfs('rrc-soak-profile-', 16 * 1024)
const profileDir = mount.ok ? mount.dir : path.join(scratch, 'profile')
if (!mount.ok) say(`read-only profile fault skipped: ${mount.reason}`)
const stateFile = path.join(profileDir, 'companion-state.json')

let child: ChildProcess | null = null
let url = ''

async function startShell(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const started = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/soak/shell-child.ts')], {
      cwd: REPO,
      env: { ...process.env, SOAK_BASE_URL: sandbox.baseURL, SOAK_API_KEY: sandbox.apiKey, SOAK_PROFILE: profileDir, SOAK_RENDERER: rendererDir },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const line = await new Promise<string>((resolve) => {
      createInterface({ input: started.stdout! }).once('line', resolve)
      started.once('exit', () => resolve('exited'))
    })
    if (line.startsWith('ready ')) {
      child = started
      url = line.slice('ready '.length)
      return
    }
    say(`shell did not start (${line}); attempt ${attempt}`)
    if (attempt >= 5) throw new Error('the shell does not start')
    await sleep(1000)
  }
}

async function killShell(signal: NodeJS.Signals): Promise<void> {
  const running = child
  child = null
  if (!running || running.exitCode !== null) return
  await new Promise<void>((resolve) => {
    running.once('exit', () => resolve())
    running.kill(signal)
  })
}

async function call(name: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const response = await fetch(new URL(`api/call/${name}`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
  return (await response.json()) as { ok: boolean; value?: unknown }
}

function rssKiB(): number | null {
  try {
    const status = fs.readFileSync(`/proc/${child?.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  } catch {
    return null
  }
}

// Pages come and go (restarts, late pages); every alert any of them was given counts.
const given: AlertNotice[] = []
let page: SsePage | null = null
function dropPage(): void {
  if (!page) return
  given.push(...page.alerts())
  page.close()
  page = null
}
async function connectPage(): Promise<void> {
  dropPage()
  page = new SsePage(new URL('api/events', url).href)
  await page.connect()
}

await startShell()
const saved = await call('auth.saveKey', { baseUrl: sandbox.baseURL, apiKey: sandbox.apiKey })
if (!saved.ok) throw new Error('sign-in failed')
await call('auth.setIdentity', { userId: radiologist.userId })
await call('settings.update', { statIntervalSec: 2, queueIntervalSec: 10 })
await connectPage()

const created: string[] = []
const normals: string[] = []
let uid = 0
async function createStudies(): Promise<void> {
  const stat = await admin.viewer.studies.create({ severity: 'stat', studyDescription: `Soak stat ${++uid}`, studyInstanceUid: `1.2.3.${uid}`, assignedTo: radiologist.userId })
  created.push(stat.studyId)
  // Queue churn for the stalled client: a normal study in, an older one completed.
  const normal = await admin.viewer.studies.create({ severity: 'normal', studyDescription: `Soak normal ${++uid}`, studyInstanceUid: `1.2.3.${uid}`, assignedTo: radiologist.userId })
  normals.push(normal.studyId)
  if (normals.length > 40) await admin.viewer.studies.update(normals.shift()!, { studyViewerStatus: 'complete' })
}

const DAMAGE = [
  ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
  ['empty', () => ''],
  ['random bytes', () => Array.from({ length: 900 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
  ['JSON null', () => 'null'],
  ['wrong version', (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), version: 'x' })],
  [
    'ledger of the wrong type',
    (text: string) => {
      // The shown (first) account's ledger: the ledger lives per account since state version 2.
      const document = JSON.parse(text) as { accounts: Array<Record<string, unknown>> }
      document.accounts[0] = { ...document.accounts[0], ledger: [] }
      return JSON.stringify(document)
    }
  ]
] as const
let damageTurn = 0

const FAULTS: Array<[string, () => Promise<void>]> = [
  [
    'kill -9 and restart',
    async () => {
      await killShell('SIGKILL')
      await startShell()
      await connectPage()
    }
  ],
  [
    'read-only profile for 20 s',
    async () => {
      if (!mount.ok) return
      mount.setReadOnly(true)
      await sleep(20_000)
      mount.setReadOnly(false)
    }
  ],
  [
    'damaged state file',
    async () => {
      await killShell('SIGKILL')
      const [kind, damage] = DAMAGE[damageTurn++ % DAMAGE.length]!
      let text = '{}'
      try {
        text = fs.readFileSync(stateFile, 'utf8')
        fs.writeFileSync(stateFile, damage(text))
      } catch (error) {
        say(`  could not damage the file: ${(error as Error).message}`)
      }
      say(`  damage: ${kind}`)
      await startShell()
      await connectPage()
    }
  ],
  [
    'late page (none for 15 s, after a restart)',
    async () => {
      dropPage()
      await killShell('SIGKILL')
      await startShell()
      await sleep(15_000)
      await connectPage()
    }
  ],
  [
    'stalled client for 40 s',
    async () => {
      const socket = await stalledPage(new URL('api/events', url).href)
      const ended = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)))
      await sleep(40_000)
      // Read again: a stream the shell closed ends once what the kernel held is read.
      socket.resume()
      const closedByShell = await Promise.race([ended, sleep(3_000).then(() => false)])
      socket.destroy()
      say(`  stalled client: ${closedByShell ? 'closed by the shell (blocked past the limit)' : 'never blocked the shell (kernel buffers took what was sent), left open'}`)
    }
  ],
  [
    'one 401',
    async () => {
      await fetch(`${sandbox.baseURL}/_sandbox/faults`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 401, count: 1 })
      })
      await sleep(10_000)
      const state = (await call('app.getState', {})) as { value?: { connection?: { status?: string } } }
      if (state.value?.connection?.status === 'key-rejected') {
        // As the user would: type the (still valid) key again.
        say('  key rejected: the key is entered again')
        await call('auth.saveKey', { baseUrl: sandbox.baseURL, apiKey: sandbox.apiKey })
      }
    }
  ]
]

const startedAt = Date.now()
const endAt = startedAt + MINUTES * 60_000
let nextStat = Date.now()
let nextFault = Date.now() + FAULT_EVERY_MS / 2
let faultTurn = 0
const memory: number[] = []
let nextSample = Date.now() + 5_000
let faultRunning: Promise<void> | null = null
say(`soak for ${MINUTES} min: a stat study every ${STAT_EVERY_MS / 1000} s, a fault every ${FAULT_EVERY_MS / 1000} s; profile ${profileDir}`)

while (Date.now() < endAt) {
  if (Date.now() >= nextStat) {
    nextStat += STAT_EVERY_MS
    await createStudies().catch((error: unknown) => say(`creating studies failed: ${(error as Error).message}`))
  }
  if (!faultRunning && Date.now() >= nextFault) {
    const [name, run] = FAULTS[faultTurn++ % FAULTS.length]!
    say(`fault: ${name}`)
    faultRunning = run()
      .catch((error: unknown) => say(`  fault failed: ${(error as Error).message}`))
      .finally(() => {
        faultRunning = null
        nextFault = Date.now() + FAULT_EVERY_MS
      })
  }
  if (Date.now() >= nextSample) {
    nextSample += 10_000
    const rss = rssKiB()
    if (rss !== null && Number.isFinite(rss)) memory.push(rss)
  }
  await sleep(200)
}
await faultRunning
say('no more studies; waiting 20 s for the last alerts')
await sleep(20_000)
dropPage()
const counts = tally(created, given)
const mib = (kib: number | undefined): string => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`)
process.stdout.write(
  [
    '',
    `soak ${MINUTES} min, ${faultTurn} faults injected`,
    `created    ${counts.created}`,
    `once       ${counts.once}`,
    `duplicates ${counts.duplicates}`,
    `missed     ${counts.missed}`,
    `shell memory (RSS) first ${mib(memory[0])}, last ${mib(memory.at(-1))}, highest ${mib(Math.max(...memory))} (${memory.length} samples)`,
    ''
  ].join('\n')
)
await killShell('SIGTERM')
await sandbox.close()
if (mount.ok) mount.unmount()
fs.rmSync(scratch, { recursive: true, force: true })
process.exit(counts.duplicates === 0 && counts.missed === 0 ? 0 : 1)
