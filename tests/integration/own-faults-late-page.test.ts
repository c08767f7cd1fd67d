/**
 * Delivery, not emission, through the web shell against the sandbox: stat studies created while
 * the shell was down and while no page was connected reach a page that connects 0, 2 or 10 s after
 * the shell is ready, and a page that drops and reconnects gets what it missed. Each case counts
 * created / alerted once / twice / never, and asserts 0 twice and 0 never.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tally } from '../web-shell/sse-client'
import { makeWebWorld, signInThroughShell, sleep, waitUntil, type WebWorld } from './helpers/web-world'

let world: WebWorld

beforeEach(async () => {
  world = await makeWebWorld()
  await world.start()
  await signInThroughShell(world)
  await world.stop()
})

afterEach(async () => {
  await world.close()
})

describe('a page that connects late still gets every stat alert, once', () => {
  it.each([0, 2_000, 10_000])('page connects %i ms after the shell is ready', async (delayMs) => {
    // Two stat studies arrive while the shell is down: the engine alerts them within ms of starting.
    const created = [await world.createStat(), await world.createStat()]
    const shell = await world.start()
    await waitUntil(() => shell.events.delivery().raised >= 1, 'the start-up alert')
    if (delayMs > 0) {
      await sleep(delayMs / 2)
      // One more while no page is connected.
      created.push(await world.createStat())
      await waitUntil(() => shell.events.delivery().raised >= 2, 'the alert raised before any page')
      await sleep(delayMs / 2)
    }
    const page = world.page()
    await page.connect()
    // And one while the page is connected.
    created.push(await world.createStat())
    await waitUntil(() => tally(created, page.alerts()).once === created.length, 'every study alerted on the page')
    await sleep(2_500) // one more stat poll: nothing may come twice
    const counts = tally(created, page.alerts())
    console.log(`late page ${delayMs} ms: created ${counts.created}, once ${counts.once}, twice ${counts.duplicates}, never ${counts.missed}`)
    expect(counts).toEqual({ created: created.length, once: created.length, duplicates: 0, missed: 0 })
    expect(shell.events.delivery().undelivered).toBe(0)
  }, 60_000)

  it('a page that drops and reconnects (Last-Event-ID) gets the alerts raised meanwhile, once', async () => {
    const shell = await world.start()
    const page = world.page()
    await page.connect()
    const created = [await world.createStat()]
    await waitUntil(() => page.alerts().length === 1, 'the first alert')
    page.close() // the connection stalls and drops
    created.push(await world.createStat(), await world.createStat())
    await waitUntil(() => shell.events.delivery().undelivered >= 1, 'an alert raised while the page was away')
    await sleep(2_500)
    await page.connect()
    await waitUntil(() => tally(created, page.alerts()).once === created.length, 'the missed alerts')
    await sleep(2_500)
    const counts = tally(created, page.alerts())
    console.log(`reconnect: created ${counts.created}, once ${counts.once}, twice ${counts.duplicates}, never ${counts.missed}`)
    expect(counts).toEqual({ created: 3, once: 3, duplicates: 0, missed: 0 })
  }, 60_000)
})
