/**
 * Deployment history. Each deploy (and undeploy) appends a row that remembers which
 * row was current before it, so rollback walks back along that chain; the current
 * row id sits in `meta`. A restart reads the current row and serves it again.
 */
import type { GatewayBundle } from '../model/bundle.js';
import type { Db } from './database.js';

/** One entry of the deployment history; `bundle` null is an undeploy. */
export interface DeploymentRecord {
  id: number;
  revision: string | null;
  bundle: GatewayBundle | null;
  previousId: number | null;
  deployedAt: string;
}

interface Row {
  id: number;
  revision: string | null;
  bundle: string | null;
  previous_id: number | null;
  deployed_at: string;
}

export class DeploymentStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** The deployment being served, if any. */
  current(): DeploymentRecord | null {
    const id = this.currentId();
    return id === null ? null : this.byId(id);
  }

  /** Appends a deployment (a bundle, or null to undeploy) and makes it current. */
  push(bundle: GatewayBundle | null): DeploymentRecord {
    return this.db.transaction(() => {
      const previousId = this.currentId();
      const deployedAt = new Date(this.now()).toISOString();
      const info = this.db
        .prepare(
          'INSERT INTO deployments (revision, bundle, previous_id, deployed_at) VALUES (?, ?, ?, ?)',
        )
        .run(
          bundle?.revision ?? null,
          bundle ? JSON.stringify(bundle) : null,
          previousId,
          deployedAt,
        );
      const id = Number(info.lastInsertRowid);
      this.setCurrent(id);
      return { id, revision: bundle?.revision ?? null, bundle, previousId, deployedAt };
    })();
  }

  /** Makes the deployment before the current one current again; null when there is none. */
  rollback(): DeploymentRecord | null {
    return this.db.transaction(() => {
      const current = this.current();
      if (!current || current.previousId === null) return null;
      const previous = this.byId(current.previousId);
      if (!previous) return null;
      this.setCurrent(previous.id);
      return previous;
    })();
  }

  /** Rewrites the current bundle in place (subscription and denylist changes). */
  replaceCurrent(bundle: GatewayBundle): void {
    const id = this.currentId();
    if (id === null) return;
    this.db
      .prepare('UPDATE deployments SET bundle = ? WHERE id = ?')
      .run(JSON.stringify(bundle), id);
  }

  /** Newest first. */
  list(limit = 50): Omit<DeploymentRecord, 'bundle'>[] {
    const rows = this.db
      .prepare(
        'SELECT id, revision, previous_id, deployed_at FROM deployments ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as Omit<Row, 'bundle'>[];
    return rows.map((r) => ({
      id: r.id,
      revision: r.revision,
      previousId: r.previous_id,
      deployedAt: r.deployed_at,
    }));
  }

  private byId(id: number): DeploymentRecord | null {
    const row = this.db.prepare('SELECT * FROM deployments WHERE id = ?').get(id) as
      Row | undefined;
    if (!row) return null;
    return {
      id: row.id,
      revision: row.revision,
      // Rows were validated when deployed; they are re-validated by the caller on load.
      bundle: row.bundle === null ? null : (JSON.parse(row.bundle) as GatewayBundle),
      previousId: row.previous_id,
      deployedAt: row.deployed_at,
    };
  }

  private currentId(): number | null {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'current_deployment'").get() as
      { value: string } | undefined;
    return row ? Number(row.value) : null;
  }

  private setCurrent(id: number): void {
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES ('current_deployment', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(String(id));
  }
}
