import { BridgeError } from '@shared/ipc/contract'

/** A message fit for the screen from whatever a bridge call threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof BridgeError) return err.message
  if (err instanceof Error && err.message) return err.message
  return 'Something went wrong.'
}
