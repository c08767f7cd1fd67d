/**
 * `npm run demo [-- --accounts N]`: the whole product on this machine in one command.
 *   1. builds the app (main, preload, renderer);
 *   2. starts the Avara sandbox in its own process (in memory, demo seed, 2 new studies a minute);
 *      with `--accounts N` (N from 1 to 2: one per demo clinic), N sandboxes, each its own
 *      process and port with its own demo clinic (seeds demo, demo-2: Riverside Radiology,
 *      St Mary's Hospital);
 *   3. puts each sandbox's throwaway key into the OS keychain, under that account's own keychain
 *      name (or, where none is usable, keeps them in memory for this run and says so) and removes
 *      every one again on exit;
 *   4. follows each clinic's demo radiologist (found by email through that clinic's API) in a demo
 *      profile under .profile/demo (git-ignored): the first account as a single-account demo has
 *      it, each further one as Settings › Accounts adds it (its own id and key, named after its
 *      clinic), so the one queue merges the clinics' studies, labelled;
 *   5. launches the Electron app — or, where no Electron runtime exists, says so in one line and
 *      serves the web shell instead, printing its URL. Both read the same profile and keys.
 * Ctrl-C stops everything. Bad arguments print a message and the usage and exit with code 2.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Avara from '@shared/avara'
import { ACCOUNT_COLOURS, DEFAULT_SETTINGS, FIRST_ACCOUNT_ID, type Identity } from '@shared/ipc/contract'
import { KEYCHAIN_SERVICE, keychainAccountFor, type SecretStore, type StoredAccount } from '@main/engine/ports'
import { defaultAccount, defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { createMemorySecretStore } from '@main/engine/secrets'
import { createKeytarSecretStore } from '@main/node'
import { startWebShell, type WebShell } from '@main/web/server'
import type { DemoSeed } from '@sandbox/seed/clinics'
import { DEMO_USAGE, demoSeedFor, parseDemoArgs } from './demo-args'

const ROOT = path.resolve(import.meta.dirname, '..')
// Tests run the demo with their own profile folder and a build made beforehand (npm test builds first).
const PROFILE_ROOT = process.env.RRC_DEMO_PROFILE ?? path.join(ROOT, '.profile', 'demo')
const SKIP_BUILD = process.env.RRC_DEMO_SKIP_BUILD === '1'
/** The first account's sandbox; account i prefers the port i above it. */
const PREFERRED_SANDBOX_PORT = 4010
const PREFERRED_WEB_PORT = 5180
const STATE_FILE_NAME = 'companion-state' // the Electron shell's electron-store name; conf reads the same file

interface SandboxInfo {
  baseURL: string
  apiKey: string
  demoRadiologistEmail: string
  clinicName: string
}

/** One followed account of the demo: its sandbox, its id in the profile and its keychain name. */
interface DemoAccount {
  sandbox: SandboxInfo
  accountId: string
  keyName: string
  identity: Identity
}

/** The first account keeps the id every profile starts with; the others get fixed ids of the accounts' shape (acc-…). */
const demoAccountId = (index: number): string => (index === 0 ? FIRST_ACCOUNT_ID : `acc-demo-${index + 1}`)

const say = (line: string) => console.log(`[demo] ${line}`)

/** Runs clean-up steps once, whichever way the demo ends. */
const cleanups: Array<() => Promise<void> | void> = []
let stoppingSince: number | null = null
/** A signal repeated within this time is the same request (seen: a second SIGINT as the keychain clean-up starts). */
const FORCE_AFTER_MS = 1_000

function onSignal(): void {
  if (stoppingSince !== null) {
    // Ctrl-C again, later: the user wants out now, clean-up or not.
    if (Date.now() - stoppingSince > FORCE_AFTER_MS) process.exit(130)
    return
  }
  void stopAll(0)
}

