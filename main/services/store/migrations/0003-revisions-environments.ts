/**
 * Revisions (immutable, content-addressed bundles of one API) and the history of
 * what each workspace's environments were told to serve. A revision row is never
 * updated: its id is the hash of its bundle.
 */
import type { Migration } from './types.js';

export const migration: Migration = {
  id: 3,
  name: 'revisions-environments',
  up(db) {
    db.exec(`
      CREATE TABLE revisions (
        id TEXT PRIMARY KEY,
        api_id TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        bundle TEXT NOT NULL CHECK (json_valid(bundle))
      );
      CREATE INDEX revisions_api ON revisions (api_id, created_at);

      CREATE TABLE environment_deployments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace TEXT NOT NULL,
        environment TEXT NOT NULL,
        api_id TEXT NOT NULL,
        revision_id TEXT REFERENCES revisions (id),
        action TEXT NOT NULL CHECK (action IN ('push', 'rollback', 'undeploy')),
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        bundle_revision TEXT,
        results TEXT NOT NULL CHECK (json_valid(results))
      );
      CREATE INDEX environment_deployments_env
        ON environment_deployments (workspace, environment, api_id, seq);
    `);
  },
};
