/**
 * `npm run demo`: the whole product on this machine in one command.
 *   1. builds the app (main, preload, renderer);
 *   2. starts the Avara sandbox in its own process (in memory, demo seed, 2 new studies a minute);
 *   3. puts the sandbox's throwaway key into the OS keychain (or, where none is usable, keeps it
 *      in memory for this run and says so) and removes it again on exit;
 *   4. follows the demo radiologist (found by email through the API) in a demo profile under
 *      .profile/demo (git-ignored);
 *   5. launches the Electron app — or, where no Electron runtime exists, says so in one line and
 *      serves the web shell instead, printing its URL.
 * Ctrl-C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Avara from '@shared/avara'
import { DEFAULT_SETTINGS, type Identity } from '@shared/ipc/contract'
import { KEYCHAIN_SERVICE, keychainAccount, type SecretStore } from '@main/engine/ports'
import { defaultAccount, defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'
import { createMemorySecretStore } from '@main/engine/secrets'
import { createKeytarSecretStore } from '@main/node'
import { startWebShell, type WebShell } from '@main/web/server'

const ROOT = path.resolve(import.meta.dirname, '..')
// Tests run the demo with their own profile folder and a build made beforehand (npm test builds first).
const PROFILE_ROOT = process.env.RRC_DEMO_PROFILE ?? path.join(ROOT, '.profile', 'demo')
const SKIP_BUILD = process.env.RRC_DEMO_SKIP_BUILD === '1'
const PREFERRED_SANDBOX_PORT = 4010
const PREFERRED_WEB_PORT = 5180
const STATE_FILE_NAME = 'companion-state' // the Electron shell's electron-store name; conf reads the same file

interface SandboxInfo {
  baseURL: string
  apiKey: string
  demoRadiologistEmail: string
}

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

/** Starts `src/sandbox/cli.ts` as its own process and reads its address, key and demo user from stdout. */
async function startSandboxProcess(): Promise<SandboxInfo> {
  // A stable port keeps the keychain account (keyed by origin) the same from run to run.
  const port = (await isPortFree(PREFERRED_SANDBOX_PORT)) ? PREFERRED_SANDBOX_PORT : 0
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'sandbox', 'cli.ts'), '--memory', '--seed', 'demo', '--simulate=2', '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  cleanups.push(() => stopChild(child, 'sandbox'))
  const found: Partial<SandboxInfo> = {}
  const lines = createInterface({ input: child.stdout! })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (code ${code})`)))
    lines.on('line', (line) => {
      found.baseURL ??= /listening on (\S+)/.exec(line)?.[1]
      found.apiKey ??= /AVARA_API_KEY=(\S+)/.exec(line)?.[1]
      found.demoRadiologistEmail ??= /demo radiologist: (\S+)/.exec(line)?.[1]
      if (found.baseURL && found.apiKey && found.demoRadiologistEmail) {
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

/** The keychain when it works; otherwise memory for this run (said in one line). */
async function storeKey(baseURL: string, apiKey: string): Promise<{ store: SecretStore; inKeychain: boolean }> {
  const keychain = createKeytarSecretStore({ service: KEYCHAIN_SERVICE })
  const info = await keychain.describe()
  const account = keychainAccount(baseURL)
  if (info.kind === 'keychain') {
    await keychain.set(account, apiKey)
    // A throwaway key must not outlive the demo in the user's keychain.
    cleanups.push(() => keychain.delete(account))
    return { store: keychain, inKeychain: true }
  }
  say(`no usable keychain (${info.problem?.reason ?? 'unknown reason'}): the throwaway sandbox key stays in memory for this run only.`)
  const memory = createMemorySecretStore('Memory only (demo run): no keychain is usable', info.problem)
  await memory.set(account, apiKey)
  return { store: memory, inKeychain: false }
}

async function findDemoIdentity(sandbox: SandboxInfo): Promise<Identity> {
  const client = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL })
  const page = await client.viewer.users.list({ email: sandbox.demoRadiologistEmail })
  const user = page.users[0]
  if (!user) throw new Error(`the sandbox has no user ${sandbox.demoRadiologistEmail}`)
  return { userId: user.userId, email: user.email, displayName: `${user.firstName} ${user.lastName}` }
}

/** A fresh demo profile: the sandbox's address and the radiologist to follow (never the key). */
function writeProfile(dir: string, baseURL: string, identity: Identity): void {
  rmSync(dir, { recursive: true, force: true })
  createConfStateStore({ cwd: dir, configName: STATE_FILE_NAME }).write({
    ...defaultPersistedState(),
    accounts: [{ ...defaultAccount(), baseUrl: baseURL, keychainAccount: keychainAccount(baseURL), identity }],
    settings: DEFAULT_SETTINGS
  })
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

async function main(): Promise<void> {
  if (!SKIP_BUILD) build()
  const sandbox = await startSandboxProcess()
  say(`sandbox running at ${sandbox.baseURL} (demo data, 2 new studies a minute)`)
  const { store, inKeychain } = await storeKey(sandbox.baseURL, sandbox.apiKey)
  if (inKeychain) say('sandbox key saved in the OS keychain for this run')
  const identity = await findDemoIdentity(sandbox)
  say(`following the demo radiologist ${identity.displayName} <${identity.email}>`)

  const electron = findElectron()
  if ('path' in electron && inKeychain) {
    const userDataDir = path.join(PROFILE_ROOT, 'electron')
    writeProfile(userDataDir, sandbox.baseURL, identity)
    launchElectron(electron.path, userDataDir)
    return
  }
  if ('reason' in electron) say(`no Electron runtime here (${electron.reason}): starting the web shell instead.`)
  else say('Electron is installed, but without a keychain the throwaway key can live only in this process: starting the web shell instead.')
  const profileDir = path.join(PROFILE_ROOT, 'web')
  writeProfile(profileDir, sandbox.baseURL, identity)
  await serveWebShell(profileDir, store)
}

main().catch(async (error: unknown) => {
  console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`)
  await stopAll(1)
})
