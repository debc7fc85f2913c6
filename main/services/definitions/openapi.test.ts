import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOpenApi } from './openapi.js';
import { parseStructured } from './source.js';
import type { DefinitionResult } from './types.js';

const samplePetStore = readFileSync(
  new URL(
    '../../../resources/sample-workspace/apis/PetStore-1.0.0/Definitions/swagger.yaml',
    import.meta.url,
  ),
  'utf8',
);

function read(content: string): DefinitionResult {
  const doc = parseStructured(content);
  if (!doc.ok) throw new Error(doc.error.message);
  return readOpenApi(doc);
}

describe('readOpenApi', () => {
  it('reads the sample PetStore: title, version, first server and every path × method', () => {
    const result = read(samplePetStore);
    expect(result).toEqual({
      ok: true,
      info: {
        format: 'openapi',
        title: 'PetStore',
        version: '1.0.0',
        endpoint: 'https://petstore.example.com/v1',
        operations: [
          { method: 'GET', target: '/pets', summary: 'List pets' },
          { method: 'POST', target: '/pets', summary: 'Add a pet' },
          { method: 'GET', target: '/pets/{petId}', summary: 'Get a pet' },
          { method: 'PUT', target: '/pets/{petId}', summary: 'Update a pet' },
          { method: 'DELETE', target: '/pets/{petId}', summary: 'Remove a pet' },
        ],
      },
    });
  });

  it('builds a Swagger 2.0 endpoint from schemes, host and basePath (JSON input)', () => {
    const result = read(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'Legacy', version: '2.1' },
        schemes: ['http'],
        host: 'legacy.example.com:8080',
        basePath: '/api',
        paths: { '/items': { get: {}, 'x-note': 'ignored', parameters: [] } },
      }),
    );
    expect(result.ok && result.info).toMatchObject({
      title: 'Legacy',
      version: '2.1',
      endpoint: 'http://legacy.example.com:8080/api',
      operations: [{ method: 'GET', target: '/items' }],
    });
  });

  it('fills 3.1 server variables with their defaults and skips relative servers', () => {
    const result = read(`openapi: 3.1.0
info: { title: Vars, version: '1' }
servers:
  - url: /relative
  - url: '{scheme}://api.example.com/{base}'
    variables:
      scheme: { default: https }
      base: { default: v2 }
paths: {}
`);
    expect(result.ok && result.info.endpoint).toBe('https://api.example.com/v2');
  });

  it('reports a wrong paths value with its line', () => {
    const result = read('openapi: 3.0.3\ninfo:\n  title: X\n  version: "1"\npaths:\n  - /pets\n');
    expect(result).toEqual({
      ok: false,
      error: { message: expect.stringContaining('paths: expected a mapping'), line: 6, column: 3 },
    });
  });

  it('reports a path that does not start with "/" at that path', () => {
    const result = read(
      'openapi: 3.0.3\ninfo: { title: X, version: "1" }\npaths:\n  pets:\n    get: {}\n',
    );
    expect(result).toMatchObject({
      ok: false,
      error: { line: 4, column: 3, message: expect.stringContaining('"pets" must start with "/"') },
    });
  });

  it('refuses an unknown OpenAPI version, naming the field and what is valid', () => {
    const result = read('openapi: 4.0.0\ninfo: { title: X, version: "1" }\n');
    expect(result).toMatchObject({
      ok: false,
      error: { line: 1, message: 'openapi: expected 3.0.x or 3.1.x, got "4.0.0"' },
    });
  });
});
