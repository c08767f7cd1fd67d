/** The words for a change notice; the engine classified the change (docs/core.md), this only names it. */
import type { StudyChange } from '@shared/ipc/contract'
import { severityLook } from './severity'

const word = (severity: string | undefined) => severityLook(severity ?? '').word.toLowerCase()

export function changeText(change: StudyChange): string {
  const what = change.description || 'Untitled study'
  switch (change.kind) {
    case 'cancelled':
      return `Cancelled: ${what}`
    case 'uncancelled':
      return `Uncancelled, back in your queue: ${what}`
    case 'reassignedAway':
      return change.assignee ? `Reassigned to ${change.assignee}: ${what}` : `Unassigned (back to the pool): ${what}`
    case 'reassignedToMe':
      return `Assigned to you: ${what}`
    case 'completed':
      return `Completed elsewhere: ${what}`
    case 'severityChanged':
      return `Severity changed from ${word(change.from)} to ${word(change.to)}: ${what}`
    case 'departed':
      return `Left your queue (reason unknown): ${what}`
  }
}

/** The stronger wording for a study the user has open in the viewer. */
export function changeTextForOpenStudy(change: StudyChange): string {
  return `Open in your viewer: ${changeText(change)}`
}
