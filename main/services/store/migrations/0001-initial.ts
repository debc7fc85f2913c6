/** The studio's local state: recent workspaces, settings and encrypted secrets. */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE recent_workspaces (
        path TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        opened_at TEXT NOT NULL
      );
      CREATE INDEX recent_workspaces_opened_at ON recent_workspaces (opened_at DESC);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      );

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
