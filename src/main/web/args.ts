/** Command-line arguments of `npm run web -- [--port 5180] [--base-url URL] [--profile DIR] [--policy FILE]`. */
import { parseArgs } from 'node:util'
import { DEFAULT_WEB_PORT } from './server'
import { defaultProfileDir, parseBaseUrl } from './profile'

export interface WebCliArgs {
  port: number
  baseUrl: string | undefined
  profileDir: string
  rendererDir: string | undefined
  /** The administrator's policy file (instead of READING_ROOM_POLICY or the system path). */
  policyFile: string | undefined
  /** Build the renderer when the default one is missing (off with --no-build). */
  build: boolean
  help: boolean
}

export const USAGE = `Usage: npm run web -- [--port 5180] [--base-url URL] [--profile DIR] [--renderer DIR] [--policy FILE]

  --port N        port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --base-url URL  the Avara API address (e.g. the sandbox's http://127.0.0.1:PORT)
  --profile DIR   settings and logs folder (default: ${defaultProfileDir()})
  --renderer DIR  built renderer to serve (default: out/renderer, built on first run)
  --no-build      do not build out/renderer when it is missing
  --policy FILE   the administrator's policy file (default: $READING_ROOM_POLICY, else the system path;
                  see docs/managed-configuration.md)`

export class UsageError extends Error {}

export function parseWebCliArgs(argv: string[]): WebCliArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'base-url': { type: 'string' },
        profile: { type: 'string' },
        renderer: { type: 'string' },
        policy: { type: 'string' },
        'no-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'invalid arguments')
  }
  const portText = typeof values.port === 'string' ? values.port : String(DEFAULT_WEB_PORT)
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${portText}"`)
  const rawBaseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined
  if (rawBaseUrl !== undefined && parseBaseUrl(rawBaseUrl) === null) {
    throw new UsageError('--base-url must be an https address (http only to this computer) without credentials, query or fragment')
  }
  if (values.policy === '') throw new UsageError('--policy needs a file name')
  return {
    port,
    baseUrl: rawBaseUrl === undefined ? undefined : (parseBaseUrl(rawBaseUrl) ?? undefined),
    profileDir: typeof values.profile === 'string' ? values.profile : defaultProfileDir(),
    rendererDir: typeof values.renderer === 'string' ? values.renderer : undefined,
    policyFile: typeof values.policy === 'string' ? values.policy : undefined,
    build: values['no-build'] !== true,
    help: values.help === true
  }
}
