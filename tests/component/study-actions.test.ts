// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/accounts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useClockStore } from '@renderer/stores/clock'
import { useNoticesStore } from '@renderer/stores/notices'
import { DEFAULT_SETTINGS, type QueueStudy } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

/** The selected study's actions, through the real buttons: each reaches the bridge with the right call. */
describe('study actions', () => {
  let wrapper: VueWrapper
  let bridge: FakeBridge
  let stop: () => void
  const alerting = { status: 'alerting' as const, firstAlertedAt: '2026-01-01T11:00:00.000Z', alertCount: 1, snoozedUntil: null }
  const stat = makeStudy({ severity: 'stat', studyDescription: 'CTA Chest PE protocol' })
  const done = makeStudy({ severity: 'normal', studyDescription: 'XR Hand', studyViewerStatus: 'complete' })

  beforeEach(async () => {
    setActivePinia(createPinia())
    bridge = new FakeBridge()
      .handle('app.getState', () =>
        appState({
          queue: snapshotOf([stat], { alerts: { [studyKey(stat)]: alerting }, closed: [{ study: done, reason: 'completed', at: '2026-01-01T11:30:00.000Z' }] })
        })
      )
      .handleAlertCommands(() => useQueueStore().snapshot)
      .handle('study.setViewerStatus', ({ studyId, status }) => ({ ...[stat, done].find((s) => s.studyId === studyId)!, studyViewerStatus: status }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
  })
  afterEach(() => {
    wrapper.unmount()
    stop()
    useClockStore().stop()
    vi.restoreAllMocks()
  })

  const button = (label: string) => {
    const found = wrapper.get('[aria-label="Actions for the selected study"]').findAll('button').find((b) => b.text() === label)
    if (!found) throw new Error(`no button "${label}"`)
    return found
  }
  const select = async (study: QueueStudy) => {
    useQueueStore().select(studyKey(study))
    await flush()
  }

  it('snoozes an alerting stat study for 30 or 60 minutes', async () => {
    await select(stat)
    await button('Snooze 60 min').trigger('click')
    await flush()
    await button('Snooze 30 min').trigger('click')
    await flush()
    expect(bridge.callsOf('alerts.snoozeStudy')).toEqual([
      { accountId: 'primary', studyId: stat.studyId, minutes: 60 },
      { accountId: 'primary', studyId: stat.studyId, minutes: 30 }
    ])
    // The snoozed state reached the page as the engine's delta, not as the call's answer.
    expect(useQueueStore().selectedItem?.alert).toMatchObject({ status: 'snoozed', snoozedUntil: '2026-01-01T13:00:00.000Z' })
  })

  it('marks an open study complete and a completed one incomplete', async () => {
    await select(stat)
    await button('Mark complete').trigger('click')
    await flush()
    useQueueStore().setView('closed')
    await select(done)
    await button('Mark incomplete').trigger('click')
    await flush()
    expect(bridge.callsOf('study.setViewerStatus')).toEqual([
      { accountId: 'primary', studyId: stat.studyId, status: 'complete' },
      { accountId: 'primary', studyId: done.studyId, status: 'incomplete' }
    ])
  })

  it('copies the full UID to the clipboard, and says so when the clipboard refuses', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    await select(stat)
    await button('Copy UID').trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledWith(stat.studyInstanceUid)
    expect(useNoticesStore().errors).toEqual([])

    // The shortened UID in the row has its own copy button, for the full UID.
    await wrapper.get(`#queue-row-0 button[aria-label="Copy UID ${stat.studyInstanceUid}"]`).trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledTimes(2)
    expect(writeText).toHaveBeenLastCalledWith(stat.studyInstanceUid)

    writeText.mockRejectedValue(new Error('denied'))
    await button('Copy UID').trigger('click')
    await flush()
    expect(useNoticesStore().errors.map((m) => m.text).join(' ')).toMatch(/could not copy/i)
  })

  it('keeps the waiting time live and re-colours it when the clock passes the target or the user moves it', async () => {
    const clock = useClockStore()
    clock.stop()
    const created = Date.parse(stat.createdAt!)
    const waiting = () => wrapper.get(`#queue-row-0 [data-waiting-level]`)
    clock.set(created + 10 * 60_000)
    await flush()
    expect(waiting().text()).toBe('10 min')
    expect(waiting().attributes('data-waiting-level')).toBe('ok')
    clock.set(created + 31 * 60_000)
    await flush()
    expect(waiting().text()).toContain('31 min')
    expect(waiting().attributes('data-waiting-level')).toBe('red')
    const settings = structuredClone(DEFAULT_SETTINGS)
    settings.targets.statMinutes = 120
    bridge.emit('settings.changed', settings)
    await flush()
    expect(waiting().attributes('data-waiting-level')).toBe('ok')
  })

  it('shows every field of the study in the details panel', async () => {
    const full: QueueStudy = {
      ...stat,
      expressCustomer: { expressCustomerId: `cus_${'a'.repeat(32)}`, expressCustomerName: 'Lakeside Imaging' },
      createdByApiKey: { apiKeyId: '0b6c2f1e-6a47-4c1e-9d8e-2f3a4b5c6d7e', description: 'RIS bridge', isViewerEnabled: true },
      metadata: { modality: 'CT', accession: 'A123' }
    }
    bridge.handle('study.get', () => full)
    await select(stat)
    await button('Details').trigger('click')
    await flush()
    const text = wrapper.get('[data-testid="study-details"]').text()
    for (const value of [
      full.studyDescription, full.studyId, full.studyInstanceUid, 'stat', 'incomplete', full.createdAt!, full.updatedAt!,
      full.assignedTo!.email, 'Lakeside Imaging', full.expressCustomer!.expressCustomerId, 'RIS bridge', 'modality', 'CT', 'accession', 'A123'
    ]) {
      expect(text, value).toContain(value)
    }
  })
})
