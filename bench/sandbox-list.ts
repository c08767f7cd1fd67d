/**
 * Benchmark (a script, not a test): the desktop app's work-queue query against a sandbox holding
 * 100,000 studies. `npm run bench:sandbox` prints p50/p95 latency and requests per second, in
 * process (handler called directly, no sockets) and over HTTP on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'node:http'
import { systemClock } from '@sandbox/clock'
import { createSandboxContext } from '@sandbox/context'
import { openDatabase } from '@sandbox/db/database'
import { SandboxStore } from '@sandbox/db/store'
import { activeUsersWithRole } from '@sandbox/db/users'
import { OPERATIONS } from '@sandbox/handlers/operations'
import { decodeQuery } from '@sandbox/http/query'
import { newId } from '@sandbox/ids'
import { STUDY_CATALOGUE } from '@sandbox/seed/catalogue'
import { DEMO_RADIOLOGIST_EMAIL } from '@sandbox/seed/people'
import { mulberry32, pick } from '@sandbox/seed/prng'
import { initializeSandbox } from '@sandbox/seed/seed'
import { startSandbox } from '@sandbox/server'
import { ENDPOINTS } from '@shared/avara/contract'

const STUDY_COUNT = 100_000
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000)
const WARMUP = 200

interface Figures {
  p50: number
  p95: number
  rps: number
}

function summarise(samplesMs: number[], totalMs: number): Figures {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p95: at(0.95), rps: (samplesMs.length / totalMs) * 1000 }
}

function print(label: string, f: Figures): void {
  console.log(`${label.padEnd(54)} p50 ${f.p50.toFixed(3).padStart(7)} ms   p95 ${f.p95.toFixed(3).padStart(7)} ms   ${f.rps.toFixed(0).padStart(6)} req/s`)
}

async function measure(run: () => unknown | Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await run()
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now()
    await run()
    samples.push(performance.now() - t0)
  }
  return summarise(samples, performance.now() - started)
}

/** A radiologist with a short queue: 25 studies spread over the whole table (worst case for a scan). */
const SPARSE_EMAIL = 'priya.raman@example.org'

