/**
 * Benchmark: the worst frame while scrolling the queue during polling (issue 8, item 7: target
 * under 33 ms). The web shell (this process) polls a sandbox (its own process) holding N assigned
 * studies; real Chromium (Debian's /usr/bin/chromium) opens the page and scrolls the queue
 * continuously while the page measures every frame (requestAnimationFrame deltas). Two runs of the
 * same page: polling slowed with nothing changing (the reference), then polling every 2 s (stat)
 * and 5 s (queue) with a change every 2 s. Prints figures only; not a test.
 * Run: npm run bench:scroll -- [studies] [seconds]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { chromium, type Page } from '@playwright/test'
import { WEB_CALL_PATH, type BridgeResult, type CallName, type CallRequest, type CallResponse } from '@shared/ipc/contract'
import { createMemorySecretStore } from '@main/engine/secrets'
import { startWebShell } from '@main/web/server'
import { changeSomething, fillQueue, inviteRadiologist, startSandboxProcess } from './live-sandbox'

const STUDIES = Number(process.argv[2] ?? 10_000)
const SCROLL_SEC = Number(process.argv[3] ?? 40)
const REFERENCE_SEC = 20
const CHANGE_EVERY_MS = 2_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * Runs in the page: scrolls the queue's grid by 40 px every frame (bouncing at the ends) for `ms`
 * and resolves with every frame's length. A string, not a function: tsx would wrap a function's
 * inner names in a helper the page does not have.
 */
const SCROLL_AND_MEASURE = `(ms) => new Promise((resolve) => {
  const grid = document.querySelector('[role="grid"]')
  const frames = []
  let direction = 1
  let last = 0
  let end = 0
  const tick = (t) => {
    frames.push(t - last)
    last = t
    grid.scrollTop += direction * 40
    if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) direction = -1
    else if (grid.scrollTop <= 0) direction = 1
    if (t < end) requestAnimationFrame(tick)
    else resolve(frames)
  }
  requestAnimationFrame((t) => {
    last = t
    end = t + ms
    requestAnimationFrame(tick)
  })
})`

function scrollAndMeasure(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(`(${SCROLL_AND_MEASURE})(${seconds * 1000})`) as Promise<number[]>
}

function describeFrames(frames: number[]): string {
  const sorted = [...frames].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const over = frames.filter((f) => f > 33.4).length
  return `${frames.length} frames: worst ${at(1).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms; ${over} over 33 ms`
}

const sandbox = await startSandboxProcess()
const profileDir = mkdtempSync(path.join(tmpdir(), 'rrc-bench-scroll-'))
const shell = await startWebShell({ port: 0, baseUrl: sandbox.baseURL, profileDir, secrets: createMemorySecretStore(), log: false })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
try {
  const call = async <K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>> => {
    const response = await fetch(new URL(`${WEB_CALL_PATH}${name}`, shell.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
    const result = (await response.json()) as BridgeResult<CallResponse<K>>
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return result.value
  }
  const user = await inviteRadiologist(sandbox, 'bench.scroll@example.org')
  let started = performance.now()
  await fillQueue(sandbox, user.userId, STUDIES)
  console.log(`${STUDIES} assigned studies (created in ${((performance.now() - started) / 1000).toFixed(0)} s)`)
  await call('auth.saveKey', { baseUrl: sandbox.baseURL, apiKey: sandbox.apiKey })
  await call('auth.setIdentity', { userId: user.userId })
  // The reference: polling slowed, nothing changing.
  await call('settings.update', { statLaneEnabled: false, queueIntervalSec: 600 })
  started = performance.now()
  while (shell.companion.queueSnapshot().mine.length < STUDIES) {
    if (performance.now() - started > 300_000) throw new Error('the first full poll never landed')
    await sleep(500)
  }

  // bypassCSP: the page's CSP forbids eval, which Playwright needs for the measuring code; the app itself is unchanged.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
  await page.goto(shell.url)
  await page.waitForFunction(`Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) > ${STUDIES}`, undefined, { timeout: 120_000 })
  await sleep(2000)

  // Bytes to the page: every queue event's JSON, as the web shell frames it.
  let pageBytes = 0
  let deltas = 0
  shell.companion.on('queue.delta', (delta) => {
    deltas++
    pageBytes += JSON.stringify(delta).length
  })

  const reference = await scrollAndMeasure(page, REFERENCE_SEC)
  console.log(`  scrolling ${REFERENCE_SEC} s, polling slowed, nothing changing: ${describeFrames(reference)}`)

  await call('settings.update', { statLaneEnabled: true, statIntervalSec: 2, queueIntervalSec: 5 })
  await sleep(6000)
  pageBytes = 0
  deltas = 0
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  let changing = true
  let changes = 0
  const changer = (async () => {
    while (changing) {
      const mine = shell.companion.queueSnapshot().mine
      await changeSomething(sandbox, user.userId, () => mine[Math.floor(Math.random() * mine.length)]?.studyId ?? null)
      changes++
      await sleep(CHANGE_EVERY_MS)
    }
  })()
  const polling = await scrollAndMeasure(page, SCROLL_SEC)
  changing = false
  await changer
  loop.disable()
  const snapshot = JSON.stringify(shell.companion.queueSnapshot()).length
  console.log(`  scrolling ${SCROLL_SEC} s while polling (stat 2 s, queue 5 s) with ${changes} changes: ${describeFrames(polling)}`)
  console.log(
    `    ${deltas} queue deltas, ${kib((pageBytes * 60) / SCROLL_SEC)}/min to the page; the whole queue (${kib(snapshot)}) on each would be ${kib((snapshot * deltas * 60) / SCROLL_SEC)}/min`
  )
  console.log(`    the shell's longest event-loop block meanwhile: ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms)`)
  console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`)
} finally {
  await browser.close()
  await shell.close()
  sandbox.stop()
  rmSync(profileDir, { recursive: true, force: true })
}
