import { t } from '../strings'
/**
 * Which queue columns fit the width the grid has, pure so it is unit-tested without a layout
 * engine. Severity, study, waiting and the open action always stay; the others collapse by
 * priority (highest number first) until the row fits. Widths are in rem, so the same rules hold
 * at every text size (the caller measures the grid in rem of the current root font size).
 */
export type CoreColumnId = 'severity' | 'account' | 'study' | 'waiting' | 'assigned' | 'uid' | 'open'
export type ColumnId = CoreColumnId | `meta:${string}`

/** Every built-in column in display order (metadata columns go after waiting). */
export const BUILT_IN_COLUMNS: readonly ColumnId[] = ['severity', 'study', 'waiting', 'assigned', 'uid', 'open']

export interface Column {
  id: ColumnId
  /** Header text ('' for the action column, which has a visually hidden header). */
  label: string
  /** Fixed width in rem; null for the study column, which takes the rest. */
  widthRem: number | null
  /** 0: never collapses; higher numbers collapse first. */
  priority: number
}

export interface ColumnLayout {
  columns: Column[]
  /** Narrow layout: tighter padding and gaps, two-line descriptions, no sub-lines. */
  narrow: boolean
  /** CSS grid-template-columns for the header and every row. */
  template: string
}

/** Below this many rem the row switches to the tight layout. */
export const NARROW_BELOW_REM = 44

const WIDE = { padding: 2, gap: 0.75, studyMin: 10, severity: 6.5, waiting: 8.5, closed: 11, open: 5 }
const TIGHT = { padding: 1, gap: 0.5, studyMin: 5, severity: 5, waiting: 6.5, closed: 7, open: 3.75 }

export const META_PREFIX = 'meta:'
export const metaColumnId = (key: string): ColumnId => `${META_PREFIX}${key}`

/**
 * `showAssigned`: the assignment column says something only where it varies (the closed list,
 * where studies were reassigned); in "mine" it is always me and in the pool always nobody.
 * `showAccount`: several accounts are followed; their column is the last to collapse, and once it
 * has, the row shows the account's swatch and initials inside the study cell instead.
 */
export function layoutColumns(options: {
  widthRem: number
  closedView: boolean
  showAssigned: boolean
  metadataKeys: readonly string[]
  showAccount?: boolean
}): ColumnLayout {
  const narrow = options.widthRem < NARROW_BELOW_REM
  const size = narrow ? TIGHT : WIDE
  const all: Column[] = [
    { id: 'severity', label: t('columns.severity'), widthRem: size.severity, priority: 0 },
    ...(options.showAccount ? [{ id: 'account' as const, label: t('columns.account'), widthRem: 11, priority: 1 }] : []),
    { id: 'study', label: t('columns.study'), widthRem: null, priority: 0 },
    { id: 'waiting', label: options.closedView ? t('columns.closed') : t('columns.waiting'), widthRem: options.closedView ? size.closed : size.waiting, priority: 0 },
    // Columns the user chose come before the built-in extras, in the order chosen.
    ...options.metadataKeys.map((key, index) => ({ id: metaColumnId(key), label: key, widthRem: 9, priority: 2 + index / 100 })),
    ...(options.showAssigned ? [{ id: 'assigned' as const, label: t('columns.assigned'), widthRem: 10, priority: 3 }] : []),
    { id: 'uid', label: t('columns.uid'), widthRem: 12.5, priority: 4 },
    { id: 'open', label: '', widthRem: size.open, priority: 0 }
  ]
  const needed = (cols: Column[]) =>
    size.padding + size.gap * (cols.length - 1) + cols.reduce((sum, c) => sum + (c.widthRem ?? size.studyMin), 0)
  let kept = all
  while (needed(kept) > options.widthRem) {
    const droppable = kept.filter((c) => c.priority > 0)
    if (droppable.length === 0) break
    const drop = droppable.reduce((a, b) => (b.priority >= a.priority ? b : a))
    kept = kept.filter((c) => c !== drop)
  }
  const template = kept.map((c) => (c.widthRem === null ? `minmax(${size.studyMin}rem, 1fr)` : `${c.widthRem}rem`)).join(' ')
  return { columns: kept, narrow, template }
}
