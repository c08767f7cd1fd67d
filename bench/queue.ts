/**
 * Benchmark: diff and order 10,000 studies (target: under 5 ms together), and the WorkQueue's
 * merges into a queue of 10,000: a stat page (the stat lane, every few seconds) and the whole list
 * (the queue lane). Prints figures only.
 * Run: npm run bench:queue
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Study } from '@shared/avara/contract'
import { diffSnapshots, orderStudies } from '@main/engine/queue'
import { WorkQueue } from '@main/engine/work-queue'

const N = 10_000
const SEVERITIES = ['normal', 'high', 'stat'] as const
const me = { userId: `usr_${'1'.repeat(32)}`, email: 'me@example.org' }

function makeStudy(i: number): Study {
  return {
    studyId: `stu_${i.toString(16).padStart(32, '0')}`,
    studyInstanceUid: `1.2.840.${i}`,
    studyDescription: `Study ${i}`,
    severity: SEVERITIES[i % 3]!,
    studyViewerStatus: 'incomplete',
    isCancelled: false,
    cancelledAt: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % N) * 60_000).toISOString(),
    updatedAt: null,
    assignedTo: me
  }
}

const previous = Array.from({ length: N }, (_, i) => makeStudy(i))
// Next poll: 1 % left, 1 % arrived, 1 % escalated, the rest unchanged; fresh objects and strings,
// as after parsing a response.
const changed = previous.slice(N / 100).map((s, i) => (i < N / 100 ? { ...s, severity: 'stat' as const } : s))
for (let i = 0; i < N / 100; i++) changed.push(makeStudy(N + i))
const next = JSON.parse(JSON.stringify(changed)) as Study[]

function time(fn: () => void, runs: number): { median: number; p95: number } {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.floor(runs * 0.95)]! }
}

// Warm up the JIT.
for (let i = 0; i < 20; i++) {
  diffSnapshots(previous, next)
  orderStudies(next)
}
const runs = 100
const diff = time(() => diffSnapshots(previous, next), runs)
const order = time(() => orderStudies(next), runs)
const both = time(() => {
  diffSnapshots(previous, next)
  orderStudies(next)
}, runs)
const fmt = (x: { median: number; p95: number }) => `median ${x.median.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms`
console.log(`queue bench: ${N} studies, ${runs} runs (load average ${loadavg()[0]!.toFixed(2)})`)
console.log(`  diffSnapshots          ${fmt(diff)}`)
console.log(`  orderStudies           ${fmt(order)}`)
console.log(`  diff + order           ${fmt(both)}  (target < 5 ms: ${both.median < 5 ? 'met' : 'NOT met'})`)

// The WorkQueue's merges (what the engine runs per poll): a stat page of 100 into 10,000 studies
// touches only those 100; a whole list of 10,000 (fresh objects, 1 % changed) compares each once.
const queue = new WorkQueue()
const merged = (list: readonly Study[], stat = false) => {
  const o = { list, resolved: new Map(), seq: queue.beginObservation(), userId: me.userId }
  if (stat) queue.mergeStatList('bench', { ...o, complete: false }, 0, 0)
  else queue.mergeFullList('bench', o, 0, 0)
}
merged(previous)
// Two parsed copies of one stat page, alternated: fresh objects on every merge, as after a poll.
const statPages = [0, 1].map(() => JSON.parse(JSON.stringify(previous.filter((s) => s.severity === 'stat').slice(0, 100))) as Study[])
let flip = 0
const merge = {
  stat: time(() => merged(statPages[flip++ % 2]!, true), runs),
  full: time(() => merged(next), runs),
  fullChange: time(() => merged(flip++ % 2 === 0 ? next : previous), runs)
}
const fullChange = merge.fullChange
console.log(`  WorkQueue stat page (100) into ${N}    ${fmt(merge.stat)}`)
console.log(`  WorkQueue whole list, nothing changed   ${fmt(merge.full)}`)
console.log(`  WorkQueue whole list, 3 % changed      ${fmt(fullChange)}`)
