/**
 * Content search over every API of the open workspace: an FTS5 index in the
 * studio's SQLite, ranked with bm25. The index is derived: it follows the workspace
 * incrementally (an API is re-indexed only when the hash of its api.yaml and
 * definition changed; removed APIs leave it), and an empty index (a deleted
 * database) is rebuilt from the folder on the next sync.
 *
 * Snippets mark each match with « and » (plain characters, so the renderer can
 * show them as text or split on them to highlight, and no HTML ever needs escaping).
 */
import type { Database } from 'better-sqlite3';
import type { ApiRecord } from '../workspace/api-files.js';
import { apiDocument, apiHash, type RowKind } from './api-documents.js';
import { ftsMatch, parseQuery, type ParsedQuery } from './query-parser.js';

export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';
const SNIPPET_CHARS = 160;

/** One hit. */
export interface SearchHit {
  /** Workspace API id, e.g. `PetStore-1.0.0`. */
  apiId: string;
  apiName: string;
  /** `api` (name, context, tags), `operation`, or `text` (the definition's full text). */
  kind: RowKind;
  /** Relative to the workspace root. */
  file: string;
  /** 1-based line of the match. */
  line: number;
  /** The matching line (cut to about 160 characters) with each match in « ». */
  snippet: string;
  /** Higher is better; 0 when the query has no free text (filters only). */
  score: number;
}

/** Where the APIs come from: the workspace service. */
export interface SearchSource {
  apiRecords(): readonly ApiRecord[];
  onContentChanged(listener: () => void): () => void;
}

interface HitRow {
  api_id: string;
  name: string;
  kind: RowKind;
  file: string;
  line: number;
  text: string;
  rank: number;
}

// bm25 is negative, better is lower: the weight makes a hit on a name or an
// operation outrank the same words deep in the definition's text.
const weight = `CASE i.kind WHEN 'api' THEN 4.0 WHEN 'operation' THEN 2.0 ELSE 1.0 END`;

