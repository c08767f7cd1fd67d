/**
 * The keyboard map, as data (shown in the key list) and as one pure function from a key press to
 * a command (unit-tested). Single-letter keys are ignored while typing in a field.
 */
export type Command =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'open'
  | 'search'
  | 'refresh'
  | 'keys'
  | 'close'
  | 'details'
  | 'claim'
  | 'acknowledge'
  | 'copy'
  | 'settings'

export const KEY_LIST: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['↓', 'j'], does: 'Next study' },
  { keys: ['↑', 'k'], does: 'Previous study' },
  { keys: ['Home', 'End'], does: 'First / last study' },
  { keys: ['Enter'], does: 'Open the selected study in the viewer' },
  { keys: ['i'], does: 'Details of the selected study' },
  { keys: ['c'], does: 'Claim the selected unassigned study' },
  { keys: ['a'], does: 'Acknowledge the selected stat alert' },
  { keys: ['y'], does: 'Copy the selected study UID' },
  { keys: ['/'], does: 'Search by description or UID' },
  { keys: ['r'], does: 'Refresh now' },
  { keys: [','], does: 'Settings' },
  { keys: ['?'], does: 'This list of keys' },
  { keys: ['Esc'], does: 'Close the open panel or clear the search' }
]

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

export interface KeyContext {
  /** Focus is in a text field, select or textarea. */
  typing: boolean
  /** Focus is on a button, link or other control that handles Enter itself. */
  onControl: boolean
}

export function commandFor(press: KeyPress, context: KeyContext): Command | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  if (press.key === 'Escape') return 'close'
  if (context.typing) return null
  switch (press.key) {
    case 'ArrowDown':
    case 'j':
      return context.onControl && press.key === 'ArrowDown' ? null : 'next'
    case 'ArrowUp':
    case 'k':
      return context.onControl && press.key === 'ArrowUp' ? null : 'previous'
    case 'Home':
      return context.onControl ? null : 'first'
    case 'End':
      return context.onControl ? null : 'last'
    case 'Enter':
      return context.onControl ? null : 'open'
    case '/':
      return 'search'
    case 'r':
      return 'refresh'
    case '?':
      return 'keys'
    case 'i':
      return 'details'
    case 'c':
      return 'claim'
    case 'a':
      return 'acknowledge'
    case 'y':
      return 'copy'
    case ',':
      return 'settings'
    default:
      return null
  }
}

/** Reads the KeyContext from the element that has focus. */
export function keyContextOf(target: EventTarget | null): KeyContext {
  const el = target instanceof Element ? target : null
  if (!el) return { typing: false, onControl: false }
  const tag = el.tagName
  const type = el instanceof HTMLInputElement ? el.type : ''
  const typing =
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    (el as HTMLElement).isContentEditable ||
    (tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(type))
  const onControl = !typing && (tag === 'BUTTON' || tag === 'A' || tag === 'INPUT' || tag === 'SUMMARY')
  return { typing, onControl }
}