function bulkInsert(store: SandboxStore, apiKeyId: string): void {
  const random = mulberry32(2024)
  const radiologists = activeUsersWithRole(store.db, 'Radiologist').map((u) => u.id).filter((id) => store.users.get(id)?.email !== SPARSE_EMAIL)
  const sparse = store.users.getByEmail(SPARSE_EMAIL)?.id ?? null
  const customers = store.expressCustomers().map((c) => c.id)
  const start = Date.now() - 30 * 24 * 3600_000
  store.transaction(() => {
    for (let i = 0; i < STUDY_COUNT; i++) {
      const entry = pick(random, STUDY_CATALOGUE)
      const created = new Date(start + i * 25_000 + Math.floor(random() * 20_000)).toISOString()
      const isSparse = i % 4000 === 0
      const cancelled = !isSparse && random() < 0.07
      store.studies.insert({
        id: newId('study'),
        studyInstanceUid: `1.2.826.0.1.3680043.8.498.77.${i + 1}`,
        studyDescription: entry.description,
        severity: random() < 0.15 ? 'stat' : random() < 0.3 ? 'high' : 'normal',
        viewerStatus: !isSparse && random() < 0.6 ? 'complete' : 'incomplete',
        isCancelled: cancelled,
        cancelledAt: cancelled ? created : null,
        createdAt: created,
        updatedAt: created,
        assignedTo: isSparse ? sparse : random() < 0.2 ? null : pick(random, radiologists),
        createdByApiKeyId: apiKeyId,
        createdByUserId: null,
        expressCustomerId: random() < 0.3 ? pick(random, customers) : null,
        metadata: { accessionNumber: `B${i}`, modality: entry.modality }
      })
    }
  })
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'avara-bench-'))
  const dbFile = join(dir, 'bench.db')
  try {
    // 1. Build the database: demo seed + 100,000 studies in one transaction.
    const db = openDatabase(dbFile)
    const identity = initializeSandbox(db, { seed: 'demo', seedNumber: 42, clock: systemClock })
    const store = new SandboxStore(db)
    const t0 = performance.now()
    bulkInsert(store, identity.apiKeyId)
    console.log(`Inserted ${STUDY_COUNT.toLocaleString('en-US')} studies in ${((performance.now() - t0) / 1000).toFixed(1)} s (one transaction)`)
    if (process.env.BENCH_DROP_QUEUE_INDEX === '1') {
      // For comparison only: what the same query costs without the work-queue index.
      db.exec('DROP INDEX studies_queue')
      console.log('(studies_queue index dropped for comparison)')
    }
    const maya = store.users.getByEmail(DEMO_RADIOLOGIST_EMAIL)
    if (!maya) throw new Error('demo radiologist missing')
    const search = new URLSearchParams({ assignedTo: maya.id, isCancelled: 'false', studyViewerStatus: 'incomplete', limit: '100' })
    const total = (db.prepare("SELECT COUNT(*) AS n FROM studies WHERE assigned_to = ? AND is_cancelled = 0 AND viewer_status = 'incomplete'").get(maya.id) as { n: number }).n
    console.log(`Work queue of ${DEMO_RADIOLOGIST_EMAIL}: ${total.toLocaleString('en-US')} matching studies; each request returns 100\n`)
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT s.id FROM studies s WHERE s.assigned_to = ? AND s.is_cancelled = ? AND s.viewer_status = ? ORDER BY s.created_at DESC, s.id DESC LIMIT 101")
      .all(maya.id, 0, 'incomplete') as Array<{ detail: string }>
    console.log(`Query plan: ${plan.map((p) => p.detail).join(' | ')}\n`)

    // 2. In process: the list handler (validation, query, serialisation to JSON), no sockets.
    const ctx = createSandboxContext({ store, identity, clock: systemClock, rerouteTtlSeconds: 300, baseURL: () => 'http://127.0.0.1' })
    const apiKey = store.apiKeyById(identity.apiKeyId)
    if (!apiKey) throw new Error('API key missing')
    const listStudies = OPERATIONS['studies.list']
    const firstPage = () => JSON.stringify(listStudies(ctx, { params: {}, query: decodeQuery(search, ENDPOINTS['studies.list'].query), body: {}, apiKey }).body)
    print('in-process, first page (limit 100)', await measure(firstPage))
    const cursors: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 50; i++) {
      const page = listStudies(ctx, { params: {}, query: { ...decodeQuery(search, ENDPOINTS['studies.list'].query), ...(cursor ? { cursor } : {}) }, body: {}, apiKey }).body as { cursor?: string }
      if (!page.cursor) break
      cursors.push(page.cursor)
      cursor = page.cursor
    }
    let n = 0
    const laterPage = () => {
      const c = cursors[n++ % cursors.length]
      return JSON.stringify(listStudies(ctx, { params: {}, query: { ...decodeQuery(search, ENDPOINTS['studies.list'].query), cursor: c }, body: {}, apiKey }).body)
    }
    print(`in-process, pages 2-${cursors.length + 1} via cursor`, await measure(laterPage))
    const sparseUser = store.users.getByEmail(SPARSE_EMAIL)
    const sparseSearch = new URLSearchParams({ assignedTo: sparseUser?.id ?? '', isCancelled: 'false', studyViewerStatus: 'incomplete', limit: '100' })
    const sparsePage = () => JSON.stringify(listStudies(ctx, { params: {}, query: decodeQuery(sparseSearch, ENDPOINTS['studies.list'].query), body: {}, apiKey }).body)
    print(`in-process, short queue (${SPARSE_EMAIL}, 25)`, await measure(sparsePage))
    db.close()

    // 3. Over HTTP on loopback (keep-alive), against the same database file.
    const sandbox = await startSandbox({ dbFile, port: 0, quiet: true })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const url = new URL(sandbox.baseURL)
    const path = `/v1/viewer/studies?${search.toString()}`
    const get = () =>
      new Promise<void>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path, agent, headers: { authorization: `Bearer ${sandbox.apiKey}`, accept: 'application/json' } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`))
            else {
              JSON.parse(Buffer.concat(chunks).toString('utf8'))
              resolve()
            }
          })
        })
        req.on('error', reject)
        req.end()
      })
    print('HTTP loopback, first page (limit 100)', await measure(get))
    agent.destroy()
    await sandbox.close()
    console.log(`\nNode ${process.version}, ${ITERATIONS} timed requests per row after ${WARMUP} warm-up requests.`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
