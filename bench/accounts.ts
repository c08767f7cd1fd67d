/**
 * Benchmark (issue 11): five Avara accounts live at once, one sandbox per account, each in its own
 * process on its own port, followed by one engine (createCompanion) on the real clock with the stat
 * lane every 2 s and the queue lane every 10 s. Stat studies arrive spread across the accounts at
 * random moments; prints only figures:
 *  - stat alert latency, from the study's creation in its sandbox to the engine's alert naming it
 *    (p50 and max), against the bound of one stat-lane interval plus a round trip,
 *  - API requests per minute per account (expected: 2 × 60/2 stat lane (own stat page and the
 *    unassigned-stat pool) + 60/10 queue = 66 with one page each),
 *  - the smallest gap between two accounts' stat polls (the spread: never the same instant).
 * Run: npm run bench:accounts [-- arrivals]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { AlertNotice } from '@shared/ipc/contract'
import { createCompanion } from '@main/engine/companion'
import { createMemorySecretStore } from '@main/engine/secrets'
import { createConfStateStore } from '@main/node'
import { inviteRadiologist, startSandboxProcess, type LiveSandbox } from './live-sandbox'

const ACCOUNTS = 5
const STAT_SEC = 2
const QUEUE_SEC = 10
const ARRIVALS = Math.max(30, Number(process.argv[2]) || 30)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN

async function main(): Promise<void> {
  const sandboxes: LiveSandbox[] = await Promise.all(Array.from({ length: ACCOUNTS }, () => startSandboxProcess()))
  const profileDir = mkdtempSync(path.join(tmpdir(), 'rrc-bench-accounts-'))
  try {
    const users = await Promise.all(sandboxes.map((s, i) => inviteRadiologist(s, `bench.accounts.${i}@example.org`)))
    const origin = (url: string) => new URL(url).origin
    const index = new Map(sandboxes.map((s, i) => [origin(s.baseURL), i]))
    const requests = sandboxes.map(() => 0)
    const statStarts: Array<{ account: number; at: number }> = []
    const rtts: number[] = []
    const countingFetch: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      const account = index.get(origin(url)) ?? -1
      const started = performance.now()
      const isStat = url.includes('severity=stat') && !url.includes('assignedTo=null')
      if (account >= 0) requests[account]!++
      if (isStat) statStarts.push({ account, at: started })
      const res = await fetch(input, init)
      if (isStat) rtts.push(performance.now() - started)
      return res
    }
    const alerts: Array<{ at: number; notice: AlertNotice }> = []
    const conf = createConfStateStore({ cwd: profileDir })
    conf.write({ ...conf.read(), settings: { ...conf.read().settings, statIntervalSec: STAT_SEC, queueIntervalSec: QUEUE_SEC } })
    const companion = createCompanion({
      shell: 'web', version: 'bench', secrets: createMemorySecretStore(), state: conf,
      opener: { openedBy: 'page', open: async () => undefined },
      notifier: { show: (notice) => alerts.push({ at: performance.now(), notice }) },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      fetch: countingFetch
    })
    await companion.start()
    await companion.handle('auth.saveKey', { baseUrl: sandboxes[0]!.baseURL, apiKey: sandboxes[0]!.apiKey })
    await companion.handle('auth.setIdentity', { userId: users[0]!.userId })
    for (let i = 1; i < ACCOUNTS; i++) {
      const added = await companion.handle('accounts.add', { baseUrl: sandboxes[i]!.baseURL, apiKey: sandboxes[i]!.apiKey, displayName: `Clinic ${i + 1}`, userId: users[i]!.userId })
      if (!added.ok || !added.value.ok) throw new Error(`account ${i + 1} was not added: ${JSON.stringify(added)}`)
    }
    await sleep(QUEUE_SEC * 1000 + 2000)
    console.log(`${ACCOUNTS} accounts (one sandbox process each), stat lane every ${STAT_SEC} s, queue lane every ${QUEUE_SEC} s; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`)

    // Requests per minute per account over a quiet minute (every queue read is one page here).
    requests.fill(0)
    statStarts.length = 0
    const quietStart = performance.now()
    await sleep(60_000)
    const quietMin = (performance.now() - quietStart) / 60_000
    console.log(`requests per minute per account: ${requests.map((n) => (n / quietMin).toFixed(1)).join(', ')} (expected ${(2 * 60) / STAT_SEC + 60 / QUEUE_SEC}: every ${STAT_SEC} s one stat page and one unassigned-stat pool page, every ${QUEUE_SEC} s one queue page)`)
    const byTime = [...statStarts].sort((a, b) => a.at - b.at)
    let closest = Infinity
    for (let k = 1; k < byTime.length; k++) if (byTime[k]!.account !== byTime[k - 1]!.account) closest = Math.min(closest, byTime[k]!.at - byTime[k - 1]!.at)
    console.log(`smallest gap between two accounts' stat polls: ${closest.toFixed(0)} ms (spread: ${((STAT_SEC * 1000) / ACCOUNTS).toFixed(0)} ms apart when on phase)`)

    // Stat arrivals spread across the accounts at random moments.
    const latencies: number[] = []
    const perAccount = sandboxes.map(() => 0)
    for (let k = 0; k < ARRIVALS; k++) {
      await sleep(300 + Math.random() * 1500)
      const account = k % ACCOUNTS
      const created = performance.now()
      const study = await sandboxes[account]!.admin.viewer.studies.create({
        severity: 'stat', studyDescription: `Bench stat ${k}`, studyInstanceUid: `1.2.826.0.9.${Date.now() % 100000}.${k}`, assignedTo: users[account]!.userId
      })
      perAccount[account]!++
      void (async () => {
        for (;;) {
          const hit = alerts.find((a) => a.at >= created && a.notice.studies.some((s) => s.studyId === study.studyId))
          if (hit) return latencies.push(hit.at - created)
          if (performance.now() - created > 60_000) return latencies.push(Number.POSITIVE_INFINITY)
          await sleep(20)
        }
      })()
    }
    while (latencies.length < ARRIVALS) await sleep(100)
    const rtt = pct(rtts, 50)
    const bound = STAT_SEC * 1000 + rtt
    const max = Math.max(...latencies)
    console.log(`stat alert latency over ${ARRIVALS} arrivals (${perAccount.join('/')} per account): p50 ${pct(latencies, 50).toFixed(0)} ms, max ${max.toFixed(0)} ms; bound (stat interval + median stat round trip ${rtt.toFixed(0)} ms) ${bound.toFixed(0)} ms: ${max <= bound ? 'within' : `${(((max - bound) / bound) * 100).toFixed(0)} % over`}`)
    await companion.stop()
  } finally {
    for (const s of sandboxes) s.stop()
    rmSync(profileDir, { recursive: true, force: true })
  }
}

await main()
process.exit(0)
