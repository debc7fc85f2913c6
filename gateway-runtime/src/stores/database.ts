/**
 * The gateway's own SQLite database: deployments, encrypted secrets and analytics.
 * A file in the data dir (WAL, so analytics flushes never block readers) or, without
 * a data dir, an in-memory database that lives as long as the gateway.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** File name of the database inside the data dir. */
export const DATABASE_FILE = 'portico-gateway.db';

const migrations: string[] = [
  `CREATE TABLE deployments (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     revision TEXT,
     bundle TEXT,
     previous_id INTEGER,
     deployed_at TEXT NOT NULL
   );
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
   CREATE TABLE secrets (name TEXT PRIMARY KEY, iv BLOB NOT NULL, tag BLOB NOT NULL, data BLOB NOT NULL, updated_at TEXT NOT NULL);
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     ts INTEGER NOT NULL,
     request_id TEXT NOT NULL,
     api_id TEXT, api_version TEXT, method TEXT NOT NULL, operation TEXT,
     application_id TEXT, plan TEXT, key_type TEXT,
     status INTEGER NOT NULL, latency_ms REAL NOT NULL, backend_latency_ms REAL,
     error_code TEXT, throttled_by TEXT,
     ai_vendor TEXT, ai_model TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, total_tokens INTEGER,
     cached_tokens INTEGER, reasoning_tokens INTEGER, ai_estimated INTEGER,
     cost REAL NOT NULL DEFAULT 0
   );
   CREATE INDEX events_ts ON events (ts);`,
  // AI egress: the vendor cost of each AI call and which endpoint (primary or fallback) served it.
  `ALTER TABLE events ADD COLUMN ai_cost REAL;
   ALTER TABLE events ADD COLUMN ai_endpoint_index INTEGER;`,
  // Sequences: the steps a request ran, as JSON (null when it ran none).
  `ALTER TABLE events ADD COLUMN trace TEXT;`,
];

export interface OpenDatabaseOptions {
  /**
   * A better-sqlite3 addon built for this process's ABI. The studio passes an Electron
   * build when the gateway runs in an Electron utilityProcess; plain Node uses the one
   * in node_modules.
   */
  nativeBinding?: string;
}

/** Opens (and migrates) the database; `dataDir` null means in memory. */
export function openDatabase(dataDir: string | null, options: OpenDatabaseOptions = {}): Db {
  let db: Db;
  const driver = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = new Database(join(dataDir, DATABASE_FILE), driver);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } else {
    db = new Database(':memory:', driver);
  }
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < migrations.length; i++) {
    const sql = migrations[i];
    if (sql === undefined) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db;
}
