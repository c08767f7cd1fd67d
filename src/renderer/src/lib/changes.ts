/** The words for a change notice; the engine classified the change (docs/core.md), this only names it. */
import { t } from '../strings'
import type { StudyChange } from '@shared/ipc/contract'
import { severityLook } from './severity'

const word = (severity: string | undefined) => severityLook(severity ?? '').word.toLowerCase()

export function changeText(change: StudyChange): string {
  const what = change.description || t('changes.untitled')
  switch (change.kind) {
    case 'cancelled':
      return t('changes.cancelled', { what })
    case 'uncancelled':
      return t('changes.uncancelled', { what })
    case 'reassignedAway':
      return change.assignee ? t('changes.reassignedAway', { assignee: change.assignee, what }) : t('changes.unassigned', { what })
    case 'reassignedToMe':
      return t('changes.reassignedToMe', { what })
    case 'completed':
      return t('changes.completed', { what })
    case 'severityChanged':
      return t('changes.severityChanged', { from: word(change.from), to: word(change.to), what })
    case 'departed':
      return t('changes.departed', { what })
  }
}

/** The stronger wording for a study the user has open in the viewer. */
export function changeTextForOpenStudy(change: StudyChange): string {
  return t('changes.openInViewer', { change: changeText(change) })
}
