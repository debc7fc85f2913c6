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

export class EncryptedSecretStore implements SecretStore {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  set(name: string, value: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    this.db
      .prepare(
        `INSERT INTO secrets (name, iv, tag, data, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, data = excluded.data, updated_at = excluded.updated_at`,
      )
      .run(name, iv, cipher.getAuthTag(), data, new Date(this.now()).toISOString());
  }

  get(name: string): string | null {
    const row = this.db.prepare('SELECT iv, tag, data FROM secrets WHERE name = ?').get(name) as
      Row | undefined;
    if (!row) return null;
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(row.tag);
    return Buffer.concat([decipher.update(row.data), decipher.final()]).toString('utf8');
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name).changes > 0;
  }

  list(): string[] {
    return (
      this.db.prepare('SELECT name FROM secrets ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
  }
}
