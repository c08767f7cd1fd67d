/**
 * The web shell with the real engine against the sandbox, restartable on one profile: what the
 * own-faults tests (and the soak script) drive. The memory key store outlives a restart, as the
 * keychain would.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Avara from '@shared/avara'
import type { BridgeResult } from '@shared/ipc/contract'
import { createMemorySecretStore } from '@main/engine/secrets'
import type { SecretStore } from '@main/engine/ports'
import { startWebShell, type WebShell, type WebShellOptions } from '@main/web/server'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { SsePage } from '../../web-shell/sse-client'

export interface WebWorld {
  sandbox: RunningSandbox
  admin: InstanceType<typeof Avara>
  radiologistId: string
  profileDir: string
  rendererDir: string
  secrets: SecretStore
  shell: WebShell | null
  start(options?: Partial<WebShellOptions>): Promise<WebShell>
  stop(): Promise<void>
  call<T>(name: string, request: unknown): Promise<BridgeResult<T>>
  page(): SsePage
  createStat(): Promise<string>
  close(): Promise<void>
}

let uid = 0

export async function makeWebWorld(options: { profileDir?: string } = {}): Promise<WebWorld> {
  const sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'empty', quiet: true })
  const admin = new Avara({ apiKey: sandbox.apiKey, baseURL: sandbox.baseURL, maxRetries: 2, logLevel: 'off' })
  const user = await admin.viewer.users.invite({
    email: 'rad.faults@example.org',
    firstName: 'Fay',
    lastName: 'Ults',
    clinicRole: 'Radiologist',
    level: 'member',
    canManageStudies: true,
    hasDashboardAccess: true
  })
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rrc-own-faults-'))
  const rendererDir = path.join(scratch, 'renderer')
  fs.mkdirSync(rendererDir)
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>RRC</title>')
  const profileDir = options.profileDir ?? path.join(scratch, 'profile')
  const pages: SsePage[] = []
  const world: WebWorld = {
    sandbox,
    admin,
    radiologistId: user.userId,
    profileDir,
    rendererDir,
    secrets: createMemorySecretStore(),
    shell: null,
    async start(extra = {}) {
      world.shell = await startWebShell({ port: 0, profileDir, rendererDir, secrets: world.secrets, log: false, ...extra })
      return world.shell
    },
    async stop() {
      for (const page of pages.splice(0)) page.close()
      await world.shell?.close()
      world.shell = null
    },
    async call<T>(name: string, request: unknown) {
      const response = await fetch(new URL(`api/call/${name}`, world.shell!.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request)
      })
      return (await response.json()) as BridgeResult<T>
    },
    page() {
      // The page's address stays valid only for one run (the token changes): resolved at connect time.
      const page = new SsePage(new URL('api/events', world.shell!.url).href)
      pages.push(page)
      return page
    },
    async createStat() {
      const study = await admin.viewer.studies.create({
        severity: 'stat',
        studyDescription: `CT Head ${++uid}`,
        studyInstanceUid: `1.2.826.0.1.${Date.now() % 100000}.${uid}`,
        assignedTo: user.userId
      })
      return study.studyId
    },
    async close() {
      await world.stop()
      await sandbox.close()
      fs.rmSync(scratch, { recursive: true, force: true })
    }
  }
  return world
}

/** Signs the running shell in with the sandbox key, follows the radiologist, polls stat every 2 s. */
export async function signInThroughShell(world: WebWorld): Promise<void> {
  const saved = await world.call<{ ok: boolean }>('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  if (!saved.ok || !saved.value.ok) throw new Error(`saveKey failed: ${JSON.stringify(saved)}`)
  const identity = await world.call('auth.setIdentity', { userId: world.radiologistId })
  if (!identity.ok) throw new Error(`setIdentity failed: ${JSON.stringify(identity)}`)
  const settings = await world.call('settings.update', { statIntervalSec: 2 })
  if (!settings.ok) throw new Error(`settings.update failed: ${JSON.stringify(settings)}`)
}

export async function waitUntil(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
