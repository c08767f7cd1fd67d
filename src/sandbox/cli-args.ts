import { API_KEY_ENV, resolveApiKey } from './api-key-source'
import { SEED_KINDS, type SeedKind } from './seed/seed'
import { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT, type SandboxOptions } from './server'

export const USAGE = `Usage: npm run sandbox -- [--host 127.0.0.1] [--port 4010] [--api-key-file FILE | --api-key KEY] [--db FILE | --memory] [--seed demo|demo-2|empty] [--simulate[=RATE]]

  --host HOST        interface to listen on (default ${DEFAULT_HOST})
  --port PORT        TCP port, 0 for any free port (default ${DEFAULT_PORT})
  --api-key-file FILE  read the API key to accept from FILE (one line; keep it chmod 600)
  --api-key KEY      the API key to accept; visible to other users in the process list, so prefer
                     --api-key-file or the ${API_KEY_ENV} environment variable
                     (default: a sk_test_sandbox_ key generated once and stored in the database)
  --db FILE          SQLite file (default ${DEFAULT_DB_FILE})
  --memory           keep everything in memory (nothing survives a restart)
  --seed demo|demo-2|empty
                     data for a new database (default demo): demo is the clinic Riverside Radiology,
                     demo-2 a second demo clinic, St Mary's Hospital (other staff, other studies),
                     empty only the owner and the key
  --simulate[=RATE]  keep the demo alive: RATE new studies per minute (default 1)
  --help             show this help`

export type CliParse =
  | { kind: 'run'; options: SandboxOptions; warnings?: string[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

const VALUE_FLAGS = new Set(['--host', '--port', '--api-key', '--api-key-file', '--db', '--seed'])

/**
 * Parses the sandbox command line (and reads the key file, or `AVARA_SANDBOX_API_KEY` from `env`);
 * never throws (bad input is a message and exit code 2).
 */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): CliParse {
  const options: SandboxOptions = {}
  let keyFlag: string | undefined
  let keyFile: string | undefined
  let sawDb = false
  let sawMemory = false
  const seen = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1)
    if (seen.has(flag)) return { kind: 'error', message: `${flag} was given more than once` }
    seen.add(flag)
    if (VALUE_FLAGS.has(flag) && value === undefined) {
      value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) return { kind: 'error', message: `${flag} needs a value` }
      i++
    }
    switch (flag) {
      case '--host':
        if (!value) return { kind: 'error', message: '--host needs a value' }
        options.host = value
        break
      case '--port': {
        const port = Number(value)
        if (!/^\d+$/.test(value ?? '') || port > 65535) return { kind: 'error', message: `--port must be a whole number from 0 to 65535, not "${value}"` }
        options.port = port
        break
      }
      case '--api-key':
        keyFlag = value ?? ''
        break
      case '--api-key-file':
        if (!value) return { kind: 'error', message: '--api-key-file needs a file name' }
        keyFile = value
        break
      case '--db':
        if (!value) return { kind: 'error', message: '--db needs a file name' }
        sawDb = true
        options.dbFile = value
        break
      case '--memory':
        if (value !== undefined) return { kind: 'error', message: '--memory takes no value' }
        sawMemory = true
        options.dbFile = null
        break
      case '--seed':
        if (!SEED_KINDS.includes(value as SeedKind)) return { kind: 'error', message: `--seed must be ${SEED_KINDS.join(', ').replace(/, (?=[^,]*$)/, ' or ')}, not "${value}"` }
        options.seed = value as SeedKind
        break
      case '--simulate': {
        const rate = value === undefined ? 1 : Number(value)
        if (!Number.isFinite(rate) || rate <= 0 || rate > 600 || value === '') {
          return { kind: 'error', message: `--simulate=RATE needs a number of studies per minute above 0 (at most 600), not "${value}"` }
        }
        options.simulate = rate
        break
      }
      default:
        return { kind: 'error', message: `Unknown argument "${arg}"` }
    }
  }
  if (sawDb && sawMemory) return { kind: 'error', message: '--db and --memory cannot be used together' }
  const key = resolveApiKey({ flag: keyFlag, file: keyFile, env })
  if (key.kind === 'error') return key
  if (key.kind === 'key') options.apiKey = key.apiKey
  return key.kind === 'key' && key.warning ? { kind: 'run', options, warnings: [key.warning] } : { kind: 'run', options }
}
