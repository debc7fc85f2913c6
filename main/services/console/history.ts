/**
 * The console's history in SQLite, newest first, kept to the last
 * `HISTORY_LIMIT` requests per API of a workspace.
 */
import type { Database } from 'better-sqlite3';
import type {
  ConsoleRequest,
  ConsoleResponse,
  HistoryEntry,
  HistorySummary,
} from '../../ipc/contract-console.js';
import { StudioError } from '../errors.js';

export const HISTORY_LIMIT = 200;

interface Row {
  id: number;
  api_id: string;
  sent_at: string;
  method: string;
  path: string;
  status: number | null;
  total_ms: number | null;
  error: string | null;
  request: string;
  response: string | null;
}

function summary(row: Row): HistorySummary {
  return {
    id: row.id,
    apiId: row.api_id,
    sentAt: row.sent_at,
    method: row.method,
    path: row.path,
    status: row.status,
    totalMs: row.total_ms,
    error: row.error,
  };
}

/** A pasted key is a secret: history keeps that one was used, not its value. */
function withoutSecrets(request: ConsoleRequest): ConsoleRequest {
  const { credentials } = request;
  if (credentials.type !== 'apiKey' || credentials.key === undefined) return request;
  const { key: _dropped, ...rest } = credentials;
  return { ...request, credentials: rest };
}

export class ConsoleHistory {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(
    workspace: string,
    request: ConsoleRequest,
    outcome: { response: ConsoleResponse } | { error: string },
  ): number {
    const response = 'response' in outcome ? outcome.response : null;
    const insert = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO console_history
             (workspace, api_id, sent_at, method, path, status, total_ms, error, request, response)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          workspace,
          request.apiId,
          this.now().toISOString(),
          request.method,
          request.path,
          response?.status ?? null,
          response?.timings.totalMs ?? null,
          'error' in outcome ? outcome.error : null,
          JSON.stringify(withoutSecrets(request)),
          response === null ? null : JSON.stringify(response),
        );
      this.db
        .prepare(
          `DELETE FROM console_history WHERE workspace = ? AND api_id = ? AND id NOT IN (
             SELECT id FROM console_history WHERE workspace = ? AND api_id = ?
             ORDER BY id DESC LIMIT ?)`,
        )
        .run(workspace, request.apiId, workspace, request.apiId, HISTORY_LIMIT);
      return Number(lastInsertRowid);
    });
    return insert();
  }

  list(workspace: string, apiId: string): HistorySummary[] {
    const rows = this.db
      .prepare('SELECT * FROM console_history WHERE workspace = ? AND api_id = ? ORDER BY id DESC')
      .all(workspace, apiId) as Row[];
    return rows.map(summary);
  }

  get(workspace: string, id: number): HistoryEntry {
    const row = this.db
      .prepare('SELECT * FROM console_history WHERE workspace = ? AND id = ?')
      .get(workspace, id) as Row | undefined;
    if (!row) throw new StudioError('NOT_FOUND', `id: no history entry ${id} in this workspace`);
    return {
      ...summary(row),
      request: JSON.parse(row.request) as ConsoleRequest,
      response: row.response === null ? null : (JSON.parse(row.response) as ConsoleResponse),
    };
  }

  clear(workspace: string, apiId: string): void {
    this.db
      .prepare('DELETE FROM console_history WHERE workspace = ? AND api_id = ?')
      .run(workspace, apiId);
  }
}
