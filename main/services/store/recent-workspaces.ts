/** Workspaces opened lately, most recent first. */
import type { Database } from 'better-sqlite3';
import type { RecentWorkspace } from '../../ipc/contract.js';

/** How many workspaces the list keeps. */
export const RECENT_LIMIT = 20;

export class RecentWorkspaces {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records an opening; the oldest entries past the limit are dropped. */
  touch(path: string, name: string): void {
    const openedAt = this.now().toISOString();
    this.db.transaction(() => {
      // Delete then insert (not upsert): the fresh rowid orders openings within one millisecond.
      this.db.prepare('DELETE FROM recent_workspaces WHERE path = ?').run(path);
      this.db
        .prepare('INSERT INTO recent_workspaces (path, name, opened_at) VALUES (?, ?, ?)')
        .run(path, name, openedAt);
      this.db
        .prepare(
          `DELETE FROM recent_workspaces WHERE path NOT IN
             (SELECT path FROM recent_workspaces ORDER BY opened_at DESC, rowid DESC LIMIT ?)`,
        )
        .run(RECENT_LIMIT);
    })();
  }

  list(): RecentWorkspace[] {
    const rows = this.db
      .prepare(
        'SELECT path, name, opened_at AS openedAt FROM recent_workspaces ORDER BY opened_at DESC, rowid DESC',
      )
      .all() as RecentWorkspace[];
    return rows;
  }

  remove(path: string): void {
    this.db.prepare('DELETE FROM recent_workspaces WHERE path = ?').run(path);
  }
}
