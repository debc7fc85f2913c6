import { describe, expect, it } from 'vitest';
import { applyFormEdit, parseForForm } from './form-edits';

const yaml = `# Pets, with comments kept
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      summary: List pets # trailing comment
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema: {type: integer}
      responses:
        "200": {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        name:
          type: string # the pet's name
`;

describe('form edits on YAML', () => {
  it('reads operations, parameters and schemas', () => {
    const model = parseForForm(yaml, 'yaml');
    expect(model?.operations).toEqual([
      {
        path: '/pets',
        method: 'get',
        summary: 'List pets',
        description: '',
        operationId: 'listPets',
        parameters: [{ name: 'limit', in: 'query', required: false, type: 'integer', ref: false }],
      },
    ]);
    expect(model?.schemas).toEqual([
      { name: 'Pet', properties: [{ name: 'name', type: 'string', description: '' }] },
    ]);
  });

  it('edits a summary and keeps comments and the rest of the text', () => {
    const out = applyFormEdit(yaml, 'yaml', {
      kind: 'operation-field',
      path: '/pets',
      method: 'get',
      field: 'summary',
      value: 'All the pets',
    });
    expect(out).toContain('summary: All the pets # trailing comment');
    expect(out).toContain('# Pets, with comments kept');
    expect(out).toContain('type: string # the pet');
    expect(out.replace('All the pets', 'List pets')).toBe(yaml);
  });

  it('adds a description, and an empty value removes it', () => {
    const added = applyFormEdit(yaml, 'yaml', {
      kind: 'operation-field',
      path: '/pets',
      method: 'get',
      field: 'description',
      value: 'Lists them',
    });
    expect(parseForForm(added, 'yaml')?.operations[0]?.description).toBe('Lists them');
    const removed = applyFormEdit(added, 'yaml', {
      kind: 'operation-field',
      path: '/pets',
      method: 'get',
      field: 'description',
      value: '',
    });
    expect(removed).toBe(yaml);
  });

  it('adds and removes parameters', () => {
    const added = applyFormEdit(yaml, 'yaml', {
      kind: 'add-parameter',
      path: '/pets',
      method: 'get',
      parameter: { name: 'status', in: 'query', required: false, type: 'string' },
    });
    const params = parseForForm(added, 'yaml')?.operations[0]?.parameters;
    expect(params?.map((p) => p.name)).toEqual(['limit', 'status']);
    const removed = applyFormEdit(added, 'yaml', {
      kind: 'remove-parameter',
      path: '/pets',
      method: 'get',
      index: 1,
    });
    expect(removed).toBe(yaml);
    const none = applyFormEdit(yaml, 'yaml', {
      kind: 'remove-parameter',
      path: '/pets',
      method: 'get',
      index: 0,
    });
    expect(none).not.toContain('parameters');
    expect(none).toContain('# trailing comment');
  });

  it("edits a schema property's type and description", () => {
    const typed = applyFormEdit(yaml, 'yaml', {
      kind: 'schema-property',
      schema: 'Pet',
      property: 'name',
      field: 'type',
      value: 'integer',
    });
    expect(typed).toContain('type: integer # the pet');
    const described = applyFormEdit(typed, 'yaml', {
      kind: 'schema-property',
      schema: 'Pet',
      property: 'name',
      field: 'description',
      value: 'What it answers to',
    });
    expect(parseForForm(described, 'yaml')?.schemas[0]?.properties[0]).toEqual({
      name: 'name',
      type: 'integer',
      description: 'What it answers to',
    });
  });
});

describe('form edits on JSON', () => {
  const json = `${JSON.stringify(
    {
      swagger: '2.0',
      info: { title: 'Pets', version: '1' },
      paths: { '/pets': { get: { operationId: 'listPets', responses: {} } } },
      definitions: { Pet: { type: 'object', properties: { name: { type: 'string' } } } },
    },
    null,
    4,
  )}\n`;

  it('stays JSON with its indentation, and uses Swagger 2 parameter shapes', () => {
    const out = applyFormEdit(json, 'json', {
      kind: 'add-parameter',
      path: '/pets',
      method: 'get',
      parameter: { name: 'id', in: 'path', required: false, type: 'string' },
    });
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n    "swagger": "2.0"');
    const parsed = JSON.parse(out) as {
      paths: { '/pets': { get: { parameters: unknown[] } } };
    };
    expect(parsed.paths['/pets'].get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, type: 'string' },
    ]);
    const typed = applyFormEdit(out, 'json', {
      kind: 'schema-property',
      schema: 'Pet',
      property: 'name',
      field: 'description',
      value: 'Name',
    });
    expect(parseForForm(typed, 'json')?.schemas[0]?.properties[0]?.description).toBe('Name');
  });

  it('reports a definition that does not parse as null', () => {
    expect(parseForForm('{"openapi": ', 'json')).toBeNull();
    expect(parseForForm('a: [', 'yaml')).toBeNull();
  });
});
