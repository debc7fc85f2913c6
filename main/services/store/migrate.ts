/**
 * Brings a database up to date: applies, in one transaction, every migration not
 * yet recorded in `schema_migrations`. A database newer than this build is refused
 * rather than misread.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/index.js';

/** Applies pending migrations; returns the ids it applied. */
export function runMigrations(db: Database, migrations: readonly Migration[]): number[] {
  migrations.forEach((m, index) => {
    if (m.id !== index + 1)
      throw new Error(`migration ${m.name} has id ${m.id}; expected ${index + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const apply = db.transaction((): number[] => {
    const applied = new Set(
      (db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map(
        (row) => row.id,
      ),
    );
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `the database is at schema version ${newest}, newer than this Portico knows (${migrations.length}); use a newer Portico or delete the database`,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)',
    );
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      migration.up(db);
      record.run(migration.id, migration.name, new Date().toISOString());
      done.push(migration.id);
    }
    return done;
  });
  return apply.immediate();
}
