import { t } from '../strings'
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
  | 'snooze30'
  | 'snooze60'
  | 'complete'
  | 'acknowledgeAll'
  | 'pause30'
  | 'pause60'
  | 'nextStat'
  | 'changes'
  | 'openSettings'

export const KEY_LIST: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['↓', 'j'], does: t('keys.nextStudy') },
  { keys: ['↑', 'k'], does: t('keys.previousStudy') },
  { keys: [t('keyCaps.home'), t('keyCaps.end')], does: t('keys.firstLast') },
  { keys: [t('keyCaps.enter')], does: t('keys.open') },
  { keys: ['i'], does: t('keys.details') },
  { keys: ['c'], does: t('keys.claim') },
  { keys: ['a'], does: t('keys.acknowledge') },
  { keys: [t('keyCaps.shift', { key: 'A' })], does: t('keys.acknowledgeAll') },
  { keys: ['s'], does: t('keys.snooze30') },
  { keys: [t('keyCaps.shift', { key: 'S' })], does: t('keys.snooze60') },
  { keys: ['x'], does: t('keys.complete') },
  { keys: ['n'], does: t('keys.nextStat') },
  { keys: ['p'], does: t('keys.pause30') },
  { keys: [t('keyCaps.shift', { key: 'P' })], does: t('keys.pause60') },
  { keys: ['g'], does: t('keys.changes') },
  { keys: ['y'], does: t('keys.copyUid') },
  { keys: ['/'], does: t('keys.search') },
  { keys: ['r'], does: t('keys.refresh') },
  { keys: [','], does: t('keys.settings') },
  { keys: [t('keyCaps.ctrl', { key: ',' })], does: t('keys.settingsAnywhere') },
  { keys: [t('keyCaps.ctrl', { key: 'F' })], does: t('keys.searchAnywhere') },
  { keys: ['?'], does: t('keys.keyList') },
  { keys: [t('keyCaps.esc')], does: t('keys.close') }
]

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** The physical key ("KeyJ"): used when `key` is not a Latin letter (Cyrillic, Greek… layouts). */
  code?: string
  shiftKey?: boolean
}

/**
 * The letter a press means, lower case: the typed Latin letter when there is one (so Caps Lock and
 * Dvorak work), else the physical key's letter (so a Cyrillic or Greek layout works too).
 */
export function letterOf(press: Pick<KeyPress, 'key' | 'code'>): string | null {
  if (/^[a-z]$/i.test(press.key)) return press.key.toLowerCase()
  const physical = /^Key([A-Z])$/.exec(press.code ?? '')
  return physical && press.key.length === 1 && !/^[\x20-\x7e]$/.test(press.key) ? physical[1]!.toLowerCase() : null
}

/** Letter commands; the second entry is the command with Shift held. */
const LETTERS: Record<string, [Command, Command?]> = {
  j: ['next'],
  k: ['previous'],
  r: ['refresh'],
  i: ['details'],
  c: ['claim'],
  a: ['acknowledge', 'acknowledgeAll'],
  y: ['copy'],
  s: ['snooze30', 'snooze60'],
  x: ['complete'],
  n: ['nextStat'],
  p: ['pause30', 'pause60'],
  g: ['changes']
}

export interface KeyContext {
  /** Focus is in a text field, select or textarea. */
  typing: boolean
  /** Focus is on a button, link or other control that handles Enter itself. */
  onControl: boolean
}

export function commandFor(press: KeyPress, context: KeyContext): Command | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey) return desktopShortcut(press)
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  if (press.key === 'Escape') return 'close'
  if (context.typing) return null
  const letter = letterOf(press)
  if (letter !== null) {
    const entry = LETTERS[letter]
    if (!entry) return null
    return (press.shiftKey && entry[1]) || entry[0]
  }
  switch (press.key) {
    case 'ArrowDown':
      return context.onControl ? null : 'next'
    case 'ArrowUp':
      return context.onControl ? null : 'previous'
    case 'Home':
      return context.onControl ? null : 'first'
    case 'End':
      return context.onControl ? null : 'last'
    case 'Enter':
      return context.onControl ? null : 'open'
    case '/':
      return 'search'
    case '?':
      return 'keys'
    case ',':
      return 'settings'
    default:
      // "/" and "?" by the physical key too, for layouts that put other characters there.
      if (press.code === 'Slash') return press.shiftKey ? 'keys' : 'search'
      return null
  }
}

/**
 * Ctrl+, / ⌘+, (settings) and Ctrl+F / ⌘F (search), the desktop conventions. They work while
 * typing too; in Electron the application menu has the same accelerators (src/main/electron/menu.ts).
 */
function desktopShortcut(press: KeyPress): Command | null {
  if (press.shiftKey) return null
  if (press.key === ',' || press.code === 'Comma') return 'openSettings'
  if (letterOf(press) === 'f') return 'search'
  return null
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
