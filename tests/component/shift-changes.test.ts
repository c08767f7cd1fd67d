// @vitest-environment happy-dom
/** Issue 10: change notices from the engine's queue.changes event, the Changes list, and claim on open as the page tells it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { startApp } from '@renderer/stores/app'
import { useClockStore } from '@renderer/stores/clock'
import { useQueueStore } from '@renderer/stores/queue'
import { useChangesStore } from '@renderer/stores/changes'
import type { StudyChange } from '@shared/ipc/contract'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

let wrapper: VueWrapper
let bridge: FakeBridge
let stop: () => void
const study = makeStudy({ severity: 'stat', studyDescription: 'CT head', assignedTo: null })

beforeEach(async () => {
  setActivePinia(createPinia())
  bridge = new FakeBridge().handle('app.getState', () => appState({ queue: snapshotOf([makeStudy()], { statPool: [study] }) }))
  stop = await startApp(bridge)
  wrapper = mount(App, { attachTo: document.body })
  await flush()
})
afterEach(() => {
  wrapper.unmount()
  stop()
  useClockStore().stop()
})

const change = (kind: StudyChange['kind'], extra: Partial<StudyChange> = {}): StudyChange => ({
  id: `${kind}-1`,
  kind,
  accountId: 'primary',
  studyId: study.studyId,
  description: 'MR brain',
  at: '2026-01-01T12:00:00.000Z',
  openedRecently: false,
  ...extra
})

describe('change notices', () => {
  const expected: Array<[StudyChange, string]> = [
    [change('cancelled'), 'Cancelled: MR brain'],
    [change('uncancelled'), 'Uncancelled, back in your queue: MR brain'],
    [change('reassignedAway', { assignee: 'Omar Haddad' }), 'Reassigned to Omar Haddad: MR brain'],
    [change('reassignedToMe'), 'Assigned to you: MR brain'],
    [change('completed'), 'Completed elsewhere: MR brain'],
    [change('severityChanged', { from: 'high', to: 'normal' }), 'Severity changed from high to normal: MR brain'],
    [change('departed'), 'Left your queue (reason unknown): MR brain']
  ]

  it('each change kind produces its calm notice and an entry in the Changes list (opened with g)', async () => {
    for (const [c, text] of expected) {
      bridge.emit('queue.changes', { changes: [c] })
      await flush()
      expect(wrapper.get('[data-testid="polite-region"]').text()).toContain(text)
    }
    expect(wrapper.find('[data-testid="change-warning"]').exists()).toBe(false)
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'g', bubbles: true, cancelable: true }))
    await flush()
    const items = wrapper.get('[data-testid="changes-list"]').findAll('li')
    expect(items.map((li) => li.attributes('data-change-kind'))).toEqual(expected.map(([c]) => c.kind).reverse())
    expect(wrapper.get('[data-testid="changes-button"]').text()).toBe('Changes (7)')
  })

  it('a burst of changes in one poll is one calm notice pointing to the list', async () => {
    bridge.emit('queue.changes', { changes: expected.map(([c]) => c) })
    await flush()
    expect(wrapper.get('[data-testid="polite-region"]').text()).toContain('7 changes to your queue, the first: Cancelled: MR brain.')
    expect(useChangesStore().list).toHaveLength(7)
  })

  it('a change to a study open in the viewer is announced as an alert and stays until dismissed', async () => {
    bridge.emit('queue.changes', { changes: [change('cancelled', { openedRecently: true })] })
    bridge.emit('queue.changes', { changes: [change('cancelled', { openedRecently: true })] })
    await flush()
    const warnings = wrapper.findAll('[data-testid="change-warning"]')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.element.closest('[role="alert"]')).not.toBeNull()
    expect(warnings[0]!.text()).toContain('Open in your viewer: Cancelled: MR brain')
    expect(useChangesStore().list).toHaveLength(1)
  })
})

describe('claim on open, as the page tells it', () => {
  it('says the study was claimed and opened', async () => {
    bridge.handle('study.open', () => ({ ok: true, openedBy: 'shell', claimed: true }))
    await useQueueStore().open(study)
    expect(wrapper.get('[data-testid="polite-region"]').text()).toContain('Claimed and opened in the viewer')
  })

  it('names who claimed it a moment earlier, and does not open it', async () => {
    let opened = 0
    window.open = (() => {
      opened += 1
      return null
    }) as typeof window.open
    bridge.handle('study.open', () => ({ ok: false, message: 'Not opened: Omar Haddad claimed this study a moment ago.', claimedBy: 'Omar Haddad' }))
    await useQueueStore().open(study)
    await flush()
    expect(wrapper.get('.toast.error').text()).toContain('Not opened: Omar Haddad claimed this study a moment ago.')
    expect(opened).toBe(0)
  })
})
