import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { systemClock, type Clock } from './clock'
import { createSandboxContext } from './context'
import { openDatabase } from './db/database'
import { SandboxStore } from './db/store'
import { FaultInjector } from './faults'
import { createRequestListener } from './http/app'
import { answerClientError } from './http/client-error'
import { RequestLog } from './request-log'
import { mulberry32 } from './seed/prng'
import { clinicNameOf, clinicOf, initializeSandbox, type SeedKind } from './seed/seed'
import { StudySimulator } from './simulator'

export { DEMO_RADIOLOGIST_EMAIL } from './seed/people'

/** Where the sandbox keeps its data by default (git-ignored). */
export const DEFAULT_DB_FILE = '.sandbox/sandbox.db'
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 4010
export const DEFAULT_REROUTE_TTL_SECONDS = 300
export const DEFAULT_SEED_NUMBER = 42

export interface SandboxOptions {
  host?: string /* default 127.0.0.1 */
  port?: number /* default 4010; 0 = ephemeral */
  apiKey?: string
  dbFile?: string | null /* null = in memory; default .sandbox/sandbox.db */
  seed?: SeedKind /* default 'demo'; 'demo-2' is the second demo clinic */
  simulate?: number | false /* studies per minute */
  rerouteTtlSeconds?: number /* default 300 */
  quiet?: boolean
  /** Seed number of the demo data PRNG (default 42). */
  seedNumber?: number
  /** Test hook: the sandbox's notion of "now" (reroute token expiry, timestamps, simulator). */
  clock?: Clock
  /** Test hook: randomness of fault failure rates and the simulator. */
  random?: () => number
}

export interface RunningSandbox {
  baseURL: string /* e.g. http://127.0.0.1:4010, no trailing slash */
  apiKey: string
  apiKeyId: string
  clinicId: string
  /** The clinic's name ("Riverside Radiology", "St Mary's Hospital"; "Sandbox clinic" for the empty seed). */
  clinicName: string
  owner: { userId: string; email: string; firstName: string; lastName: string }
  demoRadiologistEmail: string | null /* set for the demo seeds */
  close(): Promise<void>
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** Starts an Avara-compatible Viewer API server (see docs/sandbox.md). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = options.clock ?? systemClock
  const host = options.host ?? DEFAULT_HOST
  const dbFile = options.dbFile === undefined ? resolve(DEFAULT_DB_FILE) : options.dbFile
  const db = openDatabase(dbFile)
  let closed = false
  try {
    const identity = initializeSandbox(db, {
      seed: options.seed ?? 'demo',
      apiKey: options.apiKey,
      seedNumber: options.seedNumber ?? DEFAULT_SEED_NUMBER,
      clock
    })
    const store = new SandboxStore(db)
    let baseURL = ''
    const ctx = createSandboxContext({
      store,
      identity,
      clock,
      rerouteTtlSeconds: options.rerouteTtlSeconds ?? DEFAULT_REROUTE_TTL_SECONDS,
      baseURL: () => baseURL
    })
    const random = options.random ?? Math.random
    const server = createServer(
      createRequestListener({ ctx, faults: new FaultInjector(random), log: new RequestLog(1000), quiet: options.quiet })
    )
    server.on('clientError', answerClientError)
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen)
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', rejectListen)
        resolveListen()
      })
    })
    const address = server.address() as AddressInfo
    baseURL = `http://${hostForUrl(host)}:${address.port}`

    const simulator =
      options.simulate !== undefined && options.simulate !== false && options.simulate > 0
        ? new StudySimulator(ctx, { ratePerMinute: options.simulate, random: options.random ?? mulberry32(Date.now()), apiKeyId: identity.apiKeyId })
        : undefined
    simulator?.start()

    const owner = store.users.get(identity.ownerUserId)
    return {
      baseURL,
      apiKey: identity.apiKey,
      apiKeyId: identity.apiKeyId,
      clinicId: identity.clinicId,
      clinicName: clinicNameOf(identity.seed),
      owner: {
        userId: identity.ownerUserId,
        email: owner?.email ?? '',
        firstName: owner?.first_name ?? '',
        lastName: owner?.last_name ?? ''
      },
      demoRadiologistEmail: clinicOf(identity.seed)?.demoRadiologistEmail ?? null,
      close: async () => {
        if (closed) return
        closed = true
        simulator?.stop()
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose())
          server.closeAllConnections()
        })
        db.close()
      }
    }
  } catch (error) {
    if (!closed) db.close()
    throw error
  }
}
