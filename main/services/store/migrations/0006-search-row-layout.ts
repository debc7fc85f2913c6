/**
 * The content-search index, laid out so a query never reads a row's text to rank or
 * filter it: each row's rowid says which API it belongs to and whether it is the
 * API's own row, an operation (and its method) or definition text (see
 * services/search/row-ids.ts). The text lives in `search_rows`, an external content
 * table, so emptying the index is one `delete-all` instead of a delete per row.
 * The old tables are derived data: dropping them loses nothing, the next sync
 * rebuilds the index from the workspace.
 */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 6,
  name: 'search-row-layout',
  up(db) {
    db.exec(`
      DROP TABLE IF EXISTS search_index;
      DROP TABLE IF EXISTS search_apis;

      CREATE TABLE search_apis (
        num INTEGER PRIMARY KEY CHECK (num BETWEEN 1 AND 67108863),
        api_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        tags TEXT NOT NULL,
        methods TEXT NOT NULL,
        hash TEXT NOT NULL,
        api_file TEXT NOT NULL,
        definition_file TEXT NOT NULL
      );
      CREATE TABLE search_methods (
        code INTEGER PRIMARY KEY CHECK (code BETWEEN 1 AND 1023),
        method TEXT NOT NULL UNIQUE
      );
      CREATE TABLE search_rows (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        line INTEGER NOT NULL
      );
      CREATE VIRTUAL TABLE search_index USING fts5 (
        text,
        content = 'search_rows',
        content_rowid = 'id',
        tokenize = 'unicode61'
      );
    `);
  },
};
