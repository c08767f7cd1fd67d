import { t } from '../strings'
import { BridgeError } from '@shared/ipc/names'

/**
 * A message fit for the screen from whatever a bridge call threw, the one rule for the page. The
 * engine already wrote it in the user's words (src/main/engine/avara-error-text.ts for Avara errors).
 */
export function errorMessage(err: unknown): string {
  if (err instanceof BridgeError) return err.message
  if (err instanceof Error && err.message) return err.message
  return t('errors.unknown')
}
