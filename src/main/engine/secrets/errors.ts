/**
 * Errors of secret stores. Messages are written by us from a fixed set of reasons, never copied
 * from the backend and never containing the secret or the account's key material.
 */
export type SecretStoreErrorCode = 'unavailable' | 'failed' | 'consent-required'

export class SecretStoreError extends Error {
  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
    readonly fix: string | null = null
  ) {
    super(message)
    this.name = 'SecretStoreError'
  }
}
