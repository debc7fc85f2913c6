/**
 * The local gateway's denylist: entries the studio puts into every local bundle and
 * applies at once through the gateway's admin API. Kept in SQLite, not the
 * workspace: which addresses and users a developer blocks while testing is theirs.
 */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 5,
  name: 'denylist',
  up(db) {
    db.exec(`
      CREATE TABLE denylist (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('API', 'APPLICATION', 'IP', 'IP_RANGE', 'USER')),
        value TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        description TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (type, value)
      );
    `);
  },
};
