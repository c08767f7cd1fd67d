/**
 * One row of VirtualGrid, a component of its own so that scrolling, which re-renders the grid's
 * window, leaves every row whose index and selection did not change alone: only the rows scrolled
 * in are rendered (the grid's `row` slot, passed in as `cells`), instead of every row in view.
 */
import { defineComponent, h, type PropType, type Slot } from 'vue'

export default defineComponent({
  name: 'VirtualGridRow',
  props: {
    index: { type: Number, required: true },
    rowId: { type: String, required: true },
    selected: { type: Boolean, required: true },
    cells: { type: Function as PropType<Slot>, default: undefined }
  },
  setup(props) {
    return () =>
      h(
        'div',
        {
          id: props.rowId,
          class: 'grid-row',
          role: 'row',
          'aria-rowindex': props.index + 2,
          'aria-selected': props.selected ? 'true' : 'false',
          'data-index': props.index
        },
        props.cells?.({ index: props.index })
      )
  }
})
