// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { applyAppState, startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useClockStore } from '@renderer/stores/clock'
import { DEFAULT_SETTINGS, type ViewPrefs } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

/** The queue view and severity filter are remembered through the core (view.update) and restored at start. */
describe('remembered queue view', () => {
  let wrapper: VueWrapper | null = null
  let stop: (() => void) | null = null
  afterEach(() => {
    wrapper?.unmount()
    stop?.()
    useClockStore().stop()
  })

  async function start(view: ViewPrefs | undefined, settings = structuredClone(DEFAULT_SETTINGS)) {
    setActivePinia(createPinia())
    const bridge = new FakeBridge()
      .handle('app.getState', () => appState({ settings, queue: snapshotOf([makeStudy({ severity: 'stat' })]), ...(view ? { view } : {}) }))
      .handle('view.update', (patch) => ({ ...view, ...patch }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
    return bridge
  }

  it('starts in the remembered view with the remembered severities', async () => {
    await start({ queueView: 'closed', showNormal: false })
    const queue = useQueueStore()
    expect(queue.view).toBe('closed')
    expect(queue.severityFilter).toEqual({ stat: true, high: true, normal: false })
    expect(wrapper!.get('[data-view="closed"]').attributes('aria-pressed')).toBe('true')
  })

  it('starts in "mine" when nothing is remembered, or the remembered pool is turned off', async () => {
    await start(undefined)
    expect(useQueueStore().view).toBe('mine')
    wrapper!.unmount()
    stop!()
    const settings = structuredClone(DEFAULT_SETTINGS)
    settings.includeUnassignedStat = false
    await start({ queueView: 'pool' }, settings)
    expect(useQueueStore().view).toBe('mine')
  })

  it('remembers a view picked in the toolbar and every severity toggle', async () => {
    const bridge = await start(undefined)
    await wrapper!.get('[data-view="closed"]').trigger('click')
    await wrapper!.get('button[aria-label="Show normal studies"]').trigger('click')
    await flush()
    expect(bridge.callsOf('view.update')).toEqual([
      { queueView: 'closed', showStat: true, showHigh: true, showNormal: true },
      { queueView: 'closed', showStat: true, showHigh: true, showNormal: false }
    ])
  })

  it('does not switch back to the remembered view when the state is re-synced later', async () => {
    await start({ queueView: 'closed' })
    const queue = useQueueStore()
    queue.setView('mine')
    applyAppState(appState({ view: { queueView: 'closed' } }))
    expect(queue.view).toBe('mine')
  })
})
