/** Helpers of the clinic end-to-end specs: follow an admin, open the workspace, read the sandbox's request log. */
import type { Page } from '@playwright/test'
import { ENDPOINTS, type EndpointSpec } from '@shared/avara/contract'
import { expect, type World } from './fixtures'

/** Signs in through the bridge and follows Daniel Okafor (admin, can manage studies) of the demo seed. */
export async function signInAsAdmin(world: World): Promise<{ userId: string; email: string }> {
  const saved = await world.call('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
  if (!saved.ok) throw new Error(`saveKey failed: ${saved.message}`)
  const page = await world.avara<{ users: Array<{ userId: string; email: string }> }>('GET', '/v1/viewer/users?email=daniel.okafor%40example.org')
  const admin = page.users[0]
  if (!admin) throw new Error('no Daniel Okafor in the demo seed')
  await world.call('auth.setIdentity', { userId: admin.userId })
  return admin
}

export async function openClinic(page: Page, world: World): Promise<void> {
  await page.goto(world.shell.url)
  await page.getByTestId('workspace-clinic').click()
  await expect(page.getByTestId('clinic-account')).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Team' })).toBeVisible()
}

export interface LoggedRequest {
  method: string
  path: string
  status: number | null
}

export async function sandboxRequests(world: World): Promise<LoggedRequest[]> {
  const res = await fetch(`${world.sandbox.baseURL}/_sandbox/requests?limit=1000`, { headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
  return ((await res.json()) as { requests: LoggedRequest[] }).requests
}

export async function clearSandboxRequests(world: World): Promise<void> {
  await fetch(`${world.sandbox.baseURL}/_sandbox/requests`, { method: 'DELETE', headers: { authorization: `Bearer ${world.sandbox.apiKey}` } })
}

/** The contract's operation for a logged request: fixed path segments are matched before `{id}` ones. */
export function operationOf(request: { method: string; path: string }): string | null {
  const specs = (Object.values(ENDPOINTS) as EndpointSpec[]).sort((a, b) => Number(Boolean(a.pathParam)) - Number(Boolean(b.pathParam)))
  for (const spec of specs) {
    const pattern = new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    if (spec.method === request.method && pattern.test(request.path)) return spec.operation
  }
  return null
}
