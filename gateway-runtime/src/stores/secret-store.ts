/**
 * Secrets (AI vendor keys, backend credentials) named by a bundle's `secretRef`.
 * Stored encrypted with AES-256-GCM under a 32-byte key kept in a file created 0600
 * in the data dir; the secret's name is bound in as additional authenticated data, so
 * a ciphertext cannot be moved to another name. Values are never listed or returned
 * over the admin API; only the gateway reads them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database.js';

/** Where the gateway keeps secrets; the studio may inject its own (Electron safeStorage). */
export interface SecretStore {
  set(name: string, value: string): void;
  /** The plain value, for the gateway's own use only. */
  get(name: string): string | null;
  delete(name: string): boolean;
  /** Names only. */
  list(): string[];
}

/** Name of the key file inside the data dir. */
export const SECRET_KEY_FILE = 'secret.key';

/** Reads the key file, creating it (0600) on first use. */
export function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_KEY_FILE);
  try {
    writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // The umask may have widened nothing, but an older file may carry looser bits.
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== 32)
    throw new Error(
      `${file} must hold exactly 32 bytes; delete it to create a new key (secrets are lost)`,
    );
  return key;
}

interface Row {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

/**
 * Values are decrypted once and kept in memory until this store sets or deletes them:
 * an AI call reads its vendor key on every request, and a prepare plus an AES-GCM
 * decryption each time was a third of the gateway's own work before the vendor call.
 * Every write goes through this object (the admin API's PUT and DELETE), so the copy
 * cannot go stale.
 */
export class EncryptedSecretStore implements SecretStore {
  private readonly plain = new Map<string, string>();
  private readonly upsert;
  private readonly select;
  private readonly remove;
  private readonly names;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO secrets (name, iv, tag, data, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.select = db.prepare('SELECT iv, tag, data FROM secrets WHERE name = ?');
    this.remove = db.prepare('DELETE FROM secrets WHERE name = ?');
    this.names = db.prepare('SELECT name FROM secrets ORDER BY name');
  }

  set(name: string, value: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    this.upsert.run(name, iv, cipher.getAuthTag(), data, new Date(this.now()).toISOString());
    this.plain.set(name, value);
  }

  get(name: string): string | null {
    const known = this.plain.get(name);
    if (known !== undefined) return known;
    const row = this.select.get(name) as Row | undefined;
    if (!row) return null;
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(row.tag);
    const value = Buffer.concat([decipher.update(row.data), decipher.final()]).toString('utf8');
    this.plain.set(name, value);
    return value;
  }

  delete(name: string): boolean {
    this.plain.delete(name);
    return this.remove.run(name).changes > 0;
  }

  list(): string[] {
    return (this.names.all() as { name: string }[]).map((r) => r.name);
  }
}