function filterSql(q: ParsedQuery, params: Record<string, string | number>): string {
  const where: string[] = [];
  if (q.type) {
    where.push('m.type = @type');
    params.type = q.type;
  }
  if (q.api) {
    where.push(`(m.name LIKE @api ESCAPE '\\' OR m.api_id LIKE @api ESCAPE '\\')`);
    params.api = `${q.api.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.op) {
    where.push(`EXISTS (SELECT 1 FROM json_each(m.methods) WHERE value = @op)`);
    where.push(`(i.kind != 'operation' OR i.method = @op)`);
    params.op = q.op;
  }
  q.tags.forEach((tag, n) => {
    where.push(`EXISTS (SELECT 1 FROM json_each(m.tags) WHERE value = @tag${n})`);
    params[`tag${n}`] = tag;
  });
  return where.length > 0 ? ` AND ${where.join(' AND ')}` : '';
}

/** Matches the query's words (as prefixes at a word start) and phrases in a line. */
function termPattern(q: ParsedQuery): RegExp | null {
  // A word matches as a prefix, so the mark covers the rest of the word it starts.
  const parts = [
    ...q.words.map((w) => `${w}[\\p{L}\\p{N}]*`),
    ...q.phrases.map((p) => p.split(' ').join('[^\\p{L}\\p{N}]+')),
  ].map((t) => `(?<![\\p{L}\\p{N}])${t}`);
  return parts.length > 0 ? new RegExp(parts.join('|'), 'giu') : null;
}

function mark(line: string, pattern: RegExp | null): string {
  const text = line.trim();
  if (!pattern) return text.slice(0, SNIPPET_CHARS);
  pattern.lastIndex = 0;
  const first = pattern.exec(text)?.index ?? 0;
  const start = Math.max(0, first - SNIPPET_CHARS / 4);
  let window = text.slice(start, start + SNIPPET_CHARS);
  window = window.replace(pattern, (m) => `${MARK_OPEN}${m}${MARK_CLOSE}`);
  return `${start > 0 ? '…' : ''}${window}${start + SNIPPET_CHARS < text.length ? '…' : ''}`;
}

/** The line of a row where the query matches first, and its snippet. */
function locate(row: HitRow, pattern: RegExp | null): { line: number; snippet: string } {
  const lines = row.text.split('\n');
  let at = 0;
  if (pattern && row.kind === 'text') {
    const found = lines.findIndex((l) => {
      pattern.lastIndex = 0;
      return pattern.test(l);
    });
    if (found >= 0) at = found;
  }
  return { line: row.line + at, snippet: mark(lines[at] ?? '', pattern) };
}

export class SearchService {
  private dirty = true;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Database,
    private readonly source: SearchSource,
    private readonly options: { log?: (level: 'warn' | 'error', message: string) => void } = {},
  ) {
    this.unsubscribe = source.onContentChanged(() => {
      this.dirty = true;
      // Index in the background soon after a change; a query meanwhile syncs first.
      this.timer ??= setTimeout(() => {
        this.timer = null;
        try {
          this.sync();
        } catch (error) {
          this.options.log?.('error', `search index: ${String(error)}`);
        }
      }, 50);
      this.timer.unref();
    });
  }

  /** Brings the index up to date with the workspace; returns which APIs it (re)indexed and removed. */
  sync(): { indexed: string[]; removed: string[] } {
    this.dirty = false;
    const apis = this.source.apiRecords();
    const known = new Map(
      (
        this.db.prepare('SELECT api_id, hash, first_row, last_row FROM search_apis').all() as {
          api_id: string;
          hash: string;
          first_row: number;
          last_row: number;
        }[]
      ).map((r) => [r.api_id, r]),
    );
    const dropRows = this.db.prepare('DELETE FROM search_index WHERE rowid BETWEEN ? AND ?');
    const dropMeta = this.db.prepare('DELETE FROM search_apis WHERE api_id = ?');
    const insert = this.db.prepare(
      'INSERT INTO search_index (text, api_id, kind, file, line, method) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const meta = this.db.prepare(
      `INSERT INTO search_apis (api_id, name, type, tags, methods, hash, operations, first_row, last_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const indexed: string[] = [];
    const removed: string[] = [];
    this.db
      .transaction(() => {
        const current = new Set(apis.map((a) => a.id));
        for (const [id, row] of known) {
          if (current.has(id)) continue;
          dropRows.run(row.first_row, row.last_row);
          dropMeta.run(id);
          removed.push(id);
        }
        for (const api of apis) {
          const old = known.get(api.id);
          if (old?.hash === apiHash(api)) continue;
          if (old) {
            dropRows.run(old.first_row, old.last_row);
            dropMeta.run(api.id);
          }
          const doc = apiDocument(api);
          let first = 0;
          let last = 0;
          for (const row of doc.rows) {
            last = Number(
              insert.run(row.text, doc.apiId, row.kind, row.file, row.line, row.method)
                .lastInsertRowid,
            );
            if (first === 0) first = last;
          }
          const operations = doc.rows.filter((r) => r.kind === 'operation').length;
          meta.run(
            doc.apiId,
            doc.name,
            doc.type,
            JSON.stringify(doc.tags),
            JSON.stringify(doc.methods),
            doc.hash,
            operations,
            first,
            last,
          );
          indexed.push(api.id);
        }
      })
      .immediate();
    return { indexed, removed };
  }

  /** Empties the index and builds it again from the workspace. */
  rebuild(): void {
    this.db.exec('DELETE FROM search_index; DELETE FROM search_apis;');
    this.sync();
  }

  query(text: string, options: { limit?: number } = {}): SearchHit[] {
    if (this.dirty) this.sync();
    const q = parseQuery(text);
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const match = ftsMatch(q);
    const params: Record<string, string | number> = { limit };
    const filters = filterSql(q, params);
    let rows: HitRow[];
    if (match) {
      params.match = match;
      rows = this.db
        .prepare(
          `SELECT i.api_id, m.name, i.kind, i.file, i.line, i.text, bm25(search_index) * ${weight} AS rank
           FROM search_index i JOIN search_apis m ON m.api_id = i.api_id
           WHERE search_index MATCH @match${filters}
           ORDER BY rank LIMIT @limit`,
        )
        .all(params) as HitRow[];
    } else if (filters !== '') {
      // Filters alone list the matching APIs (and, with op:, their operations). Each
      // API's rows start with its api row and its operation rows, so a rowid range
      // reaches them without reading the definition's text rows.
      rows = this.db
        .prepare(
          `SELECT i.api_id, m.name, i.kind, i.file, i.line, i.text, 0 AS rank
           FROM search_apis m JOIN search_index i
             ON i.rowid BETWEEN m.first_row AND m.first_row + (CASE WHEN @op IS NULL THEN 0 ELSE m.operations END)
           WHERE 1${filters}
           ORDER BY m.name COLLATE NOCASE, i.kind, i.line LIMIT @limit`,
        )
        .all({ op: null, ...params }) as HitRow[];
    } else {
      return [];
    }
    const pattern = termPattern(q);
    return rows.map((row) => ({
      apiId: row.api_id,
      apiName: row.name,
      kind: row.kind,
      file: row.file,
      ...locate(row, pattern),
      score: row.rank === 0 ? 0 : Math.round(-row.rank * 1000) / 1000,
    }));
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
