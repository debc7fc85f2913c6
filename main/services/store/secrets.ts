/**
 * Secrets (AI vendor keys, backend credentials) by name, encrypted with the host's
 * cipher before they reach the database. Values are never listed, only names.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../errors.js';
import type { SecretCipher } from './cipher.js';

export class Secrets {
  constructor(
    private readonly db: Database,
    private readonly cipher: SecretCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  set(name: string, value: string): void {
    if (name.trim() === '')
      throw new StudioError('VALIDATION', 'name: a secret needs a non-empty name');
    this.db
      .prepare(
        `INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(name, this.cipher.encrypt(value), this.now().toISOString());
  }

  /** The plain value, or `undefined` when no secret has that name. */
  get(name: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM secrets WHERE name = ?').get(name) as
      { value: Buffer } | undefined;
    if (!row) return undefined;
    try {
      return this.cipher.decrypt(row.value);
    } catch {
      throw new StudioError(
        'VALIDATION',
        `secret "${name}" could not be decrypted (the key it was stored with is gone); set it again`,
      );
    }
  }

  has(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM secrets WHERE name = ?').get(name) !== undefined;
  }

  names(): string[] {
    return (
      this.db.prepare('SELECT name FROM secrets ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
  }
}
