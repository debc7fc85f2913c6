import { describe, expect, it } from 'vitest';
import { detectDefinition } from './detect.js';
import { petCollection } from './fixtures.js';
import { postmanToOpenApi } from './postman.js';

describe('postmanToOpenApi', () => {
  it('turns requests into operations, folders into tags, variables into parameters', () => {
    const result = postmanToOpenApi(petCollection);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = result.document as {
      info: object;
      servers: { url: string }[];
      tags: { name: string }[];
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.info).toEqual({
      title: 'Pet Clinic',
      version: '2.1.0',
      description: 'Pets and their visits',
    });
    expect(doc.servers).toEqual([{ url: 'https://clinic.example.com/api' }]);
    expect(doc.tags.map((t) => t.name)).toEqual(['Pets', 'Visits']);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/health',
      '/owners/{ownerId}/visits',
      '/pets',
      '/pets/{petId}',
    ]);

    const list = doc.paths['/pets']?.get;
    expect(list?.parameters).toEqual([
      { name: 'limit', in: 'query', schema: { type: 'string' }, example: '10' },
      { name: 'X-Trace', in: 'header', schema: { type: 'string' }, example: 'abc' },
    ]);
    expect(list?.responses).toEqual({
      '200': {
        description: 'OK',
        content: { 'application/json': { example: [{ id: 1, name: 'Rex' }] } },
      },
    });
    expect(doc.paths['/pets/{petId}']?.get?.parameters).toEqual([
      {
        name: 'petId',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        example: '42',
        description: 'The pet',
      },
    ]);
    expect(doc.paths['/pets']?.post?.requestBody).toEqual({
      content: { 'application/json': { example: { name: 'Rex', kind: 'dog' } } },
    });
    expect(doc.paths['/owners/{ownerId}/visits']?.post?.tags).toEqual(['Visits']);
    expect(doc.paths['/health']?.get?.tags).toBeUndefined();
  });

  it('is detected and read as OpenAPI with the collection base URL as endpoint', () => {
    const result = detectDefinition(
      JSON.stringify(petCollection, null, 2),
      'clinic.postman_collection.json',
    );
    expect(result).toMatchObject({
      ok: true,
      language: 'yaml',
      converted: { from: 'postman' },
      info: {
        format: 'openapi',
        title: 'Pet Clinic',
        version: '2.1.0',
        endpoint: 'https://clinic.example.com/api',
      },
    });
    expect(result.ok && result.info.operations).toHaveLength(5);
  });

  it('names the bad field of a collection that does not match v2.1', () => {
    const bad = {
      ...petCollection,
      item: [{ name: 'x', request: { method: 'GET', url: { query: 'limit=1' } } }],
    };
    const result = postmanToOpenApi(bad);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('item[0].request') });
    const noName = postmanToOpenApi({ info: { schema: petCollection.info.schema }, item: [] });
    expect(noName).toEqual({
      ok: false,
      message: expect.stringContaining('info.name: is required'),
    });
  });

  it('refuses a v1 collection with a hint to export v2.1', () => {
    const result = postmanToOpenApi({
      info: {
        name: 'Old',
        schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json',
      },
      item: [],
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('export it from Postman as Collection v2.1'),
    });
  });
});
