export {
  PersistedStateSchema,
  IdentitySchema,
  LedgerEntrySchema,
  WindowBoundsSchema,
  StoredAccountSchema,
  FIRST_ACCOUNT_ID,
  defaultAccount,
  defaultPersistedState,
  parsePersistedStateLeniently,
  parseSettingsLeniently
} from './schema'
export type { LenientParse } from './schema'
export { CURRENT_STATE_VERSION, STATE_MIGRATIONS, migrateState, renameKey, storedVersion } from './migrations'
export type { StateMigration, MigrationOutcome, StoredDocument } from './migrations'
export { findSecretLikeValue, SecretInStateError } from './secret-guard'
