/**
 * Writes the search tables of migration 0006: one `search_apis` row per API, its
 * rows' text in `search_rows`, and the same text in the FTS5 index under rowids laid
 * out by row-ids.ts. Callers run it inside a transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ApiDocument } from './api-documents.js';
import {
  apiRanges,
  apiRowId,
  MAX_API_NUM,
  MAX_METHOD_CODE,
  MAX_OPERATIONS_PER_METHOD,
  MAX_TEXT_ROWS,
  operationRowId,
  textRowId,
} from './row-ids.js';

/** What the index holds of an API. */
export interface IndexedApi {
  num: number;
  hash: string;
}

export class IndexWriter {
  private readonly insertApi: Statement;
  private readonly insertRow: Statement;
  private readonly insertFts: Statement;
  private readonly dropFts: Statement;
  private readonly dropRows: Statement;
  private readonly dropApi: Statement;
  private readonly insertMethod: Statement;
  private readonly indexRange: Statement;
  private methods: Map<string, number> | null = null;

  constructor(private readonly db: Database) {
    this.insertApi = db.prepare(
      `INSERT INTO search_apis (api_id, name, type, tags, methods, hash, api_file, definition_file)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRow = db.prepare('INSERT INTO search_rows (id, text, line) VALUES (?, ?, ?)');
    this.insertFts = db.prepare('INSERT INTO search_index (rowid, text) VALUES (?, ?)');
    // An external content index removes a row's terms by reading its text: rows go after it.
    this.dropFts = db.prepare('DELETE FROM search_index WHERE rowid >= ? AND rowid < ?');
    this.dropRows = db.prepare('DELETE FROM search_rows WHERE id >= ? AND id < ?');
    this.dropApi = db.prepare('DELETE FROM search_apis WHERE num = ?');
    this.insertMethod = db.prepare('INSERT INTO search_methods (code, method) VALUES (?, ?)');
    this.indexRange = db.prepare(
      'INSERT INTO search_index (rowid, text) SELECT id, text FROM search_rows WHERE id >= ? AND id < ? ORDER BY id',
    );
  }

  indexed(): Map<string, IndexedApi> {
    const rows = this.db.prepare('SELECT api_id, num, hash FROM search_apis').all() as {
      api_id: string;
      num: number;
      hash: string;
    }[];
    return new Map(rows.map((r) => [r.api_id, { num: r.num, hash: r.hash }]));
  }

  /** Empties every search table at once (FTS5 `delete-all`, no per-row work). */
  clear(): void {
    this.db.exec(`
      INSERT INTO search_index (search_index) VALUES ('delete-all');
      DELETE FROM search_rows;
      DELETE FROM search_apis;
    `);
  }

  drop(num: number): void {
    for (const [from, to] of apiRanges(num)) {
      this.dropFts.run(from, to);
      this.dropRows.run(from, to);
    }
    this.dropApi.run(num);
  }

  /**
   * Adds an API's rows; returns its num. Its own row enters the FTS index at once, its
   * operations and text only with `indexAdded`: FTS5 flushes its pending terms whenever
   * a rowid is lower than the last one written, so rows must reach it in rowid order,
   * and the kinds of row live in separate rowid blocks.
   */
  add(doc: ApiDocument, apiFile: string, definitionFile: string): number {
    const num = Number(
      this.insertApi.run(
        doc.apiId,
        doc.name,
        doc.type,
        JSON.stringify(doc.tags),
        JSON.stringify(doc.methods),
        doc.hash,
        apiFile,
        definitionFile,
      ).lastInsertRowid,
    );
    if (num > MAX_API_NUM) throw new Error(`search index: API number ${num} is out of range`);
    const perMethod = new Map<number, number>();
    let text = 0;
    for (const row of doc.rows) {
      if (row.kind === 'api') {
        this.insertRow.run(apiRowId(num), row.text, row.line);
        this.insertFts.run(apiRowId(num), row.text);
      } else if (row.kind === 'operation') {
        const code = this.methodCode(row.method ?? '');
        const n = (perMethod.get(code) ?? 0) + 1;
        perMethod.set(code, n);
        // The operation's words are in the definition's text rows too; only its own row is lost.
        if (n <= MAX_OPERATIONS_PER_METHOD)
          this.insertRow.run(operationRowId(num, code, n), row.text, row.line);
      } else if (text < MAX_TEXT_ROWS) {
        this.insertRow.run(textRowId(num, text), row.text, row.line);
        text += 1;
      }
    }
    return num;
  }

  /** Merges the FTS index into one segment. */
  optimize(): void {
    this.db.exec(`INSERT INTO search_index (search_index) VALUES ('optimize')`);
  }

  /** Indexes the operation and text rows of the APIs numbered `from` to `to`, added since, in rowid order. */
  indexAdded(from: number, to: number): void {
    const first = apiRanges(from);
    const last = apiRanges(to);
    // Operations, then text: blocks 1 and 2 of each API's ranges.
    for (const block of [1, 2]) this.indexRange.run(first[block]?.[0], last[block]?.[1]);
  }

  /** The code of an operation method, given one the first time it is seen. */
  methodCode(method: string): number {
    const codes = this.knownMethods();
    let code = codes.get(method);
    if (code === undefined) {
      code = codes.size + 1;
      if (code > MAX_METHOD_CODE)
        throw new Error(`search index: more than ${MAX_METHOD_CODE} operation methods`);
      this.insertMethod.run(code, method);
      codes.set(method, code);
    }
    return code;
  }

  /** The code of a method, or undefined when no indexed operation has it. */
  existingMethodCode(method: string): number | undefined {
    return this.knownMethods().get(method);
  }

  /** Forgets cached method codes (the transaction that added some rolled back). */
  reset(): void {
    this.methods = null;
  }

  private knownMethods(): Map<string, number> {
    this.methods ??= new Map(
      (
        this.db.prepare('SELECT code, method FROM search_methods').all() as {
          code: number;
          method: string;
        }[]
      ).map((r) => [r.method, r.code]),
    );
    return this.methods;
  }
}
