// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import { startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useClockStore } from '@renderer/stores/clock'
import { commandFor } from '@renderer/lib/keys'
import { FakeBridge, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods
})
const idle = { typing: false, onControl: false }

describe('the key map', () => {
  it('maps arrows and j/k, Enter, /, r, ? and Escape', () => {
    expect(commandFor(press('ArrowDown'), idle)).toBe('next')
    expect(commandFor(press('j'), idle)).toBe('next')
    expect(commandFor(press('ArrowUp'), idle)).toBe('previous')
    expect(commandFor(press('k'), idle)).toBe('previous')
    expect(commandFor(press('Enter'), idle)).toBe('open')
    expect(commandFor(press('/'), idle)).toBe('search')
    expect(commandFor(press('r'), idle)).toBe('refresh')
    expect(commandFor(press('?'), idle)).toBe('keys')
    expect(commandFor(press('Escape'), idle)).toBe('close')
  })

  it('leaves typing, modified keys and Enter on buttons alone', () => {
    expect(commandFor(press('j'), { typing: true, onControl: false })).toBeNull()
    expect(commandFor(press('Escape'), { typing: true, onControl: false })).toBe('close')
    expect(commandFor(press('r', { ctrlKey: true }), idle)).toBeNull()
    expect(commandFor(press('Enter'), { typing: false, onControl: true })).toBeNull()
    expect(commandFor(press('j'), { typing: false, onControl: true })).toBe('next')
  })
})

describe('keyboard-only use of the queue', () => {
  let wrapper: VueWrapper
  let bridge: FakeBridge
  let stop: () => void
  const studies = [
    makeStudy({ severity: 'stat', studyDescription: 'first' }),
    makeStudy({ severity: 'high', studyDescription: 'second' }),
    makeStudy({ severity: 'normal', studyDescription: 'third' })
  ]

  beforeEach(async () => {
    setActivePinia(createPinia())
    bridge = new FakeBridge()
      .handle('app.getState', () => appState({ queue: snapshotOf(studies) }))
      .handle('study.open', () => ({ ok: true, openedBy: 'shell' }))
      .handle('queue.refresh', () => ({ ok: true }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
  })
  afterEach(() => {
    wrapper.unmount()
    stop()
    useClockStore().stop()
  })

  const key = async (k: string, target: EventTarget = document.body) => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
    await flush()
  }

  it('moves with j/k and arrows, opens with Enter, refreshes with r', async () => {
    await key('j')
    await key('j')
    await key('ArrowDown')
    await key('k')
    const queue = useQueueStore()
    expect(queue.selectedItem?.study.studyDescription).toBe('second')
    const grid = wrapper.get('[role="grid"]')
    expect(grid.attributes('aria-activedescendant')).toBe('queue-row-1')
    expect(wrapper.get('#queue-row-1').attributes('aria-selected')).toBe('true')
    await key('Enter', grid.element)
    expect(bridge.callsOf('study.open')).toEqual([{ accountId: 'primary', studyId: studies[1]!.studyId }])
    await key('r')
    expect(bridge.callsOf('queue.refresh')).toHaveLength(1)
  })

  it('focuses the search with /, and Escape clears it', async () => {
    await key('/')
    const search = wrapper.get<HTMLInputElement>('input[type="search"]')
    expect(document.activeElement).toBe(search.element)
    await search.setValue('thi')
    // Typing "j" in the search box is text, not a command.
    await key('j', search.element)
    expect(useQueueStore().selectedIndex).toBe(-1)
    expect(useQueueStore().items.map((i) => i.study.studyDescription)).toEqual(['third'])
    await key('Escape', search.element)
    expect(useQueueStore().text).toBe('')
  })

  it('shows the key list with ? and closes it with Escape, returning focus', async () => {
    await key('?')
    const dialog = wrapper.get('[data-testid="key-list"]')
    expect(dialog.attributes('role')).toBe('dialog')
    expect(dialog.text()).toContain('Open the selected study in the viewer')
    await key('Escape')
    expect(wrapper.find('[data-testid="key-list"]').exists()).toBe(false)
  })

  it('opens details with i and closes them with Escape', async () => {
    bridge.handle('study.get', ({ studyId }) => ({ ...studies.find((s) => s.studyId === studyId)!, metadata: { modality: 'CT' } }))
    await key('j')
    await key('i')
    await flush()
    const details = wrapper.get('[data-testid="study-details"]')
    expect(details.get('[data-testid="details-uid"]').text()).toBe(studies[0]!.studyInstanceUid)
    expect(details.get('[data-testid="details-metadata"]').text()).toContain('modality')
    await key('Escape')
    expect(wrapper.find('[data-testid="study-details"]').exists()).toBe(false)
  })
})
