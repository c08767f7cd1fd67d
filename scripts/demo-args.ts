/** The command line of `npm run demo` (scripts/demo.ts); parsing never throws, a bad value is a message. */
import { MAX_ACCOUNTS } from '@shared/ipc/contract'
import { DEMO_SEEDS, type DemoSeed } from '@sandbox/seed/clinics'

/** One demo clinic (one sandbox) per account, so the demo runs as many accounts as there are demo clinics. */
export const DEMO_MAX_ACCOUNTS = DEMO_SEEDS.length

export const DEMO_USAGE = `Usage: npm run demo -- [--accounts N]

  --accounts N   follow N accounts, each its own sandbox process and port with its own demo clinic
                 (${DEMO_SEEDS.join(', ')}), merged into one queue; N from 1 to ${DEMO_MAX_ACCOUNTS} (default 1)
  --help         show this help`

export type DemoArgs = { kind: 'run'; accounts: number } | { kind: 'help' } | { kind: 'error'; message: string }

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let accounts: number | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    if (flag !== '--accounts') return { kind: 'error', message: `Unknown argument "${arg}"` }
    if (accounts !== undefined) return { kind: 'error', message: '--accounts was given more than once' }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value.startsWith('--')) return { kind: 'error', message: `--accounts needs a number from 1 to ${DEMO_MAX_ACCOUNTS}` }
    if (!/^\d+$/.test(value) || Number(value) < 1) return { kind: 'error', message: `--accounts needs a whole number from 1 to ${DEMO_MAX_ACCOUNTS}, not "${value}"` }
    const n = Number(value)
    if (n > DEMO_MAX_ACCOUNTS) {
      return {
        kind: 'error',
        message: `--accounts ${n}: the demo has ${DEMO_MAX_ACCOUNTS} demo clinics (one sandbox each), so it runs 1 to ${DEMO_MAX_ACCOUNTS} accounts. The app itself follows up to ${MAX_ACCOUNTS}: add more in Settings › Accounts.`
      }
    }
    accounts = n
  }
  return { kind: 'run', accounts: accounts ?? 1 }
}

/** The demo clinic (sandbox seed) of account `index` (0 = the first account). */
export function demoSeedFor(index: number): DemoSeed {
  const seed = DEMO_SEEDS[index]
  if (!seed) throw new Error(`no demo clinic for account ${index + 1}`)
  return seed
}
