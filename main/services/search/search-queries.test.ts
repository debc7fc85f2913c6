import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { planNewApi, writeNewApi } from '../workspace/api-create.js';
import { DefinitionCache } from '../workspace/api-files.js';
import { MARKER_FILE } from '../workspace/paths.js';
import { scanWorkspace } from '../workspace/scan.js';
import { scratch } from '../workspace/testing.js';
import { IndexWriter } from './index-writer.js';
import { ftsMatch, parseQuery } from './query-parser.js';
import { apiNumOf, kindOf, TEXT_BASE } from './row-ids.js';
import { SearchQueries, type PageRow } from './search-queries.js';
import { SearchService } from './search-service.js';

const filler = (words: number) =>
  Array.from({ length: words }, (_, i) => `word${i % 37}`).join(' ');

/**
 * Forty REST APIs where `user` is common in names, operations and text: some
 * operations with summaries long enough that a text row can outrank them, some
 * text with `user` many times over, DELETE in every third API, a `users` tag in every
 * other, and `gizmo` mostly in text.
 */
function spec(i: number): string {
  const summary = i % 4 === 0 ? `Remove a user ${filler(400)}` : 'Remove a user';
  const text = Array.from(
    { length: 40 },
    (_, line) =>
      `        line${line}: "${line % 5 === i % 5 ? 'user '.repeat(1 + (i % 7)) : ''}gizmo ${filler(line % 9)}"`,
  ).join('\n');
  return `openapi: 3.0.3
info:
  title: Users ${i}
  version: 1.0.0
${i % 2 === 0 ? 'tags:\n  - name: users\n' : ''}paths:
  /users/{id}:
    get:
      summary: Get a user${i % 6 === 0 ? ' gizmo' : ''}
      responses:
        '200':
          description: ok
${
  i % 3 === 0
    ? `    delete:
      summary: ${summary}
      responses:
        '204':
          description: gone
`
    : ''
}  /widgets:
    post:
      summary: Make a widget for a user
      responses:
        '201':
          description: made
components:
  schemas:
    User:
      type: object
      properties:
${text}
`;
}

const s = scratch();
let store: Store;
let search: SearchService;
let queries: SearchQueries;

beforeAll(async () => {
  const root = await s.dir();
  await writeFile(join(root, MARKER_FILE), 'name: search-queries\n');
  for (let i = 0; i < 40; i++) {
    const plan = planNewApi(
      { content: spec(i), fileName: 'openapi.yaml', name: `Users${i}`, version: '1.0.0' },
      [],
    );
    await writeNewApi(root, plan);
  }
  const { apis } = await scanWorkspace(root, new DefinitionCache());
  store = openStore({ userDataPath: await s.dir('portico-search-queries-db-') });
  search = new SearchService(store.db, {
    apiRecords: () => apis,
    onContentChanged: () => () => undefined,
  });
  expect(search.sync().indexed).toHaveLength(40);
  queries = new SearchQueries(store.db, new IndexWriter(store.db));
});

afterAll(async () => {
  search.close();
  store.close();
  await s.cleanup();
});

/** Every matching row ranked at once with the same weights, then filtered here, row by row. */
function rankEverything(text: string, limit: number): PageRow[] {
  const q = parseQuery(text);
  const rows = store.db
    .prepare(
      `SELECT rowid AS id, bm25(search_index) * (CASE WHEN rowid >= ${TEXT_BASE} THEN 1.0
         WHEN rowid < 2251799813685248 THEN 4.0 ELSE 2.0 END) AS rank
       FROM search_index WHERE search_index MATCH ? ORDER BY rank, rowid`,
    )
    .all(ftsMatch(q)) as PageRow[];
  const apis = new Map(
    (
      store.db.prepare('SELECT num, type, methods, tags FROM search_apis').all() as {
        num: number;
        type: string;
        methods: string;
        tags: string;
      }[]
    ).map((a) => [a.num, a]),
  );
  const method = (id: number) =>
    (store.db.prepare('SELECT text FROM search_rows WHERE id = ?').pluck().get(id) as string).split(
      ' ',
    )[0];
  return rows
    .filter(({ id }) => {
      const api = apis.get(apiNumOf(id));
      if (!api) return false;
      if (q.type && api.type !== q.type) return false;
      if (q.tags.some((t) => !(JSON.parse(api.tags) as string[]).includes(t))) return false;
      if (q.op && !(JSON.parse(api.methods) as string[]).includes(q.op)) return false;
      return !q.op || kindOf(id) !== 'operation' || method(id) === q.op;
    })
    .slice(0, limit);
}

describe('SearchQueries', () => {
  it('pages exactly as ranking every row at once, with and without filters', () => {
    let shortcut = 0;
    let merged = 0;
    for (const text of [
      'user',
      'gizmo',
      'remove user',
      'op:DELETE user',
      'type:rest user',
      'tag:users user',
      'op:GET gizmo',
      '"a user"',
    ]) {
      for (const limit of [1, 3, 10, 25, 60, 200]) {
        const expected = rankEverything(text, limit);
        const page = queries.page(parseQuery(text), ftsMatch(parseQuery(text)), limit);
        expect(page, `${text} (limit ${limit})`).toEqual(expected);
        const full = rankEverything(text, Infinity);
        const textMatches = full.some((r) => kindOf(r.id) === 'text');
        if (textMatches && page.every((r) => kindOf(r.id) !== 'text')) shortcut += 1;
        if (page.some((r) => kindOf(r.id) === 'text') && page.some((r) => kindOf(r.id) !== 'text'))
          merged += 1;
      }
    }
    // Both paths ran: pages of names alone while text also matched, and mixed pages.
    expect(shortcut).toBeGreaterThan(5);
    expect(merged).toBeGreaterThan(5);
  });

  it('ranks text above an operation whose long summary dilutes the match', () => {
    const page = search.query('remove user op:DELETE', { limit: 200 });
    const longOp = page.findIndex((h) => h.kind === 'operation' && h.snippet.includes('word'));
    const shortOp = page.findIndex((h) => h.kind === 'operation' && !h.snippet.includes('word'));
    const firstText = page.findIndex((h) => h.kind === 'text');
    expect([shortOp, firstText, longOp].every((i) => i >= 0)).toBe(true);
    expect(shortOp).toBeLessThan(firstText);
    expect(firstText).toBeLessThan(longOp);
    expect(page.map((h) => h.score)).toEqual([...page.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('answers nothing for a method no API has, and lists an op: filter alone by API name and line', () => {
    expect(search.query('user op:TRACE')).toEqual([]);
    expect(search.query('op:TRACE')).toEqual([]);
    const deletes = search.query('op:DELETE', { limit: 6 });
    expect(deletes.map((h) => [h.apiName, h.kind])).toEqual([
      ['Users0', 'api'],
      ['Users0', 'operation'],
      ['Users12', 'api'],
      ['Users12', 'operation'],
      ['Users15', 'api'],
      ['Users15', 'operation'],
    ]);
    expect(deletes[1]?.snippet).toMatch(/^DELETE \/users\/\{id\} Remove a user/);
  });
});
