import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type Db = Database.Database

const SCHEMA_VERSION = 1

/**
 * Tables mirror the wire objects. Timestamps are ISO 8601 text (`...sssZ`), which sorts like time.
 * `users.active` is the hidden flag behind revoke-access / reactivate (not part of the wire User).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  secret TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  is_viewer_enabled INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS express_customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  middle_name TEXT,
  phone_number TEXT,
  suffix1 TEXT,
  suffix2 TEXT,
  can_manage_studies INTEGER NOT NULL,
  clinic_role TEXT NOT NULL,
  has_dashboard_access INTEGER NOT NULL,
  invited_source TEXT NOT NULL,
  level TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (email COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS users_page ON users (created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS invitations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  clinic_id TEXT NOT NULL,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  middle_name TEXT,
  phone_number TEXT,
  suffix1 TEXT,
  suffix2 TEXT,
  can_manage_studies INTEGER NOT NULL,
  has_dashboard_access INTEGER NOT NULL,
  clinic_role TEXT NOT NULL,
  level TEXT NOT NULL,
  status TEXT NOT NULL,
  invited_source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expiry TEXT,
  inviter_id TEXT,
  invited_by_api_key_id TEXT
);
CREATE INDEX IF NOT EXISTS invitations_page ON invitations (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS invitations_user ON invitations (user_id, status);

CREATE TABLE IF NOT EXISTS studies (
  id TEXT PRIMARY KEY,
  study_instance_uid TEXT NOT NULL UNIQUE,
  study_description TEXT NOT NULL,
  severity TEXT NOT NULL,
  viewer_status TEXT NOT NULL,
  is_cancelled INTEGER NOT NULL DEFAULT 0,
  cancelled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  assigned_to TEXT REFERENCES users (id),
  created_by_api_key_id TEXT REFERENCES api_keys (id),
  created_by_user_id TEXT REFERENCES users (id),
  express_customer_id TEXT REFERENCES express_customers (id),
  metadata TEXT
);
-- Newest-first paging over everything, and the work-queue query of the desktop app
-- (assignedTo + isCancelled + studyViewerStatus, newest first): both are index range scans.
CREATE INDEX IF NOT EXISTS studies_page ON studies (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS studies_queue ON studies (assigned_to, is_cancelled, viewer_status, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS studies_customer ON studies (express_customer_id, created_at DESC, id DESC);
`

/** Owner read/write only: the database holds the API key and the signing secrets. */
export const DATABASE_FILE_MODE = 0o600

/** The database file and the two SQLite keeps beside it in WAL mode. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`]
}

/**
 * Creates the file owner-only before SQLite opens it (SQLite gives -wal and -shm the mode of the
 * database file), and tightens files an older version left readable by others.
 */
function protectDatabaseFiles(file: string): void {
  closeSync(openSync(file, 'a', DATABASE_FILE_MODE))
  for (const path of databaseFiles(file)) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, DATABASE_FILE_MODE)
  }
}

/** Opens (and creates when new) the sandbox database. `file` null means in memory. */
export function openDatabase(file: string | null): Db {
  if (file) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    protectDatabaseFiles(file)
  }
  const db = new Database(file ?? ':memory:')
  if (file) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
  db.exec(SCHEMA)
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schemaVersion', ?)").run(String(SCHEMA_VERSION))
  return db
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
}

/**
 * `UPDATE <table> SET … WHERE id = @id` for the given columns. Column names come from the stores'
 * typed change objects, never from request input.
 */
export function updateRow(db: Db, table: 'studies' | 'users' | 'invitations', id: string, changes: object): void {
  const columns = Object.keys(changes).filter((column) => column !== 'id')
  if (columns.length === 0) return
  db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...changes, id })
}
