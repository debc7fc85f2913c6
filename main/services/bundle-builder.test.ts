import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleApiId, buildBundle, nameApis } from './bundle-builder.js';
import { readDefinition } from './definitions/detect.js';
import { DefinitionCache, type ApiRecord } from './workspace/api-files.js';
import { readWorkspaceResources } from './revisions/workspace-resources.js';
import { newApiYaml } from './workspace/api-yaml.js';
import { scanWorkspace } from './workspace/scan.js';
import { sampleSource } from './workspace/testing.js';

async function sampleApis(): Promise<ApiRecord[]> {
  return (await scanWorkspace(sampleSource, new DefinitionCache())).apis;
}

function record(
  name: string,
  content: string | null,
  options: { type?: 'HTTP' | 'SOAP'; context?: string; authNone?: string } = {},
): ApiRecord {
  const apiYaml = newApiYaml({
    name,
    version: '1.0.0',
    context: options.context ?? `/${name.toLowerCase()}`,
    type: options.type ?? 'HTTP',
    productionUrl: null,
    operations: [{ method: 'GET', target: '/fallback' }],
  });
  if (options.authNone) {
    apiYaml.data.operations = [{ target: options.authNone, verb: 'GET', authType: 'None' }];
  }
  return {
    id: `${name}-1.0.0`,
    folder: `apis/${name}-1.0.0`,
    apiYaml,
    definition:
      content === null
        ? null
        : { format: 'openapi', file: 'Definitions/swagger.yaml', language: 'yaml', content },
    parsed: content === null ? null : readDefinition('openapi', content),
  };
}

describe('buildBundle', () => {
  it('turns the sample workspace into a valid bundle', async () => {
    const apis = await sampleApis();
    // PetStore's sandbox is the sample's scatter-gather sequence.
    const { sequences } = await readWorkspaceResources(sampleSource);
    expect(sequences?.map((q) => q.name)).toEqual(['pet-profile']);
    const built = buildBundle(apis, { sequences });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    expect(built.revision).toMatch(/^local-[0-9a-f]{12}$/);
    expect(built.bundle.revision).toBe(built.revision);
    const [pets, starwars, lights] = built.bundle.apis;
    expect(pets).toMatchObject({
      id: 'petstore-1.0.0',
      name: 'PetStore',
      version: '1.0.0',
      context: '/petstore',
      isDefaultVersion: true,
      type: 'REST',
      endpoints: {
        production: { type: 'http', url: 'https://petstore.example.com/v1' },
        sandbox: { type: 'sequence', sequence: 'pet-profile' },
      },
      security: { apiKey: { header: 'apikey' }, oauth2: { keyManagers: ['*'] } },
      subscriptionRequired: true,
      definition: {
        format: 'openapi',
        content: readFileSync(
          join(sampleSource, 'apis/PetStore-1.0.0/Definitions/swagger.yaml'),
          'utf8',
        ),
      },
    });
    expect(pets?.operations.map((o) => `${o.method} ${o.target} ${o.auth}`)).toEqual([
      'GET /pets required',
      'POST /pets required',
      'GET /pets/{petId} required',
      'PUT /pets/{petId} required',
      'DELETE /pets/{petId} required',
    ]);
    expect(starwars?.operations.map((o) => `${o.method} ${o.target}`)).toEqual(['POST /', 'GET /']);
    expect(starwars?.definition?.format).toBe('graphql');
    expect(lights?.operations.map((o) => `${o.method} ${o.target}`)).toEqual([
      'GET /streetlights/{streetlightId}/lighting/measured',
      'POST /streetlights/{streetlightId}/turn/on',
      'POST /streetlights/{streetlightId}/turn/off',
      'POST /streetlights/{streetlightId}/dim',
    ]);
    expect(lights?.endpoints).toEqual({});
  });

  it('gives the same folder the same revision, and changed content a new one', async () => {
    const first = buildBundle(await sampleApis());
    const second = buildBundle(await sampleApis());
    expect(first.ok && second.ok && first.revision === second.revision).toBe(true);
    const changed = record('Pets', 'openapi: 3.0.0\ninfo: { title: P, version: "1" }\npaths: {}\n');
    const edited = record(
      'Pets',
      'openapi: 3.0.0\ninfo: { title: P, version: "1", description: new }\npaths: {}\n',
    );
    const a = buildBundle([changed]);
    const b = buildBundle([edited]);
    expect(a.ok && b.ok && a.revision !== b.revision).toBe(true);
  });

  it('falls back to api.yaml operations when the definition does not parse', () => {
    const built = buildBundle([record('Broken', 'openapi: 3.0.0\npaths: [\n')]);
    expect(built.ok && built.bundle.apis[0]?.operations).toEqual([
      { method: 'GET', target: '/fallback', auth: 'required', scopes: [] },
    ]);
  });

  it('drops methods the gateway does not route and opens operations apictl marks authType None', () => {
    const content =
      'openapi: 3.0.0\ninfo: { title: T, version: "1" }\npaths:\n  /a:\n    trace: {}\n    get: {}\n';
    const built = buildBundle([record('Open', content, { authNone: '/a' })]);
    expect(built.ok && built.bundle.apis[0]?.operations).toEqual([
      { method: 'GET', target: '/a', auth: 'none', scopes: [] },
    ]);
  });

  it('gives colliding slugs distinct ids', () => {
    const built = buildBundle([
      record('Pet Store', null, { context: '/a' }),
      record('Pet-Store', null, { context: '/b' }),
    ]);
    expect(built.ok && built.bundle.apis.map((a) => a.id)).toEqual([
      'pet-store-1.0.0',
      'pet-store-1.0.0-2',
    ]);
  });

  it('reports what the gateway would refuse, naming the API by its workspace id', () => {
    const built = buildBundle([record('Spaced', null, { context: '/has space' })]);
    expect(built.ok).toBe(false);
    if (!built.ok)
      expect(built.issues[0]).toEqual({
        path: 'apis[Spaced-1.0.0].context',
        message: expect.stringContaining('must be "/"'),
      });
  });
});

describe('bundle ids and issue paths', () => {
  it('slugs name and version', () => {
    expect(bundleApiId('PetStore', '1.0.0')).toBe('petstore-1.0.0');
    expect(bundleApiId('Big API!', 'v2')).toBe('big-api-v2');
  });
  it('rewrites only apis[n] prefixes it can resolve', () => {
    expect(
      nameApis(
        [
          { path: 'apis[1].operations[0].target', message: 'm' },
          { path: 'apis[5].id', message: 'm' },
        ],
        [{ id: 'A' }, { id: 'B' }],
      ),
    ).toEqual([
      { path: 'apis[B].operations[0].target', message: 'm' },
      { path: 'apis[5].id', message: 'm' },
    ]);
  });
});
