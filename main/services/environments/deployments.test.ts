import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../store/migrate.js';
import { migrations } from '../store/migrations/index.js';
import { Deployments, type DeploymentAction } from './deployments.js';

let db: Database.Database;
let deployments: Deployments;

beforeEach(() => {
  db = new Database(':memory:');
  runMigrations(db, migrations);
  const insert = db.prepare(
    `INSERT INTO revisions (id, api_id, author, created_at, note, bundle) VALUES (?, 'Api-1', 't', 'now', '', '{}')`,
  );
  for (const id of ['r-a', 'r-b', 'r-c']) insert.run(id);
  deployments = new Deployments(db);
});

afterEach(() => db.close());

function record(action: DeploymentAction, revisionId: string | null, apiId = 'Api-1'): void {
  deployments.add('/ws', {
    environment: 'prod',
    apiId,
    revisionId,
    action,
    author: 't',
    at: 'now',
    bundleRevision: null,
    results: [],
  });
}

describe('deployment history', () => {
  it('rolls back through earlier pushes, not back and forth', () => {
    record('push', 'r-a');
    record('push', 'r-b');
    record('push', 'r-c');
    expect(deployments.previous('/ws', 'prod', 'Api-1')).toBe('r-b');
    record('rollback', 'r-b');
    expect(deployments.previous('/ws', 'prod', 'Api-1')).toBe('r-a');
    record('rollback', 'r-a');
    expect(deployments.previous('/ws', 'prod', 'Api-1')).toBeNull();
  });

  it('knows what each API should serve; an undeploy leaves it out and cannot be rolled back from', () => {
    record('push', 'r-a');
    record('push', 'r-b', 'Api-2');
    record('undeploy', null);
    expect([...deployments.active('/ws', 'prod')]).toEqual([['Api-2', 'r-b']]);
    expect(deployments.previous('/ws', 'prod', 'Api-1')).toBeNull();
    expect(deployments.active('/other', 'prod').size).toBe(0);
  });
});
