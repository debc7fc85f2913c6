/**
 * The history of what each environment was told to serve, per workspace and API:
 * one row per push, rollback or undeploy, with each node's result. The newest row
 * of an API says which revision the environment should serve (none after an
 * undeploy); rollback walks back through the pushes.
 */
import type { Database } from 'better-sqlite3';

export type DeploymentAction = 'push' | 'rollback' | 'undeploy';

/** How one node took a push. */
export interface NodeResult {
  node: string;
  ok: boolean;
  /** The revision the node serves afterwards, as its health reports it (null: none or unknown). */
  revision: string | null;
  error?: string;
}

/** One entry of an environment's history. */
export interface DeploymentRecord {
  seq: number;
  environment: string;
  apiId: string;
  /** Null for an undeploy. */
  revisionId: string | null;
  action: DeploymentAction;
  author: string;
  at: string;
  /** The environment bundle's revision that was pushed (null when nothing was left to serve). */
  bundleRevision: string | null;
  results: NodeResult[];
}

interface Row {
  seq: number;
  environment: string;
  api_id: string;
  revision_id: string | null;
  action: DeploymentAction;
  author: string;
  at: string;
  bundle_revision: string | null;
  results: string;
}

function record(row: Row): DeploymentRecord {
  return {
    seq: row.seq,
    environment: row.environment,
    apiId: row.api_id,
    revisionId: row.revision_id,
    action: row.action,
    author: row.author,
    at: row.at,
    bundleRevision: row.bundle_revision,
    results: JSON.parse(row.results) as NodeResult[],
  };
}

export class Deployments {
  constructor(private readonly db: Database) {}

  add(workspace: string, entry: Omit<DeploymentRecord, 'seq'>): void {
    this.db
      .prepare(
        `INSERT INTO environment_deployments
           (workspace, environment, api_id, revision_id, action, author, at, bundle_revision, results)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        workspace,
        entry.environment,
        entry.apiId,
        entry.revisionId,
        entry.action,
        entry.author,
        entry.at,
        entry.bundleRevision,
        JSON.stringify(entry.results),
      );
  }

  /** Newest first; all APIs unless `apiId` is given. */
  history(workspace: string, environment: string, apiId?: string): DeploymentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM environment_deployments
         WHERE workspace = ? AND environment = ? AND (? IS NULL OR api_id = ?)
         ORDER BY seq DESC`,
      )
      .all(workspace, environment, apiId ?? null, apiId ?? null) as Row[];
    return rows.map(record);
  }

  /** API id -> the revision the environment should serve now (undeployed APIs left out). */
  active(workspace: string, environment: string): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT d.api_id, d.revision_id FROM environment_deployments d
         JOIN (SELECT api_id, MAX(seq) AS seq FROM environment_deployments
               WHERE workspace = ? AND environment = ? GROUP BY api_id) latest
           ON latest.seq = d.seq
         ORDER BY d.api_id`,
      )
      .all(workspace, environment) as { api_id: string; revision_id: string | null }[];
    const out = new Map<string, string>();
    for (const row of rows) if (row.revision_id !== null) out.set(row.api_id, row.revision_id);
    return out;
  }

  /**
   * The revision a rollback returns to. History is replayed as a stack: a push or an
   * undeploy puts a state on top, a rollback takes the top off, so rolling back twice
   * goes two pushes back rather than back and forth. Null when there is nothing below.
   */
  previous(workspace: string, environment: string, apiId: string): string | null {
    const stack: (string | null)[] = [];
    for (const entry of this.history(workspace, environment, apiId).reverse()) {
      if (entry.action === 'rollback') stack.pop();
      else stack.push(entry.revisionId);
    }
    if ((stack.at(-1) ?? null) === null) return null;
    for (let i = stack.length - 2; i >= 0; i -= 1) {
      const revision = stack[i];
      if (revision !== null && revision !== undefined && revision !== stack.at(-1)) return revision;
    }
    return null;
  }
}
