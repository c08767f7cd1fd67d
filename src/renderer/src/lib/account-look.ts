/**
 * How an account is shown beside its studies: a colour swatch and the name (never the colour
 * alone), or on a narrow row the swatch and the name's initials, with the full name kept for
 * screen readers and on hover.
 */
import type { AccountColour } from '@shared/ipc/contract'
import { t } from '../strings'

/** Up to two letters: the first letters of the first two words ("St Mary's North" → "SM"), or of one word ("Northside" → "NO"). */
export function accountInitials(displayName: string): string {
  const words = displayName
    .trim()
    .split(/[\s\-_/·.,]+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
  const letters = (word: string) => [...word].filter((ch) => /[\p{L}\p{N}]/u.test(ch))
  const [first, second] = words
  if (!first) return '?'
  const initials = second ? [letters(first)[0], letters(second)[0]] : letters(first).slice(0, 2)
  return initials.join('').toLocaleUpperCase()
}

/** The colour's name in words (the select that picks it; the swatch beside it shows it). */
const COLOUR_WORDS: Record<AccountColour, () => string> = {
  blue: () => t('colours.blue'),
  teal: () => t('colours.teal'),
  green: () => t('colours.green'),
  olive: () => t('colours.olive'),
  orange: () => t('colours.orange'),
  red: () => t('colours.red'),
  magenta: () => t('colours.magenta'),
  purple: () => t('colours.purple'),
  brown: () => t('colours.brown'),
  slate: () => t('colours.slate')
}

export const colourWord = (colour: AccountColour): string => COLOUR_WORDS[colour]()
