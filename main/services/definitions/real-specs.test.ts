/**
 * The definition readers on real, published documents (fetched once with npm pack,
 * see test/support/real-specs.ts): AsyncAPI 2.x and 3.x examples, WSDLs, the GitHub
 * GraphQL schema as SDL and as introspection JSON, and the GitHub REST API.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { realSpecPackage } from '../../../test/support/real-specs.js';
import { detectDefinition } from './detect.js';
import { readGraphQl } from './graphql.js';
import { introspectionToSdl } from './introspection.js';

async function examples(dir: string): Promise<{ name: string; content: string }[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })),
  );
}

describe('real AsyncAPI examples', () => {
  for (const [pkg, major] of [
    ['asyncapiCliV2', '2'],
    ['asyncapiCli', '3'],
  ] as const) {
    it(`reads every ${major}.x example of @asyncapi/cli with its operations`, async () => {
      const dir = join(await realSpecPackage(pkg), 'assets/examples');
      const docs = (await examples(dir)).filter((d) =>
        new RegExp(`^asyncapi: ['"]?${major}\\.`, 'm').test(d.content),
      );
      expect(docs.length).toBeGreaterThan(5);
      for (const doc of docs) {
        const result = detectDefinition(doc.content, doc.name);
        expect(result, doc.name).toMatchObject({ ok: true, info: { format: 'asyncapi' } });
        if (result.ok) expect(result.info.operations.length, doc.name).toBeGreaterThan(0);
      }
      const streetlights = docs.find((d) => d.name.startsWith('streetlights-mqtt'));
      const read = detectDefinition(streetlights?.content ?? '', 'x.yml');
      expect(read.ok && read.info.title).toBe('Streetlights MQTT API');
    });
  }
});

describe('real WSDLs from strong-soap', () => {
  it('reads the stock quote and weather services with their operations', async () => {
    const dir = join(await realSpecPackage('strongSoap'), 'example/wsdls');
    const stock = detectDefinition(
      await readFile(join(dir, 'stockquote.wsdl'), 'utf8'),
      'stockquote.wsdl',
    );
    expect(stock).toMatchObject({ ok: true, info: { format: 'wsdl' } });
    const weather = detectDefinition(
      await readFile(join(dir, 'weather.wsdl'), 'utf8'),
      'weather.wsdl',
    );
    expect(weather.ok && weather.info.operations.map((o) => o.target)).toContain(
      '/GetWeatherInformation',
    );
  });
});

describe('the GitHub GraphQL schema', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await realSpecPackage('octokitGraphqlSchema');
  });

  it('turns the introspection JSON into SDL with the root fields of the published SDL', async () => {
    const json: unknown = JSON.parse(await readFile(join(dir, 'schema.json'), 'utf8'));
    const converted = introspectionToSdl(json);
    expect(converted.ok).toBe(true);
    const fromIntrospection = readGraphQl(converted.ok ? converted.sdl : '');
    expect(fromIntrospection.ok).toBe(true);
    if (!fromIntrospection.ok) return;
    // The root fields of the published schema.graphql, straight from its syntax tree.
    const published = parse(await readFile(join(dir, 'schema.graphql'), 'utf8'));
    const expected = new Set<string>();
    for (const definition of published.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const verb = { Query: 'QUERY', Mutation: 'MUTATION' }[definition.name.value];
      if (!verb) continue;
      for (const field of definition.fields ?? []) expected.add(`${verb} ${field.name.value}`);
    }
    const actual = new Set(fromIntrospection.info.operations.map((o) => `${o.method} ${o.target}`));
    // The package's two files are generated separately and differ by a few fields;
    // nearly every operation is in both.
    const shared = [...actual].filter((op) => expected.has(op)).length;
    expect(shared / new Set([...actual, ...expected]).size).toBeGreaterThan(0.95);
    expect(actual.size).toBeGreaterThan(100);
    expect(actual).toContain('MUTATION createIssue');
  });

  it('reads the published schema.graphql, which repeats a field, with its operations', async () => {
    const result = readGraphQl(await readFile(join(dir, 'schema.graphql'), 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const operations = result.info.operations.map((o) => `${o.method} ${o.target}`);
    expect(operations.length).toBeGreaterThan(100);
    expect(operations).toContain('MUTATION createIssue');
    expect(operations).toContain('QUERY repository');
  });

  it('detects the introspection JSON as GraphQL converted from introspection', async () => {
    const result = detectDefinition(
      await readFile(join(dir, 'schema.json'), 'utf8'),
      'schema.json',
    );
    expect(result).toMatchObject({
      ok: true,
      language: 'graphql',
      converted: { from: 'introspection' },
    });
  });
});

describe('the GitHub REST API', () => {
  it('reads api.github.com.json with every path and method', async () => {
    const file = join(await realSpecPackage('octokitOpenapi'), 'generated/api.github.com.json');
    const content = await readFile(file, 'utf8');
    const result = detectDefinition(content, 'api.github.com.json');
    expect(result).toMatchObject({
      ok: true,
      info: { format: 'openapi', endpoint: 'https://api.github.com' },
    });
    if (!result.ok) return;
    const paths = Object.keys((JSON.parse(content) as { paths: object }).paths);
    expect(new Set(result.info.operations.map((o) => o.target)).size).toBe(paths.length);
    expect(result.info.operations).toContainEqual(
      expect.objectContaining({ method: 'GET', target: '/repos/{owner}/{repo}/issues' }),
    );
  });
});
