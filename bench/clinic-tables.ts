/**
 * Benchmark (a script, not a test): the clinic workspace's two big tables against a sandbox file
 * database holding 10,000 users and 100,000 studies. Loads each table the way the workspace does
 * (the engine's clinic handlers over HTTP, slices of up to 10 API pages of 100, following the
 * cursor until it ends) and prints the time to the first rows and to the last row.
 *
 *   npx tsx bench/clinic-tables.ts         (BENCH_STUDIES / BENCH_USERS change the sizes)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '@sandbox/clock'
import { openDatabase } from '@sandbox/db/database'
import { SandboxStore } from '@sandbox/db/store'
import { newId } from '@sandbox/ids'
import { STUDY_CATALOGUE } from '@sandbox/seed/catalogue'
import { mulberry32, pick } from '@sandbox/seed/prng'
import { initializeSandbox } from '@sandbox/seed/seed'
import { startSandbox } from '@sandbox/server'
import type { ClinicOutcome, ClinicPage } from '@shared/ipc/clinic-contract'
import { createAvaraClient } from '@main/engine/avara-client'
import { createClinicHandlers } from '@main/engine/clinic'
import { silentLogger } from '@main/engine/logging'

const USERS = Number(process.env.BENCH_USERS ?? 10_000)
const STUDIES = Number(process.env.BENCH_STUDIES ?? 100_000)

function fill(store: SandboxStore, apiKeyId: string): void {
  const random = mulberry32(7)
  const now = Date.now()
  const userIds: string[] = []
  store.transaction(() => {
    for (let i = 0; i < USERS; i++) {
      const id = newId('user')
      userIds.push(id)
      const created = new Date(now - (USERS - i) * 60_000).toISOString()
      store.users.insert({
        id, email: `bench.user.${i}@example.org`, first_name: `First${i}`, last_name: `Last${i}`, middle_name: null, phone_number: null,
        suffix1: null, suffix2: null, can_manage_studies: i % 3 === 0 ? 1 : 0, clinic_role: i % 5 === 0 ? 'Radiologist' : 'Other',
        has_dashboard_access: 1, invited_source: 'api', level: 'member', created_at: created, updated_at: created, last_login_at: null, active: 1
      })
    }
    for (let i = 0; i < STUDIES; i++) {
      const entry = pick(random, STUDY_CATALOGUE)
      const created = new Date(now - (STUDIES - i) * 20_000).toISOString()
      store.studies.insert({
        id: newId('study'), studyInstanceUid: `1.2.826.0.1.3680043.8.498.88.${i + 1}`, studyDescription: entry.description,
        severity: random() < 0.15 ? 'stat' : random() < 0.3 ? 'high' : 'normal', viewerStatus: random() < 0.6 ? 'complete' : 'incomplete',
        isCancelled: false, cancelledAt: null, createdAt: created, updatedAt: created, assignedTo: random() < 0.2 ? null : pick(random, userIds),
        createdByApiKeyId: apiKeyId, createdByUserId: null, expressCustomerId: null, metadata: { accessionNumber: `C${i}`, modality: entry.modality }
      })
    }
  })
}

/** The workspace's loop (stores/clinic-lists.ts): slices until the cursor ends; times to the first and the last row. */
async function timeTable<T>(label: string, slice: (cursor: string | undefined) => Promise<ClinicOutcome<ClinicPage<T>>>): Promise<void> {
  const t0 = performance.now()
  let first = Number.NaN
  let rows = 0
  let calls = 0
  let cursor: string | undefined
  for (;;) {
    const outcome = await slice(cursor)
    calls++
    if (!outcome.ok) throw new Error(`${label}: ${outcome.problem.message}`)
    rows += outcome.value.items.length
    if (calls === 1) first = performance.now() - t0
    if (outcome.value.cursor === null) break
    cursor = outcome.value.cursor
  }
  const last = performance.now() - t0
  console.log(`${label.padEnd(28)} ${rows.toLocaleString('en-US').padStart(8)} rows   first ${String(Math.round(first)).padStart(5)} ms (${Math.min(rows, 1000)} rows)   last row ${String(Math.round(last)).padStart(6)} ms   ${calls} bridge calls, ${Math.ceil(rows / 100)} API requests`)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-bench-'))
  const dbFile = join(dir, 'bench.db')
  try {
    const db = openDatabase(dbFile)
    const identity = initializeSandbox(db, { seed: 'empty', seedNumber: 42, clock: systemClock })
    const t0 = performance.now()
    fill(new SandboxStore(db), identity.apiKeyId)
    db.close()
    console.log(`Inserted ${USERS.toLocaleString('en-US')} users and ${STUDIES.toLocaleString('en-US')} studies in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)

    const sandbox = await startSandbox({ dbFile, port: 0, quiet: true })
    const client = createAvaraClient({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
    const handlers = createClinicHandlers({
      account: () => ({ id: 'primary', label: 'bench', client, followed: null }),
      opener: { openedBy: 'page', open: async () => {} },
      logger: silentLogger,
      clock: { now: () => Date.now() }
    })
    await timeTable('Team (all users)', (cursor) => handlers['clinic.users.list']({ filters: {}, ...(cursor ? { cursor } : {}) }))
    await timeTable('Studies (all, no filter)', (cursor) => handlers['clinic.studies.list']({ filters: {}, ...(cursor ? { cursor } : {}) }))
    await sandbox.close()
    console.log(`\nNode ${process.version}; engine handlers and the client over HTTP on loopback (the bridge hop of the web shell is not included).`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
