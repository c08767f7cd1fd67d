/**
 * Runs the built main bundle (out/main/index.js) under plain Node with the recording stand-in for
 * `electron` (and `keytar`), and gives the test its records and a command channel.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIRST_ACCOUNT_ID, type Settings } from '@shared/ipc/contract'
import { KEYCHAIN_SERVICE, keychainAccountFor } from '@main/engine/ports'
import { defaultPersistedState } from '@main/engine/persistence'
import { createConfStateStore } from '@main/node'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')
export const MAIN_BUNDLE = join(REPO_ROOT, 'out', 'main', 'index.js')
export const PRELOAD_BUNDLE = join(REPO_ROOT, 'out', 'preload', 'index.cjs')
const REGISTER = join(import.meta.dirname, 'stand-in', 'register.mjs')

export interface RecordEntry {
  seq: number
  type: string
  data: Record<string, unknown>
}

type Reply = { kind: 'reply'; id: number; result?: unknown; error?: string }
type Message = { kind: 'record'; entry: RecordEntry } | Reply

export interface ShellProcessOptions {
  userDataDir: string
  keychainFile: string
  recordFile: string
  safeStorageBackend?: string
  /** Extra environment for the main process (e.g. READING_ROOM_POLICY). */
  env?: Record<string, string>
}

export class ShellProcess {
  readonly records: RecordEntry[] = []
  readonly output: string[] = []
  private readonly child: ChildProcess
  private readonly waiters = new Set<() => void>()
  private readonly replies = new Map<number, (reply: Reply) => void>()
  private nextId = 1
  private exitCode: number | null | undefined = undefined

  constructor(options: ShellProcessOptions) {
    this.child = fork(MAIN_BUNDLE, [], {
      cwd: REPO_ROOT,
      execArgv: ['--import', REGISTER],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        RRC_STANDIN_USERDATA: options.userDataDir,
        RRC_STANDIN_KEYCHAIN: options.keychainFile,
        RRC_STANDIN_RECORD: options.recordFile,
        RRC_STANDIN_SAFE_STORAGE_BACKEND: options.safeStorageBackend ?? 'basic_text',
        // Never the dev server: the built page on app:// is what is checked.
        ELECTRON_RENDERER_URL: '',
        ...options.env
      }
    })
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'))
      appendFileSync(`${options.recordFile}.output`, chunk)
    }
    this.child.stdout?.on('data', keep)
    this.child.stderr?.on('data', keep)
    this.child.on('message', (message: Message) => {
      if (message.kind === 'record') this.records.push(message.entry)
      else this.replies.get(message.id)?.(message)
      for (const wake of this.waiters) wake()
    })
    this.child.on('exit', (code) => {
      this.exitCode = code
      for (const wake of this.waiters) wake()
    })
  }

  of(type: string): RecordEntry[] {
    return this.records.filter((entry) => entry.type === type)
  }

  /** Resolves with the first record set satisfying `predicate`; rejects after `timeoutMs` saying what was awaited. */
  waitFor<T>(what: string, predicate: () => T | undefined | false | null, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate()
        if (value) {
          cleanup()
          resolve(value)
        } else if (this.exitCode !== undefined) {
          cleanup()
          reject(new Error(`main process exited (code ${this.exitCode}) while waiting for ${what}\n${this.output.join('')}`))
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`timed out waiting for ${what}; last records: ${JSON.stringify(this.records.slice(-8))}\n${this.output.join('')}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }

  command<T = unknown>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      if (this.exitCode !== undefined || !this.child.connected) {
        reject(new Error(`cannot send ${cmd}: the main process is gone`))
        return
      }
      this.replies.set(id, (reply) => {
        this.replies.delete(id)
        if (reply.error) reject(new Error(reply.error))
        else resolve(reply.result as T)
      })
      this.child.send({ ...args, kind: 'command', id, cmd }, (error) => {
        if (!error) return
        this.replies.delete(id)
        reject(error)
      })
    })
  }

  get running(): boolean {
    return this.exitCode === undefined
  }

  exited(timeoutMs = 10_000): Promise<number | null> {
    return this.waitFor('the process to exit', () => (this.exitCode !== undefined ? { code: this.exitCode } : undefined), timeoutMs).then((r) => r.code)
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL')
  }
}

/** A further signed-in account of a profile (its own server, key, identity and name). */
export interface ProfileAccount {
  id: string
  label: string
  server: { baseURL: string; apiKey: string }
  identity: { userId: string; email: string; displayName: string }
}

/**
 * A signed-in profile for the built shell in `workDir`: the state file written through the same
 * schema the shell reads (electron-store = conf), and the keys in the stand-in keychain file, never
 * in the profile. `more`: further accounts after the first (the first is named `firstLabel`, if given).
 */
export function writeSignedInProfile(
  workDir: string,
  server: { baseURL: string; apiKey: string },
  identity: { userId: string; email: string; displayName: string },
  settings: Settings,
  more: { firstLabel?: string; accounts: ProfileAccount[] } = { accounts: [] }
): { userDataDir: string; keychainFile: string } {
  const userDataDir = join(workDir, 'userData')
  const accounts = [{ id: FIRST_ACCOUNT_ID, label: more.firstLabel, server, identity }, ...more.accounts]
  createConfStateStore({ cwd: userDataDir, configName: 'companion-state' }).write({
    ...defaultPersistedState(),
    accounts: accounts.map((a) => ({
      id: a.id,
      baseUrl: a.server.baseURL,
      keychainAccount: keychainAccountFor(a.server.baseURL, a.id),
      identity: a.identity,
      ledger: {},
      snapshot: null,
      ...(a.label ? { label: a.label } : {})
    })),
    settings
  })
  const keychainFile = join(workDir, 'keychain.json')
  writeFileSync(keychainFile, JSON.stringify(Object.fromEntries(accounts.map((a) => [`${KEYCHAIN_SERVICE}\u0000${keychainAccountFor(a.server.baseURL, a.id)}`, a.server.apiKey]))))
  return { userDataDir, keychainFile }
}
