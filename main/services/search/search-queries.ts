/**
 * The SQL of a search. Ranking is FTS5's bm25 times a weight by kind (an API's own
 * row 4, an operation 2, definition text 1), so a hit on a name or an operation
 * outranks the same words deep in a definition. Nothing per matching row reads the
 * row's text: kind, API and method come from the rowid (row-ids.ts); only the rows
 * returned are read.
 *
 * APIs' own rows are ranked first, then operations, then text, each kind on its own
 * and only while it could still enter the page: a row of weight w scores below
 * w x 2.2 x the sum of the query terms' IDF (bm25's k1 + 1 bounds each term), so once
 * the page is full of rows beating that, no row of that kind can displace one. A
 * common word is then ranked over a few hundred API rows instead of every operation
 * and every chunk of every definition that mentions it. The page is the same as
 * ranking all rows at once.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { IndexWriter } from './index-writer.js';
import type { ParsedQuery } from './query-parser.js';
import { apiRowId, operationRange, OPS_BASE, rowSql, TEXT_BASE } from './row-ids.js';

/** A row of the page: its rowid and its rank (bm25 x weight, lower is better; 0 unranked). */
export interface PageRow {
  id: number;
  rank: number;
}

type Params = Record<string, string | number>;

/** API-level filters as SQL over `search_apis m`, and the method code an `op:` keeps. */
interface Filters {
  where: string[];
  params: Params;
  code: number | null;
}

/**
 * Kinds of row in rank order of their weight, each its own rowid block. A later tier
 * is ranked only when the page is not yet full of rows that beat its best possible rank.
 */
const tiers = [
  { kind: 'api', weight: 4, from: 0, to: OPS_BASE },
  { kind: 'operation', weight: 2, from: OPS_BASE, to: TEXT_BASE },
  { kind: 'text', weight: 1, from: TEXT_BASE, to: 2 ** 53 },
] as const;

/**
 * bm25 with a huge weight on the text column: every term's frequency is then
 * effectively infinite, so each term scores its full IDF x (k1 + 1), the most any row
 * of weight 1 can score, whatever row it is computed on (the figure is minus that).
 */
const BOUND_WEIGHT = 1e12;
/** How far below the true bound the huge-weight figure can sit (relative), with room to spare. */
const BOUND_SLACK = 1e-6;

export class SearchQueries {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly writer: IndexWriter,
  ) {}

  /** The page's rows in order, or an empty list when nothing can match. */
  page(q: ParsedQuery, match: string | null, limit: number): PageRow[] {
    const filters = this.filters(q);
    if (!filters) return [];
    if (match) return this.ranked(match, filters, limit);
    if (filters.where.length > 0) return this.listed(filters, limit);
    return [];
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Null when a filter names a method no indexed operation has: nothing matches. */
  private filters(q: ParsedQuery): Filters | null {
    const where: string[] = [];
    const params: Params = {};
    let code: number | null = null;
    if (q.type) {
      where.push('m.type = @type');
      params.type = q.type;
    }
    if (q.api) {
      where.push(`(m.name LIKE @api ESCAPE '\\' OR m.api_id LIKE @api ESCAPE '\\')`);
      params.api = `${q.api.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (q.op) {
      const known = this.writer.existingMethodCode(q.op);
      if (known === undefined) return null;
      code = known;
      where.push(`EXISTS (SELECT 1 FROM json_each(m.methods) WHERE value = @op)`);
      params.op = q.op;
    }
    q.tags.forEach((tag, n) => {
      where.push(`EXISTS (SELECT 1 FROM json_each(m.tags) WHERE value = @tag${n})`);
      params[`tag${n}`] = tag;
    });
    return { where, params, code };
  }

  private ranked(match: string, f: Filters, limit: number): PageRow[] {
    // Uncorrelated, so SQLite builds the set of kept APIs once per query.
    const apis =
      f.where.length > 0
        ? ` AND ${rowSql.num} IN (SELECT num FROM search_apis m WHERE ${f.where.join(' AND ')})`
        : '';
    const params = { ...f.params, match, limit };
    let page: PageRow[] = [];
    let bound: number | null = null;
    for (const [index, tier] of tiers.entries()) {
      const methods =
        tier.kind === 'operation' && f.code !== null ? ` AND ${rowSql.methodCode} = ${f.code}` : '';
      const rows = this.statement(
        `SELECT rowid AS id, bm25(search_index) * ${tier.weight} AS rank,
           bm25(search_index, ${BOUND_WEIGHT}) AS bound
         FROM search_index
         WHERE search_index MATCH @match AND rowid >= ${tier.from} AND rowid < ${tier.to}${apis}${methods}
         ORDER BY rank, rowid LIMIT @limit`,
      ).all(params) as (PageRow & { bound: number })[];
      bound ??= rows[0] ? -rows[0].bound * (1 + BOUND_SLACK) : null;
      // Tiers come in rowid order, so equal ranks keep the lower rowid first, as one ranking would.
      page = [...page, ...rows.map(({ id, rank }) => ({ id, rank }))]
        .sort((a, b) => a.rank - b.rank || a.id - b.id)
        .slice(0, limit);
      const next = tiers[index + 1];
      const worst = page.at(-1)?.rank ?? 0;
      if (!next || (page.length === limit && bound !== null && worst <= -next.weight * bound))
        break;
    }
    return page;
  }

  /**
   * Filters alone list the matching APIs by name, each with its own row and, under
   * `op:`, its operations of that method in the order of the definition.
   */
  private listed(f: Filters, limit: number): PageRow[] {
    const apis = this.statement(
      `SELECT num FROM search_apis m WHERE ${f.where.join(' AND ')}
       ORDER BY m.name COLLATE NOCASE, m.api_id`,
    ).all(f.params) as { num: number }[];
    const operations = this.statement(
      'SELECT id FROM search_rows WHERE id BETWEEN ? AND ? ORDER BY line, id LIMIT ?',
    );
    const rows: PageRow[] = [];
    for (const { num } of apis) {
      if (rows.length >= limit) break;
      rows.push({ id: apiRowId(num), rank: 0 });
      if (f.code === null) continue;
      const [from, to] = operationRange(num, f.code);
      for (const op of operations.all(from, to, limit - rows.length) as { id: number }[])
        rows.push({ id: op.id, rank: 0 });
    }
    return rows;
  }
}
