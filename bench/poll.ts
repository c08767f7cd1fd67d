/**
 * Benchmark: the cost of one poll for 1,000 assigned studies against the sandbox (in memory, on
 * 127.0.0.1): requests, response bytes and time, for the queue lane (all pages) and the stat lane
 * (one small page each for "mine" and the unassigned pool). Prints figures only.
 * Run: npm run bench:poll
 */
import { performance } from 'node:perf_hooks'
import Avara from '@shared/avara'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { createAvaraClient } from '@main/engine/avara-client'
import type { Lane } from '@main/engine/lane-scheduler'
import { observeQueueLane, observeStatLane } from '@main/engine/lanes'
import { WorkQueue } from '@main/engine/work-queue'
import { nextTurn, systemClock } from '@main/engine/ports'
import { startSandbox } from '@sandbox/server'

const ASSIGNED = 1000
const RUNS = 5

const sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })
try {
  const admin = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 0, logLevel: 'off' })
  const user = await admin.viewer.users.invite({
    email: 'bench.rad@example.org', firstName: 'Bench', lastName: 'Rad', clinicRole: 'Radiologist',
    level: 'member', canManageStudies: true, hasDashboardAccess: true
  })
  const severities = ['normal', 'normal', 'normal', 'high', 'stat'] as const
  for (let start = 0; start < ASSIGNED; start += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, ASSIGNED - start) }, (_, k) => {
        const i = start + k
        return admin.viewer.studies.create({
          severity: i % 20 === 0 ? 'stat' : severities[i % 4]!,
          studyDescription: `CT Abdomen and Pelvis with contrast ${i}`,
          studyInstanceUid: `1.2.826.0.1.3680043.${i + 1}`,
          assignedTo: user.userId,
          metadata: { accession: `ACC${i}`, site: 'Main' }
        })
      })
    )
  }
  for (let i = 0; i < 5; i++) {
    await admin.viewer.studies.create({ severity: 'stat', studyDescription: `Unassigned stat ${i}`, studyInstanceUid: `1.2.826.0.2.${i + 1}` })
  }

  let requests = 0
  let bytes = 0
  const countingFetch: typeof fetch = async (input, init) => {
    requests++
    const res = await fetch(input, init)
    bytes += (await res.clone().arrayBuffer()).byteLength
    return res
  }
  const client = createAvaraClient({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, fetch: countingFetch })
  const queue = new WorkQueue()
  const account = 'bench'
  const request = { client, userId: user.userId, withPool: true, nextTurn: () => nextTurn(systemClock) }

  async function measure(lane: Lane) {
    const samples: Array<{ ms: number; requests: number; bytes: number; studies: number; processMs: number }> = []
    for (let run = 0; run < RUNS; run++) {
      requests = 0
      bytes = 0
      const seq = queue.beginObservation()
      const t0 = performance.now()
      const result =
        lane === 'queue'
          ? await observeQueueLane(request, (list) => queue.missingFromFullList(account, list, seq))
          : await observeStatLane(request, (list, complete) => queue.missingFromStatList(account, list, complete, seq))
      const t1 = performance.now()
      const o = { ...result.mine!, seq, userId: user.userId }
      if (lane === 'queue') queue.mergeFullList(account, o, Date.now(), t1)
      else queue.mergeStatList(account, o, Date.now(), t1)
      queue.ordered(account)
      const t2 = performance.now()
      samples.push({ ms: t1 - t0, requests, bytes, studies: queue.ordered(account).mine.length, processMs: t2 - t1 })
    }
    samples.sort((a, b) => a.ms - b.ms)
    const median = samples[Math.floor(RUNS / 2)]!
    console.log(
      `  ${lane.padEnd(5)} lane: ${median.requests} requests, ${(median.bytes / 1024).toFixed(1)} KiB received, ` +
        `${median.ms.toFixed(1)} ms network+parse (median of ${RUNS}; min ${samples[0]!.ms.toFixed(1)}, max ${samples.at(-1)!.ms.toFixed(1)}), ` +
        `merge+diff+order ${median.processMs.toFixed(2)} ms, ${median.studies} studies in queue`
    )
  }

  console.log(`poll bench: ${ASSIGNED} assigned incomplete studies (5 % stat), 5 unassigned stat, in-memory sandbox on ${new URL(sandbox.baseURL).host}`)
  await measure('queue')
  await measure('stat')
  const perHourQueue = 3600 / DEFAULT_SETTINGS.queueIntervalSec
  const perHourStat = 3600 / DEFAULT_SETTINGS.statIntervalSec
  console.log(`  at default intervals: ${perHourQueue} queue polls and ${perHourStat} stat polls per hour (the lanes run independently)`)
} finally {
  await sandbox.close()
}
