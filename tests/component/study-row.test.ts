// @vitest-environment happy-dom
import { studyKey } from '@shared/ipc/contract'
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useClockStore } from '@renderer/stores/clock'
import StudyCells from '@renderer/components/queue/StudyCells.vue'
import { DEFAULT_SETTINGS } from '@shared/ipc/contract'
import { makeStudy } from './fake-bridge'
import type { QueueItem } from '@renderer/stores/queue'

const created = Date.parse('2026-01-01T10:00:00Z')
const minutes = (m: number) => created + m * 60_000

/** A row at the clock's `now` (rows read the page's one clock, stores/clock.ts). */
function row(item: Partial<QueueItem> & { study: QueueItem['study'] }, now: number) {
  setActivePinia(createPinia())
  useClockStore().set(now)
  return mount(StudyCells, {
    props: { item: { key: studyKey(item.study), inPool: false, closed: null, alert: null, ...item }, targets: DEFAULT_SETTINGS.targets },
    attachTo: document.body
  })
}

describe('a queue row', () => {
  it('shows severity by word and icon, not colour alone', () => {
    for (const [severity, word] of [['stat', 'Stat'], ['high', 'High'], ['normal', 'Normal']] as const) {
      const wrapper = row({ study: makeStudy({ severity }) }, minutes(1))
      const badge = wrapper.get(`[data-severity="${severity}"]`)
      expect(badge.text()).toBe(word)
      expect(badge.find('svg[aria-hidden="true"]').exists()).toBe(true)
      expect(badge.classes()).toContain(`sev-${severity}`)
    }
  })

  it('shows description, Express customer, assignment and a shortened UID with the full one on hover', () => {
    const study = makeStudy({
      studyDescription: 'CT Chest PE protocol',
      studyInstanceUid: '1.2.840.113619.2.55.3.604688119.969.1268071029.320',
      expressCustomer: { expressCustomerId: `cus_${'a'.repeat(32)}`, expressCustomerName: 'North Clinic' },
      assignedTo: { userId: `usr_${'b'.repeat(32)}`, email: 'x@y.z', firstName: 'Ada', lastName: 'Lovelace' }
    })
    const wrapper = row({ study }, minutes(3))
    const text = wrapper.text()
    expect(text).toContain('CT Chest PE protocol')
    expect(text).toContain('North Clinic')
    expect(text).toContain('Ada Lovelace')
    const uid = wrapper.get('.uid')
    expect(uid.text()).toBe('1.2.840.…1029.320')
    expect(uid.attributes('title')).toBe(study.studyInstanceUid)
  })

  it('turns the waiting time amber (due soon) and red (overdue) against the per-severity target', () => {
    const stat = makeStudy({ severity: 'stat', createdAt: '2026-01-01T10:00:00Z' }) // target 30 min
    const level = (now: number) => row({ study: stat }, now).get('[data-waiting-level]')
    expect(level(minutes(10)).attributes('data-waiting-level')).toBe('ok')
    expect(level(minutes(10)).text()).toBe('10 min')
    expect(level(minutes(23)).attributes('data-waiting-level')).toBe('amber')
    expect(level(minutes(23)).text()).toContain('due soon')
    expect(level(minutes(31)).attributes('data-waiting-level')).toBe('red')
    expect(level(minutes(31)).text()).toContain('overdue')
    const normal = makeStudy({ severity: 'normal', createdAt: '2026-01-01T10:00:00Z' }) // target 24 h
    const normalLevel = row({ study: normal }, minutes(125)).get('[data-waiting-level]')
    expect(normalLevel.attributes('data-waiting-level')).toBe('ok')
    expect(normalLevel.text()).toBe('2 h 05 min')
  })

  it('follows the clock: the waiting time and its level move on as time passes', async () => {
    const wrapper = row({ study: makeStudy({ severity: 'stat', createdAt: '2026-01-01T10:00:00Z' }) }, minutes(22))
    const waiting = () => wrapper.get('[data-waiting-level]')
    expect(waiting().text()).toBe('22 min')
    expect(waiting().attributes('data-waiting-level')).toBe('ok')
    useClockStore().set(minutes(23))
    await nextTick()
    expect(waiting().text()).toContain('23 min')
    expect(waiting().attributes('data-waiting-level')).toBe('amber')
  })

  it('marks a study that is still alerting', () => {
    const wrapper = row(
      { study: makeStudy({ severity: 'stat' }), alert: { status: 'alerting', firstAlertedAt: '', alertCount: 1, snoozedUntil: null } },
      minutes(1)
    )
    expect(wrapper.text()).toContain('alerting')
  })
})
