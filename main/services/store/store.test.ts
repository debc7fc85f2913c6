import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StudioError } from '../errors.js';
import { runMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { RECENT_LIMIT } from './recent-workspaces.js';
import { DATABASE_FILE, openStore, type Store } from './store.js';

const dirs: string[] = [];
const stores: Store[] = [];
async function open(cipherDir?: string): Promise<{ store: Store; dir: string }> {
  const dir = cipherDir ?? (await mkdtemp(join(tmpdir(), 'portico-store-')));
  if (!cipherDir) dirs.push(dir);
  const store = openStore({ userDataPath: dir });
  stores.push(store);
  return { store, dir };
}
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the database in WAL mode with foreign keys and records its migrations once', async () => {
    const { store, dir } = await open();
    expect(store.db.name).toBe(join(dir, DATABASE_FILE));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = store.db.prepare('SELECT id, name FROM schema_migrations').all();
    expect(applied).toEqual(migrations.map(({ id, name }) => ({ id, name })));
    store.close();
    const again = await open(dir);
    expect(again.store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
  });

  it('creates the folder when it is missing', async () => {
    const { dir } = await open();
    const nested = join(dir, 'a', 'b');
    const inner = openStore({ userDataPath: nested });
    stores.push(inner);
    expect(inner.db.open).toBe(true);
  });

  it('refuses a database from a newer Portico instead of misreading it', async () => {
    const { store, dir } = await open();
    store.db
      .prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (99, 'future', 'x')")
      .run();
    store.close();
    expect(() => openStore({ userDataPath: dir })).toThrow(
      /schema version 99, newer than this Portico knows/,
    );
  });

  it('rolls back every migration of a run when one fails', () => {
    const db = new Database(':memory:');
    const failing = [
      ...migrations,
      {
        id: migrations.length + 1,
        name: 'creates',
        up: (d: Database.Database) => d.exec('CREATE TABLE t2 (x)'),
      },
      {
        id: migrations.length + 2,
        name: 'breaks',
        up: (d: Database.Database) => d.exec('NOT SQL'),
      },
    ];
    expect(() => runMigrations(db, failing)).toThrow();
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE name IN ('t2', 'schema_migrations', 'settings')",
        )
        .all(),
    ).toEqual([{ name: 'schema_migrations' }]);
    db.close();
  });
});

describe('recent workspaces', () => {
  it('keeps the most recent first, updates names, and caps the list', async () => {
    const { store } = await open();
    const recent = store.recentWorkspaces;
    recent.touch('/a', 'A');
    recent.touch('/b', 'B');
    recent.touch('/a', 'A renamed');
    expect(recent.list().map((r) => [r.path, r.name])).toEqual([
      ['/a', 'A renamed'],
      ['/b', 'B'],
    ]);
    expect(Number.isNaN(Date.parse(recent.list()[0]?.openedAt ?? ''))).toBe(false);
    for (let i = 0; i < RECENT_LIMIT + 5; i += 1) recent.touch(`/w${i}`, `W${i}`);
    expect(recent.list()).toHaveLength(RECENT_LIMIT);
    expect(recent.list()[0]?.path).toBe(`/w${RECENT_LIMIT + 4}`);
    recent.remove(`/w${RECENT_LIMIT + 4}`);
    expect(recent.list()[0]?.path).toBe(`/w${RECENT_LIMIT + 3}`);
  });
});

describe('settings', () => {
  it('stores JSON values and reads them through a schema', async () => {
    const { store } = await open();
    store.settings.set('theme', 'dark');
    store.settings.set('window', { width: 1200, maximized: false });
    expect(store.settings.get('theme', z.enum(['dark', 'light']))).toBe('dark');
    expect(store.settings.get('window', z.object({ width: z.number() }))).toEqual({ width: 1200 });
    expect(store.settings.get('theme', z.number())).toBeUndefined();
    store.settings.delete('theme');
    expect(store.settings.get('theme', z.string())).toBeUndefined();
  });
});

describe('secrets', () => {
  it('stores values encrypted and lists only names', async () => {
    const { store } = await open();
    store.secrets.set('openai-key', 'sk-abc');
    store.secrets.set('backend', 'p@ss');
    expect(store.secrets.get('openai-key')).toBe('sk-abc');
    expect(store.secrets.names()).toEqual(['backend', 'openai-key']);
    const raw = store.db.prepare("SELECT value FROM secrets WHERE name = 'openai-key'").get() as {
      value: Buffer;
    };
    expect(raw.value.includes(Buffer.from('sk-abc'))).toBe(false);
    store.secrets.delete('backend');
    expect(store.secrets.has('backend')).toBe(false);
    expect(store.secrets.get('backend')).toBeUndefined();
  });

  it('uses the host cipher when given one, and explains a value it can no longer decrypt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-store-'));
    dirs.push(dir);
    const reversing = {
      encrypt: (plain: string) => Buffer.from([...plain].reverse().join('')),
      decrypt: (sealed: Buffer) => [...sealed.toString()].reverse().join(''),
    };
    const store = openStore({ userDataPath: dir, cipher: reversing });
    stores.push(store);
    store.secrets.set('k', 'abc');
    expect(
      (store.db.prepare('SELECT value FROM secrets').get() as { value: Buffer }).value.toString(),
    ).toBe('cba');
    store.close();
    const other = openStore({ userDataPath: dir });
    stores.push(other);
    const error = (() => {
      try {
        other.secrets.get('k');
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toBe(
      'secret "k" could not be decrypted (the key it was stored with is gone); set it again',
    );
  });
});