async function stopAll(code: number): Promise<never> {
  if (stoppingSince === null) {
    stoppingSince = Date.now()
    for (const step of cleanups.reverse()) {
      try {
        await step()
      } catch (error) {
        console.error(`[demo] clean-up step failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
  process.exit(code)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

function build(): void {
  say('building the app (electron-vite build)…')
  const bin = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error('the build failed (see the errors above)')
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** Starts `src/sandbox/cli.ts` as its own process and reads its address, key, clinic and demo user from stdout. */
async function startSandboxProcess(seed: DemoSeed, preferredPort: number): Promise<SandboxInfo> {
  // A stable port keeps the keychain account (keyed by origin) the same from run to run.
  const port = (await isPortFree(preferredPort)) ? preferredPort : 0
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'sandbox', 'cli.ts'), '--memory', '--seed', seed, '--simulate=2', '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  cleanups.push(() => stopChild(child, `sandbox (${seed})`))
  const found: Partial<SandboxInfo> = {}
  const lines = createInterface({ input: child.stdout! })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (code ${code})`)))
    lines.on('line', (line) => {
      found.baseURL ??= /listening on (\S+)/.exec(line)?.[1]
      found.apiKey ??= /AVARA_API_KEY=(\S+)/.exec(line)?.[1]
      found.demoRadiologistEmail ??= /demo radiologist: (\S+)/.exec(line)?.[1]
      found.clinicName ??= /^\s*clinic: (.+)$/.exec(line)?.[1]
      if (found.baseURL && found.apiKey && found.demoRadiologistEmail && found.clinicName) {
        lines.removeAllListeners('line')
        // Keep draining its output so the pipe never fills.
        child.stdout?.resume()
        resolve(found as SandboxInfo)
      }
    })
  })
}

function stopChild(child: ChildProcess, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, 5_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    say(`stopping the ${name}…`)
    child.kill('SIGTERM')
  })
}

/** The keychain when it works; otherwise memory for this run (said in one line). Each key under its account's own name. */
async function storeKeys(accounts: readonly DemoAccount[]): Promise<{ store: SecretStore; inKeychain: boolean }> {
  const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
  const info = await keychain.describe()
  if (info.kind === 'keychain') {
    for (const account of accounts) {
      // Registered before it is written: a throwaway key must not outlive the demo in the user's keychain.
      cleanups.push(() => keychain.delete(account.keyName))
      await keychain.set(account.keyName, account.sandbox.apiKey)
    }
    return { store: keychain, inKeychain: true }
  }
  const keys = accounts.length === 1 ? 'the throwaway sandbox key stays' : 'the throwaway sandbox keys stay'
  say(`no usable keychain (${info.problem?.reason ?? 'unknown reason'}): ${keys} in memory for this run only.`)
  const memory = createMemorySecretStore('Memory only (demo run): no keychain is usable', info.problem)
  for (const account of accounts) await memory.set(account.keyName, account.sandbox.apiKey)
  return { store: memory, inKeychain: false }
}

async function findDemoIdentity(sandbox: SandboxInfo): Promise<Identity> {
  const client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
  const page = await client.viewer.users.list({ email: sandbox.demoRadiologistEmail })
  const user = page.users[0]
  if (!user) throw new Error(`the sandbox has no user ${sandbox.demoRadiologistEmail}`)
  return { userId: user.userId, email: user.email, displayName: `${user.firstName} ${user.lastName}` }
}

/** A fresh demo profile: each account's sandbox address, name, colour, key name and radiologist to follow (never a key). */
function writeProfile(dir: string, accounts: readonly DemoAccount[]): void {
  rmSync(dir, { recursive: true, force: true })
  const stored = accounts.map(
    (account, i): StoredAccount => ({
      ...defaultAccount(account.accountId),
      label: account.sandbox.clinicName,
      colour: ACCOUNT_COLOURS[i % ACCOUNT_COLOURS.length]!,
      baseUrl: account.sandbox.baseURL,
      keychainAccount: account.keyName,
      identity: account.identity
    })
  )
  createConfStateStore({ cwd: dir, configName: STATE_FILE_NAME }).write({ ...defaultPersistedState(), accounts: stored, settings: DEFAULT_SETTINGS })
}

