/** Studio settings: small JSON values by key (theme, window state, last choices). */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class Settings {
  constructor(private readonly db: Database) {}

  /** The value, when it is set and matches `schema`; a stale value of another shape reads as unset. */
  get<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    if (!row) return undefined;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  }

  set(key: string, value: JsonValue): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
