/**
 * `npm run web`: the companion's core in Node, served to a browser on 127.0.0.1.
 * stdout carries exactly one line, `Reading Room Companion (web) ready: <url>`; everything else
 * (keychain problems, errors) goes to stderr. The URL carries this run's token: it is the only
 * secret printed, and it dies with the process.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { KEYCHAIN_SERVICE, type SecretStore } from '@main/engine/ports'
import { createMemorySecretStore } from '@main/engine/secrets'
import { createKeytarSecretStore, describePolicyIssue } from '@main/node'
import type { PolicyReading } from '@shared/ipc/managed-policy'
import { parseWebCliArgs, USAGE, UsageError, type WebCliArgs } from './args'
import { DEFAULT_RENDERER_DIR, REPO_ROOT, startWebShell } from './server'

/** First run from a clean clone: build the renderer (output to stderr, so stdout keeps its one line). */
function buildRenderer(): boolean {
  const bin = path.join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js')
  if (!fs.existsSync(bin)) return false
  process.stderr.write('No built renderer yet: running `electron-vite build` once (about a minute)…\n')
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] })
  return result.status === 0
}

async function chooseSecretStore(): Promise<SecretStore> {
  const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
  const info = await keychain.describe()
  if (info.kind === 'keychain') return keychain
  const reason = info.problem?.reason ?? 'No keychain is usable.'
  const fix = info.problem?.fix ?? ''
  process.stderr.write(
    `Keychain unavailable: ${reason}\n  Fix: ${fix}\n  For this run the API key is kept in memory only: it will not be remembered after you stop the web shell.\n`
  )
  return createMemorySecretStore('Memory only (this run): no keychain is usable', info.problem)
}

/** On stderr (stdout keeps its one line): a policy that was not applied, or one that overrides --base-url. */
function reportPolicy(policy: PolicyReading, baseUrl: string | undefined): void {
  if (policy.status === 'invalid') {
    const issues = policy.issues.map((issue) => `  ${describePolicyIssue(issue)}`).join('\n')
    process.stderr.write(`Policy file ${policy.file} is not applied (the app runs without it):\n${issues}\n`)
  } else if (policy.status === 'loaded' && baseUrl !== undefined && policy.policy.locked?.includes('serverUrl')) {
    process.stderr.write(`Policy file ${policy.file} locks the server to ${policy.policy.serverUrl ?? ''}: --base-url is ignored.\n`)
  }
}

async function main(): Promise<number> {
  let args: WebCliArgs
  try {
    args = parseWebCliArgs(process.argv.slice(2))
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`)
      return 2
    }
    throw error
  }
  if (args.help) {
    process.stderr.write(`${USAGE}\n`)
    return 0
  }
  const rendererDir = path.resolve(args.rendererDir ?? DEFAULT_RENDERER_DIR)
  const built = (): boolean => fs.existsSync(path.join(rendererDir, 'index.html'))
  if (!built() && args.rendererDir === undefined && args.build) buildRenderer()
  if (!built()) {
    process.stderr.write(`No built renderer in ${rendererDir}: run \`npm run build\` first (the page will say so until then).\n`)
  }
  let shell
  try {
    shell = await startWebShell({
      port: args.port,
      baseUrl: args.baseUrl,
      profileDir: args.profileDir,
      rendererDir,
      policyFile: args.policyFile,
      secrets: await chooseSecretStore()
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    if (code === 'EADDRINUSE') process.stderr.write(`Port ${args.port} on 127.0.0.1 is in use: pass --port <other> or --port 0 for any free port.\n`)
    else process.stderr.write(`The web shell could not start: ${error instanceof Error ? error.message : 'unknown error'}\n`)
    return 1
  }
  reportPolicy(shell.policy, args.baseUrl)
  process.stdout.write(`Reading Room Companion (web) ready: ${shell.url}\n`)
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await shell.close()
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The web shell failed: ${error instanceof Error ? error.message : 'unknown error'}\n`)
    process.exit(1)
  }
)
