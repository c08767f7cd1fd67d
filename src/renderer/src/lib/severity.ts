/** How each severity is shown: never by colour alone, always icon + word as well. */
import { t } from '../strings'
import type { Severity } from '@shared/ipc/contract'

export interface SeverityLook {
  word: string
  /** Ordering rank: lower comes first. */
  rank: number
  /** Name of the icon in SeverityIcon.vue. */
  icon: 'stat' | 'high' | 'normal' | 'unknown'
}

const LOOKS: Record<Severity, SeverityLook> = {
  stat: { word: t('severity.stat'), rank: 0, icon: 'stat' },
  high: { word: t('severity.high'), rank: 1, icon: 'high' },
  normal: { word: t('severity.normal'), rank: 2, icon: 'normal' }
}

/** The API may add severities later; an unknown one is shown plainly and sorted last. */
export function severityLook(severity: string): SeverityLook {
  return (LOOKS as Record<string, SeverityLook | undefined>)[severity] ?? { word: severity, rank: 3, icon: 'unknown' }
}

export const SEVERITY_ORDER: readonly Severity[] = ['stat', 'high', 'normal']
