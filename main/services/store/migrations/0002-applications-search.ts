/**
 * Applications with their credentials and subscriptions (local state that must not
 * go to git: API keys only as SHA-256 hashes), and the content-search index. The
 * search tables are derived: dropping them loses nothing, the workspace rebuilds them.
 */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 2,
  name: 'applications-search',
  up(db) {
    db.exec(`
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT,
        throttling_policy TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE application_api_keys (
        hash TEXT PRIMARY KEY CHECK (hash GLOB 'sha256:*'),
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        key_type TEXT NOT NULL CHECK (key_type IN ('PRODUCTION', 'SANDBOX')),
        created_at TEXT NOT NULL
      );
      CREATE INDEX application_api_keys_app ON application_api_keys (application_id);

      CREATE TABLE application_consumer_keys (
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        key_type TEXT NOT NULL CHECK (key_type IN ('PRODUCTION', 'SANDBOX')),
        key_manager TEXT NOT NULL,
        consumer_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (application_id, key_type, key_manager),
        UNIQUE (key_manager, consumer_key)
      );

      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        api_id TEXT NOT NULL,
        plan TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN
          ('UNBLOCKED', 'ON_HOLD', 'BLOCKED', 'PROD_ONLY_BLOCKED', 'REJECTED')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (application_id, api_id)
      );
      CREATE INDEX subscriptions_status ON subscriptions (status);

      CREATE TABLE search_apis (
        api_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        tags TEXT NOT NULL,
        methods TEXT NOT NULL,
        hash TEXT NOT NULL,
        operations INTEGER NOT NULL,
        first_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL
      );
      CREATE VIRTUAL TABLE search_index USING fts5 (
        text,
        api_id UNINDEXED,
        kind UNINDEXED,
        file UNINDEXED,
        line UNINDEXED,
        method UNINDEXED,
        tokenize = 'unicode61'
      );
    `);
  },
};
