/**
 * Per-test world: a fresh sandbox (in-memory, demo seed) and a fresh web shell (temp profile,
 * in-memory key store) on 127.0.0.1 with port 0, both real servers over real HTTP. Tests of
 * several accounts start a second sandbox on its own port, a different demo clinic (issue 11).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startSandbox, type RunningSandbox } from '@sandbox/server'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import {
  WEB_CALL_PATH,
  type BridgeResult,
  type CallName,
  type CallRequest,
  type CallResponse,
  type Study
} from '@shared/ipc/contract'

export interface World {
  sandbox: RunningSandbox
  /** The current web shell (replaced by restartShell). */
  shell: WebShell
  /** Stops the web shell and starts a new one on the same profile and key store (an app restart). */
  restartShell(): Promise<WebShell>
  /** Calls the web shell's bridge directly (test setup only; the UI is what is under test). */
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>
  /** Avara API on the sandbox with its key. */
  avara<T>(method: string, pathname: string, body?: unknown): Promise<T>
  demoUser(): Promise<{ userId: string; email: string }>
  /** A second Avara clinic (another sandbox, its own port, key and demo data), started on first use. */
  secondSandbox(): Promise<RunningSandbox>
}

/** The second clinic's demo data differs from the first's (another seed number). */
const SECOND_CLINIC_SEED = 7

/** The Avara API of one sandbox, with its key. */
export async function avaraOn<T>(sandbox: RunningSandbox, method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.baseURL}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** The demo radiologist of one sandbox (each clinic has its own user ID for the same person). */
export async function demoUserOn(sandbox: RunningSandbox): Promise<{ userId: string; email: string }> {
  const email = sandbox.demoRadiologistEmail
  if (!email) throw new Error('the demo seed has no radiologist')
  const page = await avaraOn<{ users: Array<{ userId: string; email: string }> }>(sandbox, 'GET', `/v1/viewer/users?email=${encodeURIComponent(email)}`)
  const user = page.users[0]
  if (!user) throw new Error(`no user ${email} in the sandbox at ${sandbox.baseURL}`)
  return user
}

export const test = base.extend<{ world: World }>({
  /** Every page: no CSP violation and no uncaught error, whatever the test does. */
  page: async ({ page }, use) => {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to (apply|load|execute|connect)/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    await use(page)
    expect(problems, 'CSP violations or uncaught errors in the page').toEqual([])
  },
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    const profileDir = mkdtempSync(path.join(tmpdir(), 'rrc-e2e-'))
    const sandbox = await startSandbox({ port: 0, dbFile: null, seed: 'demo', quiet: true })
    const secrets = createMemorySecretStore()
    const shell = await startWebShell({ port: 0, baseUrl: sandbox.baseURL, profileDir, secrets, log: false })
    const started: { second: Promise<RunningSandbox> | null } = { second: null }
    const world: World = {
      sandbox,
      shell,
      async restartShell() {
        await world.shell.close()
        world.shell = await startWebShell({ port: 0, profileDir, secrets, log: false })
        return world.shell
      },
      async call(name, request) {
        // Relative to the printed address, like the page's own calls: the token is in the path.
        const response = await fetch(new URL(`${WEB_CALL_PATH}${name}`, world.shell.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request)
        })
        const result = (await response.json()) as BridgeResult<CallResponse<typeof name>>
        if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
        return result.value
      },
      avara<T>(method: string, pathname: string, body?: unknown) {
        return avaraOn<T>(sandbox, method, pathname, body)
      },
      demoUser: () => demoUserOn(sandbox),
      secondSandbox() {
        started.second ??= startSandbox({ port: 0, dbFile: null, seed: 'demo', seedNumber: SECOND_CLINIC_SEED, quiet: true })
        return started.second
      }
    }
    await use(world)
    await world.shell.close()
    await sandbox.close()
    if (started.second) await (await started.second).close()
    rmSync(profileDir, { recursive: true, force: true })
  }
})

export { expect }

/** Fast polling for tests: stat lane every 2 s, whole queue every 5 s. */
export const FAST_POLLING = { statIntervalSec: 2, queueIntervalSec: 5 } as const

/** Signs in through the bridge (not the UI) and follows the demo radiologist. */
export async function signInDirectly(world: World): Promise<{ userId: string; email: string }> {
  const saved = await world.call('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  if (!saved.ok) throw new Error(`saveKey failed: ${saved.message}`)
  const user = await world.demoUser()
  await world.call('auth.setIdentity', { userId: user.userId })
  await world.call('settings.update', FAST_POLLING)
  return user
}

/** Opens the printed address and waits for the live queue. */
export async function openQueue(page: Page, world: World): Promise<void> {
  await page.goto(world.shell.url)
  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByTestId('connection-status')).toContainText('Online')
}

let uidCounter = 0
/** A valid, unique DICOM UID (2.25 = UUID-derived root). */
export function freshUid(): string {
  uidCounter += 1
  return `2.25.${Date.now()}${process.pid}${uidCounter}`
}

export async function createStudy(
  world: World,
  body: { severity: 'stat' | 'high' | 'normal'; studyDescription: string; assignedTo?: string; metadata?: Record<string, string> }
): Promise<Study> {
  return world.avara<Study>('POST', '/v1/viewer/studies', { studyInstanceUid: freshUid(), ...body })
}

/** The same in another sandbox (a second clinic). */
export async function createStudyOn(sandbox: RunningSandbox, body: Parameters<typeof createStudy>[1]): Promise<Study> {
  return avaraOn<Study>(sandbox, 'POST', '/v1/viewer/studies', { studyInstanceUid: freshUid(), ...body })
}

/** Rows currently rendered by the virtual grid, top to bottom. */
export function gridRows(page: Page) {
  return page.locator('.grid-body [role="row"]')
}

/** The sandbox's fault controls (they take the sandbox key like the API does). */
export async function setFault(world: World, fault: Record<string, unknown> | null) {
  const response = await fetch(`${world.sandbox.baseURL}/_sandbox/faults`, {
    method: fault ? 'POST' : 'DELETE',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.sandbox.apiKey}` },
    body: fault ? JSON.stringify(fault) : undefined
  })
  expect(response.ok, `fault control answered ${response.status}`).toBe(true)
}
