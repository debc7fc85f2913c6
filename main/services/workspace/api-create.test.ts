import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { scratch } from './testing.js';
import type { WorkspaceService } from './workspace-service.js';

const s = scratch();
afterEach(() => s.cleanup());

async function emptyWorkspace(): Promise<{ ws: WorkspaceService; root: string }> {
  const root = await s.dir();
  const ws = s.service();
  await ws.create(root, { sample: false });
  return { ws, root };
}

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StudioError))
    throw new Error(`expected a StudioError, got ${String(error)}`);
  return error;
}

const openapiYaml = `openapi: 3.0.3
info:
  title: Swagger Petstore
  version: 1.0.17
servers:
  - url: https://petstore3.example.com/api/v3
paths:
  /pet:
    post: { summary: Add a pet }
  /pet/{petId}:
    get: {}
`;

describe('createApi', () => {
  it('derives name, version, context and endpoint from OpenAPI and writes the apictl layout', async () => {
    const { ws, root } = await emptyWorkspace();
    const summary = await ws.createApi({ content: openapiYaml });
    expect(summary).toEqual({
      id: 'Swagger Petstore-1.0.17',
      name: 'Swagger Petstore',
      version: '1.0.17',
      context: '/swagger-petstore',
      type: 'REST',
      definitionFormat: 'openapi',
      path: 'apis/Swagger Petstore-1.0.17',
      operationCount: 2,
    });
    const folder = join(root, 'apis', 'Swagger Petstore-1.0.17');
    expect(await readFile(join(folder, 'Definitions', 'swagger.yaml'), 'utf8')).toBe(openapiYaml);
    expect(await readFile(join(folder, 'api.yaml'), 'utf8')).toBe(`type: api
version: v4.4.0
data:
  name: Swagger Petstore
  context: /swagger-petstore
  version: 1.0.17
  type: HTTP
  isDefaultVersion: false
  policies:
    - Unlimited
  securityScheme:
    - oauth2
    - api_key
  endpointConfig:
    endpoint_type: http
    production_endpoints:
      url: https://petstore3.example.com/api/v3
  operations:
    - target: /pet
      verb: POST
      authType: Application & Application User
      throttlingPolicy: Unlimited
    - target: /pet/{petId}
      verb: GET
      authType: Application & Application User
      throttlingPolicy: Unlimited
`);
    expect(ws.current()?.apis.map((a) => a.id)).toEqual(['Swagger Petstore-1.0.17']);
  });

  it('keeps JSON text exactly, as Definitions/swagger.json', async () => {
    const { ws, root } = await emptyWorkspace();
    const json =
      '{\n  "swagger": "2.0",\n  "info": {"title": "Json", "version": "1"},\n  "paths": {}\n}\n';
    await ws.createApi({ content: json, name: 'FromJson', version: '2.0.0', context: '/json' });
    const folder = join(root, 'apis', 'FromJson-2.0.0');
    expect(await readdir(join(folder, 'Definitions'))).toEqual(['swagger.json']);
    expect(await readFile(join(folder, 'Definitions', 'swagger.json'), 'utf8')).toBe(json);
    expect((await ws.getApi('FromJson-2.0.0')).definition?.language).toBe('json');
  });

  it('writes GraphQL, AsyncAPI and WSDL definitions where apictl keeps them', async () => {
    const { ws, root } = await emptyWorkspace();
    const gql = await ws.createApi({
      content: 'type Query { a: Int }',
      fileName: 'C:\\specs\\Books.graphql',
    });
    expect(gql).toMatchObject({
      id: 'Books-1.0.0',
      type: 'GRAPHQL',
      context: '/books',
      operationCount: 1,
    });
    expect(await readdir(join(root, 'apis', 'Books-1.0.0', 'Definitions'))).toEqual([
      'schema.graphql',
    ]);

    const asyncapi = await ws.createApi({
      content:
        'asyncapi: 2.6.0\ninfo: { title: Events, version: 3.1.0 }\nchannels:\n  orders: { subscribe: {} }\n',
    });
    expect(asyncapi).toMatchObject({ id: 'Events-3.1.0', type: 'ASYNC', operationCount: 1 });
    expect(await readdir(join(root, 'apis', 'Events-3.1.0', 'Definitions'))).toEqual([
      'asyncapi.yaml',
    ]);

    const wsdl = await ws.createApi({
      content:
        '<definitions name="Calc"><portType name="P"><operation name="Add"/></portType></definitions>',
    });
    expect(wsdl).toMatchObject({ id: 'Calc-1.0.0', type: 'SOAP', definitionFormat: 'wsdl' });
    expect(await readdir(join(root, 'apis', 'Calc-1.0.0', 'WSDL'))).toEqual(['Calc.wsdl']);
    expect(await readFile(join(root, 'apis', 'Calc-1.0.0', 'api.yaml'), 'utf8')).toContain(
      'type: SOAP',
    );
  });

  it('refuses an unparsable definition with its line and writes nothing', async () => {
    const { ws, root } = await emptyWorkspace();
    const error = await rejection(
      ws.createApi({
        content: 'openapi: 3.0.0\ninfo: {title: A, version: 1}\npaths:\n  /a:\n    get: [\n',
        fileName: 'a.yaml',
      }),
    );
    expect(error.code).toBe('DEFINITION_INVALID');
    expect(error.message).toMatch(/^a: line \d+, column \d+: .*expected an OpenAPI/);
    expect(await readdir(join(root, 'apis'))).toEqual(['.gitkeep']);
  });

  it('refuses a duplicate <Name>-<version> and a taken context/version with CONFLICT', async () => {
    const { ws } = await emptyWorkspace();
    await ws.createApi({ content: openapiYaml });
    const duplicate = await rejection(ws.createApi({ content: openapiYaml }));
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.message).toContain('Swagger Petstore-1.0.17 already exists');
    const sameRoute = await rejection(
      ws.createApi({ content: openapiYaml, name: 'Other', context: '/swagger-petstore' }),
    );
    expect(sameRoute.code).toBe('CONFLICT');
    expect(sameRoute.message).toBe(
      'context: /swagger-petstore version 1.0.17 is already served by Swagger Petstore-1.0.17; give another context or version',
    );
  });

  it('makes derived names safe folder names and refuses unsafe given ones', async () => {
    const { ws, root } = await emptyWorkspace();
    const created = await ws.createApi({
      content: openapiYaml
        .replace('Swagger Petstore', '"../../Pets/Store: v2"')
        .replace('1.0.17', '"2024 beta/1"'),
    });
    expect(created.id).toBe('Pets Store v2-2024-beta-1');
    expect(await readdir(join(root, 'apis'))).toContain('Pets Store v2-2024-beta-1');
    for (const [field, input] of [
      ['name', { name: '../evil' }],
      ['version', { version: '1/2' }],
      ['context', { context: '/has space' }],
    ] as const) {
      const error = await rejection(ws.createApi({ content: openapiYaml, ...input }));
      expect(error.code, field).toBe('VALIDATION');
      expect(error.message.startsWith(`${field}: `), error.message).toBe(true);
    }
  });

  it('asks for a name when the definition has none to give', async () => {
    const { ws } = await emptyWorkspace();
    const error = await rejection(ws.createApi({ content: 'type Query { a: Int }' }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^name: /) });
  });
});
