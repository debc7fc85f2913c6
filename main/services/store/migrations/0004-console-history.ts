/**
 * The try-it console's history: each request sent from the console with its
 * response (body already capped), per workspace and API. Pasted API keys are
 * removed from the stored request before it gets here.
 */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 4,
  name: 'console-history',
  up(db) {
    db.exec(`
      CREATE TABLE console_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace TEXT NOT NULL,
        api_id TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER,
        total_ms REAL,
        error TEXT,
        request TEXT NOT NULL CHECK (json_valid(request)),
        response TEXT CHECK (response IS NULL OR json_valid(response))
      );
      CREATE INDEX console_history_api ON console_history (workspace, api_id, id);
    `);
  },
};
