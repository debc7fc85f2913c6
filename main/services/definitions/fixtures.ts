/** Definitions shaped like real ones, shared by unit and integration tests. */

/** A collection as Postman v10 exports it (v2.1 schema), trimmed to what varies. */
export const petCollection = {
  info: {
    _postman_id: '1b5a6c1e-5a6f-4b8e-9a0c-2f4e1d7a9b10',
    name: 'Pet Clinic',
    description: 'Pets and their visits',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    version: { major: 2, minor: 1, patch: 0 },
  },
  variable: [{ key: 'baseUrl', value: 'https://clinic.example.com/api' }],
  item: [
    {
      name: 'Pets',
      item: [
        {
          name: 'List pets',
          request: {
            method: 'GET',
            header: [
              { key: 'Accept', value: 'application/json' },
              { key: 'X-Trace', value: 'abc' },
            ],
            url: {
              raw: '{{baseUrl}}/pets?limit=10&status=available',
              host: ['{{baseUrl}}'],
              path: ['pets'],
              query: [
                { key: 'limit', value: '10' },
                { key: 'status', value: 'available', disabled: true },
              ],
            },
          },
          response: [{ name: 'OK', code: 200, body: '[{"id": 1, "name": "Rex"}]' }],
        },
        {
          name: 'Get pet',
          request: {
            method: 'GET',
            url: {
              raw: '{{baseUrl}}/pets/:petId',
              host: ['{{baseUrl}}'],
              path: ['pets', ':petId'],
              variable: [{ key: 'petId', value: '42', description: 'The pet' }],
            },
          },
        },
        {
          name: 'Create pet',
          request: {
            method: 'POST',
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: {
              mode: 'raw',
              raw: '{\n  "name": "Rex",\n  "kind": "dog"\n}',
              options: { raw: { language: 'json' } },
            },
            url: '{{baseUrl}}/pets',
          },
        },
      ],
    },
    {
      name: 'Visits',
      item: [
        {
          name: 'Book visit',
          request: {
            method: 'POST',
            url: {
              raw: '{{baseUrl}}/owners/{{ownerId}}/visits',
              host: ['{{baseUrl}}'],
              path: ['owners', '{{ownerId}}', 'visits'],
            },
            body: { mode: 'urlencoded', urlencoded: [{ key: 'date', value: '2026-01-01' }] },
          },
        },
      ],
    },
    { name: 'Health', request: 'https://clinic.example.com/api/health' },
  ],
};

/** A small multi-file OpenAPI 3.0 API, as people split them: paths and schemas in folders. */
export const multiFile: Record<string, string> = {
  'spec/openapi.yaml': [
    'openapi: 3.0.3',
    'info: { title: Split Pets, version: 1.2.0 }',
    'servers: [{ url: "https://pets.example.com/v1" }]',
    'paths:',
    '  /pets:',
    '    $ref: "./paths/pets.yaml"',
    '  /pets/{id}:',
    '    $ref: "paths/pet.yaml"',
    '  /animals:',
    '    $ref: "./paths/pets.yaml"',
    '',
  ].join('\n'),
  'spec/paths/pets.yaml': [
    'get:',
    '  summary: List pets',
    '  responses:',
    '    "200":',
    '      description: ok',
    '      content:',
    '        application/json:',
    '          schema: { type: array, items: { $ref: "../schemas/pet.yaml#/Pet" } }',
    'post:',
    '  summary: Add a pet',
    '  responses: { "201": { description: created } }',
    '',
  ].join('\n'),
  'spec/paths/pet.yaml': [
    'get:',
    '  summary: One pet',
    '  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
    '  responses:',
    '    "200": { description: ok, content: { application/json: { schema: { $ref: "../schemas/pet.yaml#/Pet" } } } }',
    '',
  ].join('\n'),
  'spec/schemas/pet.yaml': 'Pet:\n  type: object\n  properties:\n    parent: { $ref: "#/Pet" }\n',
  'spec/unused.yaml': 'not: referenced\n',
};
