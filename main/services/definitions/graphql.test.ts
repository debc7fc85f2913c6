import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGraphQl } from './graphql.js';

const starWars = readFileSync(
  new URL(
    '../../../resources/sample-workspace/apis/StarWars-1.0.0/Definitions/schema.graphql',
    import.meta.url,
  ),
  'utf8',
);

describe('readGraphQl', () => {
  it('lists Query, Mutation and Subscription fields of the sample with their descriptions', () => {
    const result = readGraphQl(starWars);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info.operations.map((o) => `${o.method} ${o.target}`)).toEqual([
      'QUERY hero',
      'QUERY character',
      'QUERY humans',
      'QUERY search',
      'QUERY reviews',
      'MUTATION createReview',
      'SUBSCRIPTION reviewAdded',
    ]);
    expect(result.info.operations[1]).toEqual({
      method: 'QUERY',
      target: 'character',
      summary: 'A character by id.',
    });
    expect(result.info).toMatchObject({
      format: 'graphql',
      title: null,
      version: null,
      endpoint: null,
    });
  });

  it('follows a schema block that renames the root types, and type extensions', () => {
    const result = readGraphQl(`
      schema { query: Root mutation: Change }
      type Root { a: Int }
      extend type Root { b: Int }
      type Change { c(x: Int): Int }
      type Query { notRoot: Int }
    `);
    expect(result.ok && result.info.operations).toEqual([
      { method: 'QUERY', target: 'a' },
      { method: 'QUERY', target: 'b' },
      { method: 'MUTATION', target: 'c' },
    ]);
  });

  it('reports a syntax error with its line and column', () => {
    const result = readGraphQl('type Query {\n  hero: \n}\n');
    expect(result).toEqual({
      ok: false,
      error: { message: 'Syntax Error: Expected Name, found "}".', line: 3, column: 1 },
    });
  });

  it('reports an unknown type with where it is used', () => {
    const result = readGraphQl('type Query {\n  hero: Jedi\n}\n');
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'Unknown type "Jedi".', line: 2, column: 9 },
    });
  });

  it('refuses an executable query, which is not a schema', () => {
    expect(readGraphQl('{ hero { name } }')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('expected a GraphQL schema') },
    });
  });

  it('reads a field defined twice as its first definition, as published schemas do', () => {
    const result = readGraphQl(
      'type Query {\n  pet: Pet\n  pet: Pet\n}\ntype Pet {\n  name: String\n  name: String\n}\n',
    );
    expect(result).toMatchObject({
      ok: true,
      info: { operations: [{ method: 'QUERY', target: 'pet' }] },
    });
    // Other schema errors are still refused.
    expect(readGraphQl('type Query {\n  pet: Missing\n}\n')).toMatchObject({ ok: false });
  });
});
