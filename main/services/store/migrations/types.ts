import type { Database } from 'better-sqlite3';

/** One schema change. Ids are consecutive; a migration never changes once released. */
export interface Migration {
  id: number;
  name: string;
  up(db: Database): void;
}
