import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { resolveLocalRefs } from './local-refs.js';
import { SpectralLinter } from './spectral-lint.js';
import { compareDiagnostics, type LintDiagnostic } from './types.js';

type Json = Record<string, unknown>;

/** Refs of every kind the fast path takes: chains, deep pointers, arrays, `~1`, shared targets. */
function api(): Json {
  return {
    openapi: '3.0.3',
    info: { title: 'Refs', version: '1', description: 'd', contact: { name: 'n' } },
    servers: [{ url: 'https://api.example.com' }],
    tags: [{ name: 't' }],
    paths: {
      '/a/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          operationId: 'a',
          tags: ['t'],
          responses: {
            '200': { $ref: '#/components/responses/Ok' },
            '404': {
              description: 'no',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Alias' } } },
            },
          },
        },
      },
      '/b': {
        post: {
          operationId: 'b',
          description: 'b',
          tags: ['t'],
          requestBody: {
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Pet/properties/kind' } },
            },
          },
          responses: {
            '201': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    $ref: '#/components/responses/Ok/content/application~1json/schema',
                  },
                },
              },
            },
          },
        },
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
      responses: {
        Ok: {
          description: 'ok',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
        },
      },
      schemas: {
        Alias: { $ref: '#/components/schemas/Pet' },
        Pet: {
          type: 'object',
          description: 'a <script>',
          properties: {
            kind: { type: 'string', enum: ['cat', 'cat', 1] },
            owners: { type: 'array', items: { $ref: '#/components/schemas/Owner' } },
          },
        },
        Owner: { type: 'object', properties: { name: { type: 'string', enum: ['a', 'a'] } } },
        Unused: { type: 'string', $ref: '#/components/schemas/Owner' },
      },
    },
  };
}

const ruleset = { extends: [[oas, 'recommended']] } as unknown as RulesetDefinition;

async function spectralAlone(text: string) {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  return spectral.runWithResolved(new Document(text, Parsers.Json, 'definition.json'));
}

const key = (d: LintDiagnostic) => JSON.stringify([d.code, d.path, d.message, d.severity, d.range]);

/** Spectral on its own, as the CLI runs it, against SpectralLinter (fast parse and resolve). */
async function expectSameFindings(doc: Json): Promise<void> {
  const text = JSON.stringify(doc, null, 2);
  const { results } = await spectralAlone(text);
  const severities = ['error', 'warning', 'info', 'hint'] as const;
  const expected = [
    ...new Map(
      results.map((r) => {
        const d: LintDiagnostic = {
          code: String(r.code),
          message: r.message,
          severity: severities[r.severity] ?? 'error',
          path: [...r.path],
          range: r.range,
        };
        return [key(d), d];
      }),
    ).values(),
  ].sort(compareDiagnostics);
  const linter = new SpectralLinter({
    extends: [{ ruleset: 'oas', mode: 'recommended' }],
    rules: {},
  });
  const ours = await linter.lint(text, { language: 'json', incremental: false });
  expect(ours.diagnostics.map(key)).toEqual(expected.map(key));
}

describe('resolveLocalRefs', () => {
  it("resolves as Spectral's resolver does, with the same findings", async () => {
    const doc = api();
    const text = JSON.stringify(doc, null, 2);
    const ours = resolveLocalRefs(JSON.parse(text), 'definition.json');
    expect(ours).not.toBeNull();
    expect(ours?.flat).not.toBeNull();
    const { resolved } = await spectralAlone(text);
    expect(ours?.result).toEqual(JSON.parse(JSON.stringify(resolved)));
    expect(ours?.graph.getNodeData('definition.json')?.refMap).toMatchObject({
      '#/paths/~1a~1%7Bid%7D/parameters/0': '#/components/parameters/Id',
      '#/components/schemas/Alias': '#/components/schemas/Pet',
    });
    await expectSameFindings(doc);
  });

  it("declines what only Spectral's resolver can answer, and the findings stay the same", async () => {
    const cases: ((doc: Json) => void)[] = [
      (d) =>
        (((d.components as Json).schemas as Json).Owner = { $ref: '#/components/schemas/Missing' }),
      (d) =>
        (((d.components as Json).schemas as Json).Owner = {
          properties: { self: { $ref: '#/components/schemas/Pet' } },
        }),
      (d) => (((d.components as Json).schemas as Json).Owner = { $ref: 'other.json#/Owner' }),
      (d) =>
        (((d.components as Json).schemas as Json).Owner = {
          items: { $ref: '#/components/schemas/Owner' },
        }),
    ];
    for (const change of cases) {
      const doc = api();
      change(doc);
      expect(resolveLocalRefs(JSON.parse(JSON.stringify(doc)), 'definition.json')).toBeNull();
      await expectSameFindings(doc);
    }
  });

  it('runs the deep rules over the resolved document where the flat one could differ', async () => {
    const cases: ((doc: Json) => void)[] = [
      // A description that is a reference to a string with a script tag.
      (d) => ((d.info as Json).description = { $ref: '#/components/examples/Text/value' }),
      // An enum by reference, with a duplicate.
      (d) =>
        (((d.components as Json).schemas as Json).Owner = {
          type: 'string',
          enum: { $ref: '#/components/examples/List/value' },
        }),
      // A target under `properties`, which the enum rule's filter skips where it stands.
      (d) =>
        (((d.components as Json).schemas as Json).Owner = {
          type: 'object',
          properties: { $ref: '#/components/schemas/Plain/properties' },
        }),
    ];
    for (const change of cases) {
      const doc = api();
      (doc.components as Json).examples = {
        Text: { value: 'a <script>x</script>' },
        List: { value: ['a', 'a'] },
      };
      ((doc.components as Json).schemas as Json).Plain = {
        type: 'object',
        properties: { n: { type: 'string', enum: ['x', 'x'] } },
      };
      change(doc);
      const ours = resolveLocalRefs(JSON.parse(JSON.stringify(doc)), 'definition.json');
      expect(ours).not.toBeNull();
      expect(ours?.flat).toBeNull();
      await expectSameFindings(doc);
    }
  });

  it('declines a pointer through another $ref', () => {
    // (Spectral's own resolver does not return on this one with a cycle behind it.)
    const doc = api();
    ((doc.components as Json).schemas as Json).Owner = {
      $ref: '#/components/schemas/Alias/properties',
    };
    expect(resolveLocalRefs(doc, 'definition.json')).toBeNull();
  });

  it('leaves a document without refs as it is', () => {
    const doc = { openapi: '3.0.3', info: { title: 'x' } };
    expect(resolveLocalRefs(doc, 'definition.json')?.result).toBe(doc);
  });
});
