import { afterEach, describe, expect, it } from 'vitest';
import { parsed, testBundle } from '../../test-support/bundles.js';
import { openDatabase, type Db } from './database.js';
import { DeploymentStore } from './deployment-store.js';

let db: Db;
afterEach(() => db.close());

const bundle = (revision: string) => ({ ...parsed(testBundle([])), revision });

describe('DeploymentStore', () => {
  it('keeps a history that rollback walks back along, undeploys included', () => {
    db = openDatabase(null);
    const store = new DeploymentStore(db, () => 0);
    expect(store.current()).toBeNull();
    store.push(bundle('r1'));
    store.push(bundle('r2'));
    store.push(null);
    expect(store.current()?.bundle).toBeNull();
    expect(store.rollback()?.revision).toBe('r2');
    expect(store.rollback()?.revision).toBe('r1');
    expect(store.rollback()).toBeNull();
    expect(store.current()?.revision).toBe('r1');
    // A deploy after a rollback goes on top of what is current.
    store.push(bundle('r3'));
    expect(store.rollback()?.revision).toBe('r1');
    expect(store.list().map((d) => d.revision)).toEqual(['r3', null, 'r2', 'r1']);
  });

  it('rewrites the current bundle in place', () => {
    db = openDatabase(null);
    const store = new DeploymentStore(db, () => 0);
    store.push(bundle('r1'));
    store.replaceCurrent({ ...bundle('r1'), description: 'edited' });
    expect(store.current()?.bundle?.description).toBe('edited');
    expect(store.list()).toHaveLength(1);
  });
});
