// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from '@renderer/App.vue'
import StudyCells from '@renderer/components/queue/StudyCells.vue'
import { startApp } from '@renderer/stores/app'
import { useQueueStore } from '@renderer/stores/queue'
import { useUiStore } from '@renderer/stores/ui'
import { useClockStore } from '@renderer/stores/clock'
import { layoutColumns } from '@renderer/lib/columns'
import { matchesSearch, parseSearch } from '@renderer/lib/search'
import { DEFAULT_SETTINGS, type ViewPrefs } from '@shared/ipc/contract'
import { FakeBridge, ME, appState, flush, makeStudy, snapshotOf } from './fake-bridge'

const ALWAYS = ['severity', 'study', 'waiting', 'open']
const ids = (widthRem: number, extra: Partial<Parameters<typeof layoutColumns>[0]> = {}) =>
  layoutColumns({ widthRem, closedView: false, showAssigned: false, metadataKeys: [], ...extra }).columns.map((c) => c.id)

describe('columns by the room there is', () => {
  it('keeps severity, study, waiting and open at 560 px with the largest text (23 rem) and at 640 px (40 rem)', () => {
    for (const widthRem of [560 / 24, 640 / 24, 640 / 16, 560 / 16]) {
      const kept = ids(widthRem, { showAssigned: true, metadataKeys: ['modality'] })
      for (const id of ALWAYS) expect(kept, `${widthRem} rem`).toContain(id)
    }
    expect(layoutColumns({ widthRem: 560 / 24, closedView: false, showAssigned: false, metadataKeys: [] }).narrow).toBe(true)
  })

  it('collapses the UID first, then the assignment, then metadata columns, never the four essentials', () => {
    const wide = ids(100, { showAssigned: true, metadataKeys: ['modality', 'bodyPart'] })
    expect(wide).toEqual(['severity', 'study', 'waiting', 'meta:modality', 'meta:bodyPart', 'assigned', 'uid', 'open'])
    expect(ids(66, { showAssigned: true, metadataKeys: ['modality', 'bodyPart'] })).toEqual([
      'severity', 'study', 'waiting', 'meta:modality', 'meta:bodyPart', 'assigned', 'open'
    ])
    // Less room: the assignment goes, then the last-chosen metadata column before the first.
    expect(ids(56, { showAssigned: true, metadataKeys: ['modality', 'bodyPart'] })).toEqual([
      'severity', 'study', 'waiting', 'meta:modality', 'meta:bodyPart', 'open'
    ])
    expect(ids(47, { showAssigned: true, metadataKeys: ['modality', 'bodyPart'] })).toEqual([
      'severity', 'study', 'waiting', 'meta:modality', 'open'
    ])
    expect(ids(38, { showAssigned: true, metadataKeys: ['modality', 'bodyPart'] })).toEqual([
      'severity', 'study', 'waiting', 'meta:modality', 'open'
    ])
    expect(ids(10, { showAssigned: true, metadataKeys: ['modality'] })).toEqual(ALWAYS)
  })
})

describe('rows that say nothing obvious', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useClockStore().set(Date.parse('2026-01-01T10:30:00Z'))
  })
  const row = (study: ReturnType<typeof makeStudy>, extra: Record<string, unknown> = {}) =>
    mount(StudyCells, {
      props: { item: { key: studyKey(study), study, inPool: false, closed: null, alert: null }, targets: DEFAULT_SETTINGS.targets, ...extra },
      attachTo: document.body
    })

  it('leaves "assigned to me" and "no Express customer" empty', () => {
    const wrapper = row(makeStudy({ studyDescription: 'MR knee' }), { meId: ME.userId })
    expect(wrapper.get('[data-column="assigned"]').text()).toBe('')
    expect(wrapper.text()).not.toContain('No Express customer')
    expect(wrapper.text()).not.toContain('Dr Rad')
  })

  it('names someone else and a customer', () => {
    const study = makeStudy({
      assignedTo: { userId: `usr_${'c'.repeat(32)}`, email: 'o@x.org', firstName: 'Omar', lastName: 'Haddad' },
      expressCustomer: { expressCustomerId: `cus_${'d'.repeat(32)}`, expressCustomerName: 'North Clinic' }
    })
    const wrapper = row(study, { meId: ME.userId })
    expect(wrapper.get('[data-column="assigned"]').text()).toBe('Omar Haddad')
    expect(wrapper.text()).toContain('North Clinic')
  })

  it('shows the closing time of a closed study on its own line, whole', () => {
    const study = makeStudy()
    const wrapper = mount(StudyCells, {
      props: {
        item: { key: studyKey(study), study, inPool: false, alert: null, closed: { study, reason: 'completed', at: '2026-01-01T10:29:00Z' } },
        targets: DEFAULT_SETTINGS.targets
      }
    })
    const when = wrapper.get('.closed-at').text()
    expect(when).toMatch(/\d{1,2}:\d{2}/)
    expect(wrapper.get('[data-column="waiting"]').text()).toBe(`completed${when}`)
  })

  it('renders only the columns it is given, metadata values included', () => {
    const study = makeStudy({ metadata: { modality: 'CT' } })
    const wrapper = row(study, { columns: ['severity', 'study', 'waiting', 'meta:modality', 'open'] })
    expect(wrapper.findAll('[role="gridcell"]').map((c) => c.attributes('data-column'))).toEqual([
      'severity', 'study', 'waiting', 'meta:modality', 'open'
    ])
    expect(wrapper.get('[data-column="meta:modality"]').text()).toBe('CT')
  })
})

