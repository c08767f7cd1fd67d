/** The shell's message catalogues by language; English is the only one so far, and the fallback. */
import { en, type ShellMessages } from './en'

export type { ShellMessages } from './en'
export { format } from './format'
export { en } from './en'

const CATALOGUES: Record<string, ShellMessages> = { en }

/** The catalogue for a BCP 47 locale ("de-CH" → de → en). */
export function messagesFor(locale: string | undefined): ShellMessages {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? ''
  return CATALOGUES[language] ?? en
}
