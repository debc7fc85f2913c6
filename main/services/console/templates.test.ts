import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTemplates, sampleFromSchema } from './templates.js';

const petstore = readFileSync(
  new URL(
    '../../../resources/sample-workspace/apis/PetStore-1.0.0/Definitions/swagger.yaml',
    import.meta.url,
  ),
  'utf8',
);

const openapi = `
openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /items/{itemId}:
    parameters:
      - { name: itemId, in: path, required: true, schema: { type: integer }, example: 42 }
    put:
      summary: Replace an item
      parameters:
        - { name: dryRun, in: query, schema: { type: boolean, default: false } }
        - { name: verbose, in: query, required: true, schema: { type: string, enum: [yes, no] } }
        - { name: X-Trace, in: header, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Item' }
components:
  schemas:
    Item:
      type: object
      properties:
        name: { type: string, example: lamp }
        tags: { type: array, items: { type: string } }
        parent: { $ref: '#/components/schemas/Item' }
`;

describe('buildTemplates', () => {
  it('fills path, query, header and body from examples, enums and schemas', () => {
    const [template] = buildTemplates({
      type: 'REST',
      operations: [{ method: 'put', target: '/items/{itemId}' }],
      definition: { format: 'openapi', content: openapi },
    });
    expect(template).toMatchObject({
      method: 'PUT',
      target: '/items/{itemId}',
      path: '/items/42',
      query: [{ name: 'verbose', value: 'yes' }],
      headers: [
        { name: 'X-Trace', value: 'string' },
        { name: 'Content-Type', value: 'application/json' },
      ],
    });
    const body = JSON.parse(template?.body ?? 'null') as { name: string; tags: string[] };
    expect(body.name).toBe('lamp');
    expect(body.tags).toEqual(['string']);
  });

  it('builds one template per operation of the sample PetStore', () => {
    const templates = buildTemplates({
      type: 'REST',
      operations: [
        { method: 'GET', target: '/pets' },
        { method: 'POST', target: '/pets' },
        { method: 'GET', target: '/pets/{petId}' },
      ],
      definition: { format: 'openapi', content: petstore },
    });
    expect(templates.map((t) => `${t.method} ${t.path}`)).toEqual([
      'GET /pets',
      'POST /pets',
      expect.stringMatching(/^GET \/pets\/[^{}]+$/),
    ]);
    expect(templates[1]?.body).not.toBeNull();
    expect(() => JSON.parse(templates[1]?.body ?? '')).not.toThrow();
  });

  it('falls back to the operations when there is no readable definition', () => {
    const [get, post] = buildTemplates({
      type: 'REST',
      operations: [
        { method: 'GET', target: '/a/{id}' },
        { method: 'POST', target: '/a' },
      ],
      definition: { format: 'openapi', content: ': not yaml : [' },
    });
    expect(get).toMatchObject({ path: '/a/1', body: null, headers: [] });
    expect(post).toMatchObject({ body: '{}' });
    const [graphql] = buildTemplates({
      type: 'GRAPHQL',
      operations: [{ method: 'POST', target: '/graphql' }],
      definition: null,
    });
    expect(JSON.parse(graphql?.body ?? '')).toEqual({ query: '{ __typename }' });
  });
});

describe('sampleFromSchema', () => {
  it('stops on recursive schemas and merges allOf', () => {
    const doc = {
      components: {
        schemas: {
          Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } },
        },
      },
    };
    expect(() => sampleFromSchema(doc, { $ref: '#/components/schemas/Node' })).not.toThrow();
    expect(
      sampleFromSchema(doc, {
        allOf: [
          { type: 'object', properties: { a: { type: 'integer' } } },
          { type: 'object', properties: { b: { type: 'string', format: 'date' } } },
        ],
      }),
    ).toEqual({ a: 1, b: '2024-01-01' });
  });
});
