import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';
import { EncryptedSecretStore, loadOrCreateKey, SECRET_KEY_FILE } from './secret-store.js';

let db: Db | null = null;
let dir: string | null = null;
afterEach(async () => {
  db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  db = null;
  dir = null;
});

describe('EncryptedSecretStore', () => {
  it('round-trips values, lists names only, and stores ciphertext', () => {
    db = openDatabase(null);
    const store = new EncryptedSecretStore(db, Buffer.alloc(32, 1));
    store.set('openai', 'sk-123');
    store.set('openai', 'sk-456');
    store.set('backend', 'pw');
    expect(store.get('openai')).toBe('sk-456');
    expect(store.list()).toEqual(['backend', 'openai']);
    const row = db.prepare('SELECT data FROM secrets WHERE name = ?').get('openai') as {
      data: Buffer;
    };
    expect(row.data.includes(Buffer.from('sk-456'))).toBe(false);
    expect(store.delete('backend')).toBe(true);
    expect(store.get('backend')).toBeNull();
  });

  it('refuses a ciphertext moved to another name, and a wrong key', () => {
    db = openDatabase(null);
    const store = new EncryptedSecretStore(db, Buffer.alloc(32, 1));
    store.set('a', 'value');
    db.prepare(
      "INSERT INTO secrets (name, iv, tag, data, updated_at) SELECT 'b', iv, tag, data, updated_at FROM secrets WHERE name = 'a'",
    ).run();
    expect(() => store.get('b')).toThrow();
    expect(() => new EncryptedSecretStore(db as Db, Buffer.alloc(32, 2)).get('a')).toThrow();
  });

  it('decrypts a value once and keeps it until this store sets or deletes it', () => {
    db = openDatabase(null);
    const store = new EncryptedSecretStore(db, Buffer.alloc(32, 1));
    store.set('openai', 'sk-1');
    expect(store.get('openai')).toBe('sk-1');
    // A damaged row is not read again: the value comes from memory...
    db.prepare("UPDATE secrets SET data = x'00' WHERE name = 'openai'").run();
    expect(store.get('openai')).toBe('sk-1');
    // ...while a store that never read it must decrypt, and fails.
    expect(() => new EncryptedSecretStore(db as Db, Buffer.alloc(32, 1)).get('openai')).toThrow();
    store.set('openai', 'sk-2');
    expect(store.get('openai')).toBe('sk-2');
    expect(store.delete('openai')).toBe(true);
    expect(store.get('openai')).toBeNull();
  });

  it('creates a 0600 key file once and reuses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-key-'));
    const key = loadOrCreateKey(dir);
    expect(key).toHaveLength(32);
    expect((await stat(join(dir, SECRET_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(dir).equals(key)).toBe(true);
    await writeFile(join(dir, SECRET_KEY_FILE), 'short');
    expect(() => loadOrCreateKey(dir as string)).toThrow(/32 bytes/);
  });
});
