import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { scratch } from '../workspace/testing.js';
import { SearchService, type SearchHit } from './search-service.js';

const s = scratch();
const stores: Store[] = [];
const services: SearchService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  for (const store of stores.splice(0)) store.close();
  await s.cleanup();
});

async function setup() {
  const root = await s.dir();
  const workspace = s.service();
  await workspace.create(root, { sample: true });
  const store = openStore({ userDataPath: await s.dir('portico-search-db-') });
  stores.push(store);
  const search = new SearchService(store.db, workspace);
  services.push(search);
  return { root, workspace, store, search };
}

/** Polls until `check` passes (the watcher's timing is not the test's business). */
async function eventually<T>(read: () => T, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const apisOf = (hits: SearchHit[]) => [...new Set(hits.map((h) => h.apiId))];

async function lineOf(root: string, hit: SearchHit): Promise<string> {
  return (await readFile(join(root, hit.file), 'utf8')).split('\n')[hit.line - 1] ?? '';
}

describe('SearchService', () => {
  it('filters by type, method, tag and API name', async () => {
    const { search } = await setup();
    expect(search.query('type:graphql')).toEqual([
      expect.objectContaining({
        apiId: 'StarWars-1.0.0',
        kind: 'api',
        file: 'apis/StarWars-1.0.0/api.yaml',
      }),
    ]);
    expect(apisOf(search.query('type:async'))).toEqual(['Streetlights-1.0.0']);
    expect(apisOf(search.query('tag:pets'))).toEqual(['PetStore-1.0.0']);
    expect(apisOf(search.query('api:star'))).toEqual(['StarWars-1.0.0']);
    expect(search.query('character type:rest')).toEqual([]);
    // op: keeps APIs with such an operation, and of their operations only that method.
    const posts = search.query('op:post');
    expect(posts.map((h) => [h.kind, h.snippet])).toEqual([
      ['api', 'PetStore /petstore 1.0.0 REST pets'],
      ['operation', 'POST /pets Add a pet'],
    ]);
    expect(
      search
        .query('pet op:DELETE')
        .filter((h) => h.kind === 'operation')
        .map((h) => h.snippet),
    ).toEqual(['DELETE /«pets»/{«petId»} Remove a «pet»']);
    expect(search.query('')).toEqual([]);
  });

  it('ranks names and operations above text, and points at the matching line', async () => {
    const { root, search } = await setup();
    const pets = search.query('pet');
    expect(pets[0]).toMatchObject({ apiId: 'PetStore-1.0.0', kind: 'api' });
    expect(pets[1]?.kind).toBe('operation');
    expect(pets.map((h) => h.score)).toEqual([...pets.map((h) => h.score)].sort((a, b) => b - a));

    const [post] = search.query('op:POST').filter((h) => h.kind === 'operation');
    expect(post && (await lineOf(root, post)).trim()).toBe('post:');
    const [character] = search.query('character').filter((h) => h.kind === 'operation');
    expect(character && (await lineOf(root, character)).trim()).toBe(
      'character(id: ID!): Character',
    );

    const text = search.query('"mechanical character"');
    expect(text).toHaveLength(1);
    expect(text[0]).toMatchObject({
      kind: 'text',
      file: 'apis/StarWars-1.0.0/Definitions/schema.graphql',
    });
    expect(text[0]?.snippet).toBe('"A «mechanical character»."');
    expect(await lineOf(root, text[0] as SearchHit)).toContain('A mechanical character.');
  });

  it('re-indexes only what changed on disk, drops removed APIs, and rebuilds when emptied', async () => {
    const { root, workspace, store, search } = await setup();
    expect(search.sync().indexed).toHaveLength(3);
    expect(search.sync()).toEqual({ indexed: [], removed: [] });
    const rows = () =>
      Object.fromEntries(
        (
          store.db.prepare('SELECT api_id, num FROM search_apis').all() as {
            api_id: string;
            num: number;
          }[]
        ).map((r) => [r.api_id, r.num]),
      );
    const before = rows();

    await workspace.watching();
    const file = join(root, 'apis', 'PetStore-1.0.0', 'Definitions', 'swagger.yaml');
    const content = await readFile(file, 'utf8');
    await writeFile(
      file,
      content.replace('paths:\n', 'paths:\n  # zebracorn grooming lives here\n'),
    );
    const hits = await eventually(
      () => search.query('zebracorn'),
      (h) => h.length > 0,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]?.snippet).toBe('# «zebracorn» grooming lives here');
    expect(await lineOf(root, hits[0] as SearchHit)).toContain('zebracorn');
    const after = rows();
    expect(after['PetStore-1.0.0']).not.toBe(before['PetStore-1.0.0']);
    expect(after['StarWars-1.0.0']).toBe(before['StarWars-1.0.0']);
    expect(after['Streetlights-1.0.0']).toBe(before['Streetlights-1.0.0']);

    await workspace.deleteApi('Streetlights-1.0.0');
    expect(
      await eventually(
        () => search.query('type:async'),
        (h) => h.length === 0,
      ),
    ).toEqual([]);
    expect(search.query('lighting')).toEqual([]);

    const expected = search.query('pet');
    store.db.exec('DELETE FROM search_index; DELETE FROM search_apis;');
    expect(search.query('pet')).toEqual([]);
    search.rebuild();
    expect(search.query('pet')).toEqual(expected);
  });
});
