/**
 * The administrator's policy file end to end: a web shell started with `policyFile` (what
 * `--policy FILE` passes) against the sandbox, driven in Chromium. A valid policy presets and locks
 * the server and an alert setting; an invalid one is named on screen and not applied.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { startWebShell, type WebShell } from '@main/web/server'
import { createMemorySecretStore } from '@main/engine/secrets'
import { test, expect } from './fixtures'

interface PolicyShell {
  shell: WebShell
  policyFile: string
  close(): Promise<void>
}

/** The locks and the problem notice are new on screen: no serious or critical axe violation (contrast included). */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), screen).toEqual([])
}

/** A second web shell on its own profile, reading `policy` from a real file. */
async function shellWithPolicy(policy: unknown): Promise<PolicyShell> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rrc-e2e-policy-'))
  const policyFile = path.join(dir, 'policy.json')
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2))
  const shell = await startWebShell({ port: 0, profileDir: path.join(dir, 'profile'), secrets: createMemorySecretStore(), log: false, policyFile })
  return {
    shell,
    policyFile,
    async close() {
      await shell.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

test('a policy presets and locks the server and an alert setting: sign-in and Settings show the locks', async ({ page, world }) => {
  // Two sign-in steps, a live queue and two axe scans: more than the default minute on a busy machine.
  test.slow()
  const managed = await shellWithPolicy({
    serverUrl: world.sandbox.baseURL,
    allowSandbox: false,
    settings: { statIntervalSec: 3, queueIntervalSec: 20, alerts: { sound: false } },
    locked: ['serverUrl', 'statIntervalSec', 'alerts.sound']
  })
  try {
    expect(managed.shell.policy.status).toBe('loaded')
    await page.goto(managed.shell.url)
    await expect(page.getByRole('heading', { name: 'Connect to Avara' })).toBeVisible()
    const server = page.getByLabel('Server', { exact: true })
    await expect(server).toHaveValue(world.sandbox.baseURL)
    await expect(server).toHaveAttribute('readonly', '')
    await expect(server).toHaveAccessibleDescription(/Set by your administrator/)
    await expect(page.getByRole('button', { name: /Use local sandbox/ })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Use Avara' })).toHaveCount(0)
    await expectAccessible(page, 'sign-in with a locked server')

    // Signing in goes to the locked server without typing it.
    await page.getByLabel('API key', { exact: true }).fill(world.sandbox.apiKey)
    await page.getByRole('button', { name: 'Check and save key' }).click()
    await expect(page.getByRole('heading', { name: 'Whose queue?' })).toBeVisible()
    const email = world.sandbox.demoRadiologistEmail!
    await page.getByLabel('Email or name').fill(email)
    await page.getByRole('button', { name: 'Find', exact: true }).click()
    await page.locator(`[data-user-email="${email}"]`).click()
    await expect(page.getByRole('grid')).toBeVisible()

    await page.getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect(settings.getByTestId('managed-summary')).toContainText(managed.policyFile)
    const statInterval = settings.getByLabel('Check for stat studies every')
    await expect(statInterval).toHaveValue('3')
    await expect(statInterval).toHaveAttribute('readonly', '')
    await expect(statInterval).toHaveAccessibleDescription(/Set by your administrator/)
    const sound = settings.getByRole('checkbox', { name: /Play a sound/ })
    await expect(sound).not.toBeChecked()
    await expect(sound).toBeDisabled()
    await expect(settings.getByTestId('lock-note')).toHaveCount(2)
    await expectAccessible(page, 'Settings with locked settings')
    // Preset, not locked: the user changes it and the change holds.
    const queueInterval = settings.getByLabel('Check the whole queue every')
    await expect(queueInterval).toHaveValue('20')
    await expect(queueInterval).not.toHaveAttribute('readonly', '')
    await queueInterval.fill('45')
    await queueInterval.press('Tab')
    await expect(settings.getByRole('alert')).toHaveCount(0)
    await expect
      .poll(async () => {
        const result = await managed.shell.companion.handle('app.getState', {})
        return result.ok ? [result.value.settings.queueIntervalSec, result.value.settings.statIntervalSec] : null
      })
      .toEqual([45, 3])
  } finally {
    await managed.close()
  }
})

test('an invalid policy is named on screen with its file and field, and the app runs without it', async ({ page, world }) => {
  const managed = await shellWithPolicy({ serverUrl: world.sandbox.baseURL, allowSandbox: false, settings: { statIntervalSecs: 3 }, locked: ['serverUrl'] })
  try {
    expect(managed.shell.policy.status).toBe('invalid')
    await page.goto(managed.shell.url)
    const notice = page.getByTestId('policy-problem')
    await expect(notice).toContainText(managed.policyFile)
    await expect(notice).toContainText('settings.statIntervalSecs: unknown key (not a policy field)')
    // Not applied at all: the server is free and the sandbox shortcut is back.
    const server = page.getByLabel('Server', { exact: true })
    await expect(server).toHaveValue('https://api.avarasoftware.com')
    await expect(server).not.toHaveAttribute('readonly', '')
    await expect(page.getByRole('button', { name: /Use local sandbox/ })).toBeVisible()
    await expectAccessible(page, 'sign-in with the policy problem notice')
  } finally {
    await managed.close()
  }
})

test('preset accounts: the second shows "Key needed" in Settings, takes its key there and joins the queue', async ({ page, world }) => {
  test.slow()
  const second = await world.secondSandbox()
  const managed = await shellWithPolicy({
    accounts: [
      { serverUrl: world.sandbox.baseURL, displayName: 'Clinic A' },
      { serverUrl: second.baseURL, displayName: 'Northside Imaging', colour: 'orange' }
    ],
    settings: { statIntervalSec: 2, queueIntervalSec: 5 }
  })
  try {
    expect(managed.shell.policy.status).toBe('loaded')
    const { companion } = managed.shell
    // The first account signs in as on any first start (the sign-in screen is covered above).
    const saved = await companion.handle('auth.saveKey', { baseUrl: world.sandbox.baseURL, apiKey: world.sandbox.apiKey })
    expect(saved.ok && saved.value.ok).toBe(true)
    const found = await companion.handle('auth.findUsers', { query: world.sandbox.demoRadiologistEmail! })
    expect(found.ok).toBe(true)
    await companion.handle('auth.setIdentity', { userId: (found as { ok: true; value: Array<{ userId: string }> }).value[0]!.userId })
    await companion.handle('view.update', { notificationsAsked: true })

    await page.goto(managed.shell.url)
    await expect(page.getByRole('grid')).toBeVisible()
    await page.getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    const rows = settings.getByTestId('account-row')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0).getByTestId('account-key-needed')).toHaveCount(0)
    const needed = rows.nth(1).getByTestId('account-key-needed')
    await expect(needed).toContainText('Key needed.')
    await expect(needed).toContainText('Northside Imaging')
    await needed.getByLabel('API key', { exact: true }).fill(second.apiKey)
    await needed.getByRole('button', { name: 'Check and save key' }).click()
    await expect(rows.nth(1).getByTestId('account-key-needed')).toHaveCount(0, { timeout: 15_000 })

    // Then who the user is in that clinic, as when adding an account.
    const email = second.demoRadiologistEmail!
    await settings.getByLabel('Email or name').fill(email)
    await settings.getByRole('button', { name: 'Find', exact: true }).click()
    await settings.locator(`[data-user-email="${email}"]`).click()
    await settings.getByRole('button', { name: 'Close Settings' }).click()
    await expect(gridRowsOf(page, 'Northside Imaging').first()).toBeVisible({ timeout: 20_000 })
  } finally {
    await managed.close()
  }
})

function gridRowsOf(page: Page, accountName: string) {
  return page.getByRole('grid').getByRole('row').filter({ has: page.locator('[data-column="account"]', { hasText: accountName }) })
}