/** The Electron executable, or why there is none (without triggering the package's download). */
function findElectron(): { path: string } | { reason: string } {
  const electronDir = path.join(ROOT, 'node_modules', 'electron')
  const pathFile = path.join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const candidate = override ? path.join(override, relative || 'electron') : relative ? path.join(electronDir, 'dist', relative) : ''
  if (candidate && existsSync(candidate)) return { path: candidate }
  return { reason: 'its binary is not installed (node_modules/electron/dist)' }
}

function launchElectron(binary: string, userDataDir: string): void {
  const child = spawn(binary, [path.join(ROOT, 'out', 'main', 'index.js'), `--user-data-dir=${userDataDir}`], { cwd: ROOT, stdio: 'inherit' })
  cleanups.push(() => stopChild(child, 'Electron app'))
  child.once('exit', (code) => {
    say(`the Electron app exited (code ${code ?? 'signal'})`)
    void stopAll(code ?? 0)
  })
  say('Electron app launched. Ctrl-C stops the demo.')
}

async function serveWebShell(profileDir: string, secrets: SecretStore): Promise<void> {
  const port = (await isPortFree(PREFERRED_WEB_PORT)) ? PREFERRED_WEB_PORT : 0
  const shell: WebShell = await startWebShell({ port, profileDir, secrets })
  cleanups.push(() => shell.close())
  console.log(`Reading Room Companion (web) ready: ${shell.url}`)
  say('open that address in a browser. Ctrl-C stops the demo.')
}

/** Starts one sandbox per account (in parallel, each its own demo clinic) and finds who to follow in each. */
async function startAccounts(count: number): Promise<DemoAccount[]> {
  const sandboxes = await Promise.all(Array.from({ length: count }, (_, i) => startSandboxProcess(demoSeedFor(i), PREFERRED_SANDBOX_PORT + i)))
  return Promise.all(
    sandboxes.map(async (sandbox, i) => {
      const accountId = demoAccountId(i)
      return { sandbox, accountId, keyName: keychainAccountFor(sandbox.baseURL, accountId), identity: await findDemoIdentity(sandbox) }
    })
  )
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2))
  if (args.kind === 'help') {
    console.log(DEMO_USAGE)
    return
  }
  if (args.kind === 'error') {
    console.error(`[demo] ${args.message}\n\n${DEMO_USAGE}`)
    process.exit(2)
  }
  if (!SKIP_BUILD) build()
  const accounts = await startAccounts(args.accounts)
  for (const { sandbox } of accounts) say(`sandbox running at ${sandbox.baseURL} (${sandbox.clinicName}: demo data, 2 new studies a minute)`)
  const { store, inKeychain } = await storeKeys(accounts)
  if (inKeychain) say(accounts.length === 1 ? 'sandbox key saved in the OS keychain for this run' : `sandbox keys saved in the OS keychain for this run (${accounts.length}, one per account)`)
  for (const { identity, sandbox } of accounts) say(`following the demo radiologist ${identity.displayName} <${identity.email}> at ${sandbox.clinicName}`)

  const electron = findElectron()
  if ('path' in electron && inKeychain) {
    const userDataDir = path.join(PROFILE_ROOT, 'electron')
    writeProfile(userDataDir, accounts)
    launchElectron(electron.path, userDataDir)
    return
  }
  if ('reason' in electron) say(`no Electron runtime here (${electron.reason}): starting the web shell instead.`)
  else say('Electron is installed, but without a keychain the throwaway key can live only in this process: starting the web shell instead.')
  const profileDir = path.join(PROFILE_ROOT, 'web')
  writeProfile(profileDir, accounts)
  await serveWebShell(profileDir, store)
}

main().catch(async (error: unknown) => {
  console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`)
  await stopAll(1)
})
