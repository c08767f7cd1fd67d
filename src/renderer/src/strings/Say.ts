/**
 * A catalogue message whose placeholders are markup, not text: `<Say keypath="app.unreachable">`
 * with a `<template #command><code>npm run web</code></template>` slot per placeholder, so the
 * sentence stays one message a translator can reorder. The same shape as vue-i18n's `<i18n-t>`
 * component (keypath and named slots); without `tag` it adds no element of its own.
 */
import { defineComponent, Fragment, h, type PropType, type VNodeArrayChildren } from 'vue'
import { messageFor, type MessageKey } from './index'

export default defineComponent({
  name: 'Say',
  props: {
    keypath: { type: String as PropType<MessageKey>, required: true },
    tag: { type: String, default: undefined }
  },
  setup(props, { slots }) {
    return () => {
      const parts: VNodeArrayChildren = messageFor(props.keypath)
        .split(/(\{\w+\})/)
        .filter((part) => part !== '')
        .map((part) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1]
          const slot = name ? slots[name] : undefined
          return slot ? h(Fragment, slot()) : part
        })
      return props.tag ? h(props.tag, parts) : h(Fragment, parts)
    }
  }
})
