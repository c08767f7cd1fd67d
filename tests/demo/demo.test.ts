import { afterAll, describe, expect, it } from 'vitest'
import type { AppState } from '@shared/ipc/contract'
import { callWeb, runDemo, type RunningDemo } from './run-demo'

/**
 * `npm run demo` on a machine without an Electron runtime and (here, outside the keyring wrapper)
 * without a keychain: it must say both in one line each and serve a live queue in the web shell.
 */
describe('npm run demo', () => {
  let demo: RunningDemo | undefined
  afterAll(async () => {
    if (demo && demo.child.exitCode === null) demo.child.kill('SIGKILL')
  })

  it('serves a live queue of the demo radiologist, and Ctrl-C stops everything', async () => {
    demo = await runDemo({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })
    expect(demo.lines.some((l) => /no usable keychain/.test(l) && /memory for this run/.test(l))).toBe(true)
    expect(demo.lines.some((l) => /no Electron runtime here/.test(l))).toBe(true)

    let state: AppState | undefined
    for (let attempt = 0; attempt < 100; attempt++) {
      state = await callWeb<AppState>(demo.url, 'app.getState')
      if (state.connection.status === 'online' && state.queue.mine.length > 0) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(state?.connection.status).toBe('online')
    expect(state?.auth.identity?.email).toBe('maya.chen@example.org')
    expect(state?.queue.mine.length).toBeGreaterThan(0)
    expect(state?.queue.mine[0]?.severity).toBe('stat')
    expect(state?.auth.keyStorage.kind).toBe('memory')

    const page = await fetch(demo.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app"')

    const sandboxUrl = state!.auth.baseUrl
    expect(await demo.interrupt()).toBe(0)
    await expect(fetch(`${sandboxUrl}/openapi.json`)).rejects.toThrow()
  }, 120_000)
})