describe('search over metadata and the full UID', () => {
  const ct = makeStudy({ studyDescription: 'Chest', studyInstanceUid: '1.2.840.113619.2.55.3.604688119.969.1268071029.320', metadata: { modality: 'CT', 'body part': 'THORAX', accession: 'A-1001' } })
  const mr = makeStudy({ studyDescription: 'Knee', metadata: { modality: 'MR', 'body part': 'KNEE' } })
  const keys = ['modality', 'body part']

  it('matches the whole Study Instance UID, pasted', () => {
    expect(matchesSearch(ct, ct.studyInstanceUid, keys)).toBe(true)
    expect(matchesSearch(mr, ct.studyInstanceUid, keys)).toBe(false)
  })

  it('matches values of the metadata columns on show, not of hidden keys', () => {
    expect(matchesSearch(ct, 'thorax', keys)).toBe(true)
    expect(matchesSearch(mr, 'thorax', keys)).toBe(false)
    expect(matchesSearch(ct, 'A-1001', keys)).toBe(false)
  })

  it('filters with key:value and key:"two words", combined with free text', () => {
    expect(parseSearch('modality:ct knee', keys)).toEqual({ free: 'knee', filters: [{ key: 'modality', value: 'ct' }] })
    expect(parseSearch('body part:"kne"', keys)).toEqual({ free: '', filters: [{ key: 'body part', value: 'kne' }] })
    expect(matchesSearch(ct, 'modality:CT', keys)).toBe(true)
    expect(matchesSearch(mr, 'modality:CT', keys)).toBe(false)
    expect(matchesSearch(mr, 'body part:knee Knee', keys)).toBe(true)
    expect(matchesSearch(mr, 'body part:knee Chest', keys)).toBe(false)
  })
})

describe('queue layout settings, remembered through the core', () => {
  let wrapper: VueWrapper | null = null
  let stop: (() => void) | null = null
  afterEach(() => {
    wrapper?.unmount()
    stop?.()
    useClockStore().stop()
  })

  async function start(view: ViewPrefs = {}) {
    setActivePinia(createPinia())
    const studies = [
      makeStudy({ severity: 'stat', studyDescription: 'CT head', metadata: { modality: 'CT', accession: 'A1' } }),
      makeStudy({ severity: 'normal', studyDescription: 'MR knee', metadata: { modality: 'MR' } })
    ]
    const bridge = new FakeBridge()
      .handle('app.getState', () => appState({ queue: snapshotOf(studies), view }))
      .handle('view.update', (patch) => ({ ...view, ...patch }))
    stop = await startApp(bridge)
    wrapper = mount(App, { attachTo: document.body })
    await flush()
    return bridge
  }

  it('offers the metadata keys on screen; a chosen one becomes a column, is remembered and searchable', async () => {
    const bridge = await start()
    useUiStore().settingsOpen = true
    await flush()
    const panel = wrapper!.get('[data-testid="queue-layout-settings"]')
    expect(panel.text()).toContain('modality')
    expect(panel.text()).toContain('accession')
    const modality = panel.findAll('label.meta-key').find((l) => l.text() === 'modality')!
    await modality.get('input').setValue(true)
    expect(bridge.callsOf('view.update')).toContainEqual({ metadataColumns: ['modality'] })
    const headers = wrapper!.findAll('[role="columnheader"]').map((h) => h.text())
    expect(headers).toContain('modality')
    expect(wrapper!.findAll('[data-column="meta:modality"]').map((c) => c.text())).toEqual(['CT', 'MR'])
    useQueueStore().text = 'modality:mr'
    await flush()
    expect(useQueueStore().items.map((i) => i.study.studyDescription)).toEqual(['MR knee'])
  })

  it('restores compact rows and columns at start; compact rows are shorter', async () => {
    await start({ compactRows: true, metadataColumns: ['accession'] })
    expect(useUiStore().compactRows).toBe(true)
    expect(wrapper!.findAll('[role="columnheader"]').map((h) => h.text())).toContain('accession')
    // Rows take their height from the grid (base.css: .grid-body .grid-row).
    expect(wrapper!.find('#queue-row-0').exists()).toBe(true)
    expect(wrapper!.get('[role="grid"]').attributes('style')).toContain('--row-height: 36px')
    useUiStore().setCompactRows(false)
    await flush()
    expect(wrapper!.get('[role="grid"]').attributes('style')).toContain('--row-height: 58px')
  })
})
