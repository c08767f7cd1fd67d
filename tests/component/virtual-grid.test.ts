// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { h, nextTick } from 'vue'
import VirtualGrid from '@renderer/components/shared/VirtualGrid.vue'

function grid(count: number, activeIndex = -1) {
  return mount(VirtualGrid, {
    props: { count, rowHeight: 50, activeIndex, label: 'Queue', idPrefix: 'q', fallbackHeight: 500, overscan: 5 },
    slots: {
      header: () => h('div', { role: 'columnheader' }, 'Study'),
      row: ({ index }: { index: number }) => h('div', { role: 'gridcell' }, `row ${index}`)
    },
    attachTo: document.body
  })
}

describe('the virtual grid', () => {
  it('renders only a window of 10,000 rows, with grid semantics', () => {
    const wrapper = grid(10_000)
    const rows = wrapper.findAll('.grid-body [role="row"]')
    // 500 px / 50 px = 10 visible + 2 × 5 overscan.
    expect(rows.length).toBe(20)
    expect(wrapper.get('[role="grid"]').attributes('aria-rowcount')).toBe('10001')
    expect(rows[0]!.attributes('aria-rowindex')).toBe('2')
    expect(wrapper.get('.grid-spacer').attributes('style')).toContain('height: 500000px')
  })

  it('scrolls the selected row into view and keeps it in the DOM as the active descendant', async () => {
    const wrapper = grid(10_000)
    await wrapper.setProps({ activeIndex: 9_999 })
    await nextTick()
    const scroller = wrapper.get<HTMLElement>('[role="grid"]').element
    expect(scroller.scrollTop).toBe(10_000 * 50 - 500)
    scroller.dispatchEvent(new Event('scroll'))
    await nextTick()
    expect(wrapper.get('[role="grid"]').attributes('aria-activedescendant')).toBe('q-row-9999')
    const active = wrapper.get('#q-row-9999')
    expect(active.attributes('aria-rowindex')).toBe('10001')
    expect(active.attributes('aria-selected')).toBe('true')
    expect(wrapper.findAll('.grid-body [role="row"]').length).toBeLessThanOrEqual(20)

    await wrapper.setProps({ activeIndex: 3 })
    await nextTick()
    expect(scroller.scrollTop).toBe(150)
  })

  it('renders only the rows scrolled in, and reports clicks and double clicks on a row by its index', async () => {
    const rendered: number[] = []
    const wrapper = mount(VirtualGrid, {
      props: { count: 10_000, rowHeight: 50, activeIndex: -1, label: 'Queue', idPrefix: 'q', fallbackHeight: 500, overscan: 5 },
      slots: {
        row: ({ index }: { index: number }) => {
          rendered.push(index)
          return h('div', { role: 'gridcell' }, [h('button', { type: 'button' }, `open ${index}`)])
        }
      },
      attachTo: document.body
    })
    expect(rendered).toEqual(Array.from({ length: 20 }, (_, i) => i))
    rendered.length = 0
    const scroller = wrapper.get<HTMLElement>('[role="grid"]').element
    scroller.scrollTop = 7 * 50
    scroller.dispatchEvent(new Event('scroll'))
    await nextTick()
    // The window moved from rows 0-19 to 2-21: rows 20 and 21 are new, the others are left alone.
    expect(rendered.sort((x, y) => x - y)).toEqual([20, 21])
    // Within the same row nothing renders at all.
    rendered.length = 0
    scroller.scrollTop = 7 * 50 + 20
    scroller.dispatchEvent(new Event('scroll'))
    await nextTick()
    expect(rendered).toEqual([])

    await wrapper.get('#q-row-9 button').trigger('click')
    await wrapper.get('#q-row-12').trigger('dblclick')
    expect(wrapper.emitted('rowClick')).toEqual([[9]])
    expect(wrapper.emitted('rowDblclick')).toEqual([[12]])
  })

  it('says so when there are no rows', () => {
    const wrapper = mount(VirtualGrid, {
      props: { count: 0, rowHeight: 50, activeIndex: -1, label: 'Queue', idPrefix: 'q' },
      slots: { empty: () => 'Nothing waiting' }
    })
    expect(wrapper.get('[role="gridcell"]').text()).toBe('Nothing waiting')
    expect(wrapper.get('[role="grid"]').attributes('aria-activedescendant')).toBeUndefined()
  })
})
