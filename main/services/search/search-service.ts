/**
 * Content search over every API of the open workspace: an FTS5 index in the
 * studio's SQLite, ranked with bm25 (search-queries.ts). The index is derived: it
 * follows the workspace incrementally (an API is re-indexed only when the hash of its
 * api.yaml and definition changed; removed APIs leave it), and an empty index (a
 * deleted database) is rebuilt from the folder on the next sync.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ApiRecord } from '../workspace/api-files.js';
import { apiDocument, apiHash, type RowKind } from './api-documents.js';
import { IndexWriter } from './index-writer.js';
import { ftsMatch, parseQuery } from './query-parser.js';
import { apiNumOf, kindOf } from './row-ids.js';
import { SearchQueries } from './search-queries.js';
import { locate, termPattern } from './snippets.js';

export { MARK_CLOSE, MARK_OPEN } from './snippets.js';

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

interface ApiRow {
  api_id: string;
  name: string;
  api_file: string;
  definition_file: string;
}

export class SearchService {
  private dirty = true;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private readonly writer: IndexWriter;
  private readonly queries: SearchQueries;
  private readonly readRow: Statement<[number], { text: string; line: number }>;
  private readonly readApi: Statement<[number], ApiRow>;

  constructor(
    private readonly db: Database,
    private readonly source: SearchSource,
    private readonly options: { log?: (level: 'warn' | 'error', message: string) => void } = {},
  ) {
    this.writer = new IndexWriter(db);
    this.queries = new SearchQueries(db, this.writer);
    // Prepared once: a query runs at every keystroke of the search box.
    this.readRow = db.prepare('SELECT text, line FROM search_rows WHERE id = ?');
    this.readApi = db.prepare(
      'SELECT api_id, name, api_file, definition_file FROM search_apis WHERE num = ?',
    );
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
    const indexed: string[] = [];
    const removed: string[] = [];
    const write = this.db.transaction(() => {
      const known = this.writer.indexed();
      // No API known (a new or emptied index): clear leftovers in one step rather than row by row.
      if (known.size === 0) this.writer.clear();
      const current = new Set(apis.map((a) => a.id));
      for (const [id, api] of known) {
        if (current.has(id)) continue;
        this.writer.drop(api.num);
        removed.push(id);
      }
      // Nums are handed out above every API kept, so the added ones form one range.
      let first = Infinity;
      let last = 0;
      for (const api of apis) {
        const old = known.get(api.id);
        if (old?.hash === apiHash(api)) continue;
        if (old) this.writer.drop(old.num);
        const doc = apiDocument(api);
        const apiFile = `${api.folder}/api.yaml`;
        const definitionFile = api.definition ? `${api.folder}/${api.definition.file}` : apiFile;
        const num = this.writer.add(doc, apiFile, definitionFile);
        first = Math.min(first, num);
        last = Math.max(last, num);
        indexed.push(api.id);
      }
      if (last > 0) this.writer.indexAdded(first, last);
      // A full build leaves many segments behind; merged into one, a prefix query reads
      // each term's doclist once instead of once per segment (about half the time).
      if (known.size === 0 && last > 0) this.writer.optimize();
    });
    try {
      write.immediate();
    } catch (error) {
      this.writer.reset();
      throw error;
    }
    return { indexed, removed };
  }

  /** Empties the index and builds it again from the workspace. */
  rebuild(): void {
    this.db.transaction(() => this.writer.clear()).immediate();
    this.sync();
  }

  query(text: string, options: { limit?: number } = {}): SearchHit[] {
    if (this.dirty) this.sync();
    const q = parseQuery(text);
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const rows = this.queries.page(q, ftsMatch(q), limit);
    const apis = new Map<number, ApiRow | undefined>();
    const pattern = termPattern(q);
    return rows.flatMap(({ id, rank }) => {
      const num = apiNumOf(id);
      if (!apis.has(num)) apis.set(num, this.readApi.get(num));
      const api = apis.get(num);
      const row = this.readRow.get(id);
      if (!api || !row) return [];
      const kind = kindOf(id);
      return [
        {
          apiId: api.api_id,
          apiName: api.name,
          kind,
          file: kind === 'api' ? api.api_file : api.definition_file,
          ...locate({ kind, ...row }, pattern),
          score: rank === 0 ? 0 : Math.round(-rank * 1000) / 1000,
        },
      ];
    });
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
