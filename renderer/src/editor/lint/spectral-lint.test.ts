import { describe, expect, it } from 'vitest';
import { defaultRuleset, parseRuleset } from './ruleset.js';
import { SpectralLinter, knownRules } from './spectral-lint.js';
import type { LintDiagnostic, LintOutcome } from './types.js';

/** An OpenAPI document with findings of document-wide and per-node rules, and shared $refs. */
function petstore(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < 40; i++) {
    paths[`/pets${i}/{id}`] = {
      get: {
        operationId: i % 13 === 0 ? 'dup' : `getPet${i}`,
        summary: `Pet ${i}`,
        ...(i % 3 === 0 ? {} : { description: `Returns pet ${i}` }),
        tags: [i % 5 === 0 ? 'undefined-tag' : 'pets'],
        parameters: [{ $ref: '#/components/parameters/Id' }],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/Pet${i % 4}` } },
            },
          },
        },
      },
    };
  }
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < 6; i++) {
    schemas[`Pet${i}`] = {
      type: 'object',
      properties: {
        id: { type: 'integer', enum: i === 2 ? [1, 1, 2] : [1, 2] },
        owner: { $ref: `#/components/schemas/Owner` },
      },
    };
  }
  schemas.Owner = { type: 'object', properties: { name: { type: 'string' } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1.0.0', description: 'Pets.', contact: { name: 'x' } },
    servers: [{ url: 'https://api.example.com/v1' }],
    tags: [{ name: 'pets' }],
    paths,
    components: {
      schemas,
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    },
  };
}

const key = (d: LintDiagnostic) => JSON.stringify([d.code, d.path, d.message, d.severity, d.range]);

async function compare(text: string, linter: SpectralLinter): Promise<LintOutcome> {
  const full = await new SpectralLinter(defaultRuleset).lint(text, {
    language: 'json',
    incremental: false,
  });
  const inc = await linter.lint(text, { language: 'json', incremental: true });
  expect(inc.stats.mode).toBe('incremental');
  expect(inc.diagnostics.map(key)).toEqual(full.diagnostics.map(key));
  return inc;
}

describe('SpectralLinter', () => {
  it('finds per-node and document-wide problems', async () => {
    const text = JSON.stringify(petstore(), null, 2);
    const out = await new SpectralLinter(defaultRuleset).lint(text, { language: 'json' });
    const codes = new Set(out.diagnostics.map((d) => d.code));
    for (const code of [
      'operation-description',
      'operation-operationId-unique',
      'operation-tag-defined',
      'duplicated-entry-in-enum',
      'oas3-unused-component',
    ]) {
      expect(codes).toContain(code);
    }
    expect(out.stats.mode).toBe('full');
  });

  it('re-lints incrementally with the same findings as a full lint after edits', async () => {
    const linter = new SpectralLinter(defaultRuleset);
    const doc = petstore();
    const first = await linter.lint(JSON.stringify(doc, null, 2), {
      language: 'json',
      incremental: true,
    });
    expect(first.stats.relinted).toBe(first.stats.chunks);

    // A one-line edit in one path item re-lints only the chunk holding it.
    const paths = doc.paths as Record<string, { get: Record<string, unknown> }>;
    (paths['/pets3/{id}'] as { get: Record<string, unknown> }).get.description = 'Now described';
    const edited = await compare(JSON.stringify(doc, null, 2), linter);
    expect(edited.stats.relinted).toBe(1);
    const again = await linter.lint(JSON.stringify(doc, null, 2), {
      language: 'json',
      incremental: true,
    });
    expect(again.stats.relinted).toBe(0);

    // An edit in a shared schema changes the chunks of every path that references it.
    const schemas = (
      doc.components as { schemas: Record<string, { properties: Record<string, unknown> }> }
    ).schemas;
    (schemas.Owner as { properties: Record<string, unknown> }).properties.name = {
      type: 'string',
      enum: ['a', 'a'],
    };
    await compare(JSON.stringify(doc, null, 2), linter);

    // Removing a path and adding one; a duplicate operationId across chunks.
    delete paths['/pets7/{id}'];
    paths['/new/{id}'] = { get: { ...paths['/pets1/{id}']?.get, operationId: 'getPet2' } };
    const after = (await compare(JSON.stringify(doc, null, 2), linter)).diagnostics;
    expect(after.some((d) => d.code === 'operation-operationId-unique')).toBe(true);

    // A broken reference and an unused component.
    (paths['/pets4/{id}'] as { get: Record<string, unknown> }).get.parameters = [
      { $ref: '#/components/parameters/Missing' },
    ];
    await compare(JSON.stringify(doc, null, 2), linter);
  });

  it('skips the example rules on large documents unless asked', async () => {
    const doc = petstore();
    (doc.components as { schemas: Record<string, unknown> }).schemas.Big = {
      type: 'object',
      description: 'x'.repeat(1_100_000),
      properties: { n: { type: 'integer', example: 'not a number' } },
    };
    const text = JSON.stringify(doc);
    const linter = new SpectralLinter(defaultRuleset);
    const auto = await linter.lint(text, { language: 'json', incremental: false });
    expect(auto.exampleRulesSkipped).toBe(true);
    expect(auto.diagnostics.some((d) => d.code === 'oas3-valid-schema-example')).toBe(false);
    const on = await linter.lint(text, {
      language: 'json',
      incremental: false,
      exampleRules: 'on',
    });
    expect(on.exampleRulesSkipped).toBe(false);
    expect(on.diagnostics.some((d) => d.code === 'oas3-valid-schema-example')).toBe(true);
  });

  it('applies rule overrides from .spectral.yaml', async () => {
    const text = JSON.stringify(petstore(), null, 2);
    const config = parseRuleset(
      'extends: [[spectral:oas, recommended]]\nrules:\n  operation-description: off\n  operation-tag-defined: error\n',
      knownRules,
    );
    const out = await new SpectralLinter(config).lint(text, { language: 'json' });
    expect(out.diagnostics.some((d) => d.code === 'operation-description')).toBe(false);
    const tag = out.diagnostics.find((d) => d.code === 'operation-tag-defined');
    expect(tag?.severity).toBe('error');
  });

  it('lints YAML with ranges on the right lines', async () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: {title: T, version: "1", description: d, contact: {name: n}}',
      'servers: [{url: "https://x.example.com"}]',
      'tags: [{name: a}]',
      'paths:',
      '  /a:',
      '    get:',
      '      operationId: a',
      '      tags: [a]',
      '      responses:',
      '        "200": {description: ok}',
    ].join('\n');
    const out = await new SpectralLinter(defaultRuleset).lint(yaml, { language: 'yaml' });
    const d = out.diagnostics.find((x) => x.code === 'operation-description');
    expect(d?.range.start.line).toBe(6);
  });
});
