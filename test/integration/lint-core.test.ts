/**
 * The worker-free lint core on real documents: the sample workspace's AsyncAPI
 * (Streetlights) and a subset of GitHub's REST API description (the first path
 * items of `api.github.com.json` with every component they reference), where
 * incremental re-linting after edits must equal a full lint.
 */
import { readFile } from 'node:fs/promises';
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { DefinitionLinter } from '../../renderer/src/editor/lint/lint-core.js';
import { defaultRuleset } from '../../renderer/src/editor/lint/ruleset.js';
import { SpectralLinter } from '../../renderer/src/editor/lint/spectral-lint.js';
import type { LintDiagnostic } from '../../renderer/src/editor/lint/types.js';
import { githubSpecFile, referencedComponents } from '../support/real-specs.js';

const streetlights = new URL(
  '../../resources/sample-workspace/apis/Streetlights-1.0.0/Definitions/asyncapi.yaml',
  import.meta.url,
);

type Json = Record<string, unknown>;

/** The first `count` path items of `spec` and, transitively, the components they reference. */
function subset(spec: Json, count: number): Json {
  const paths = Object.fromEntries(Object.entries(spec.paths as Json).slice(0, count));
  const components = spec.components as Record<string, Record<string, unknown>>;
  return { ...spec, paths, components: referencedComponents(paths, components) };
}

const key = (d: LintDiagnostic) => JSON.stringify([d.code, d.path, d.message, d.range]);

describe('lint core on real documents', () => {
  it('lints and outlines the Streetlights AsyncAPI', async () => {
    const text = await readFile(streetlights, 'utf8');
    const response = await new DefinitionLinter().lint({
      id: 1,
      text,
      kind: 'asyncapi',
      language: 'yaml',
      ruleset: null,
      exampleRules: 'auto',
    });
    expect(response.rulesetError).toBeNull();
    expect(response.outline[0]?.label).toBe('Channels');
    expect(response.outline[0]?.children?.length).toBeGreaterThan(0);
    // Every finding is an AsyncAPI rule (or none); none from the OpenAPI ruleset.
    for (const d of response.diagnostics) expect(d.code).not.toMatch(/^(oas|operation-)/);

    // Breaking it shows up: the info description and the server's port default go.
    const broken = text
      .replace(/\n {2}description: >-\n( {4}.*\n)+/, '\n')
      .replace("default: '1883'", "default: '9999'");
    expect(broken).not.toBe(text);
    const again = await new DefinitionLinter().lint({
      id: 2,
      text: broken,
      kind: 'asyncapi',
      language: 'yaml',
      ruleset: null,
      exampleRules: 'auto',
    });
    const codes = again.diagnostics.map((d) => d.code);
    expect(codes).toContain('asyncapi-info-description');
    expect(codes).toContain('asyncapi-server-variables');
  });

  it('lints a GitHub API subset as Spectral does with its own parser and resolver', async () => {
    const spec = JSON.parse(await readFile(await githubSpecFile(), 'utf8')) as Json;
    // Without the webhooks, whose refs point outside the subset: Portico's own
    // resolver takes documents whose refs all resolve.
    const { 'x-webhooks': _, ...doc } = subset(spec, 60);
    const text = JSON.stringify(doc, null, 2);
    const noExamples = {
      'oas3-valid-media-example': 'off',
      'oas3-valid-schema-example': 'off',
    } as const;
    const reference = new Spectral();
    reference.setRuleset({
      extends: [[oas, 'recommended']],
      rules: noExamples,
    } as unknown as RulesetDefinition);
    const results = await reference.run(new Document(text, Parsers.Json, 'definition.json'));
    const severities = ['error', 'warning', 'info', 'hint'] as const;
    const expected = new Set(
      results.map((r) =>
        key({
          code: String(r.code),
          message: r.message,
          severity: severities[r.severity] ?? 'error',
          path: [...r.path],
          range: r.range,
        }),
      ),
    );
    const ours = await new SpectralLinter({
      extends: [{ ruleset: 'oas', mode: 'recommended' }],
      rules: noExamples,
    }).lint(text, { language: 'json', incremental: false, exampleRules: 'off' });
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(ours.diagnostics.map(key))).toEqual(expected);
  }, 240_000);

  it('re-lints a GitHub API subset incrementally with the findings of a full lint', async () => {
    const spec = JSON.parse(await readFile(await githubSpecFile(), 'utf8')) as Json;
    const doc = subset(spec, 30);
    const text = JSON.stringify(doc, null, 2);
    const full = await new SpectralLinter(defaultRuleset).lint(text, {
      language: 'json',
      incremental: false,
    });
    expect(full.diagnostics.length).toBeGreaterThan(0);
    const linter = new SpectralLinter(defaultRuleset);
    const cold = await linter.lint(text, { language: 'json', incremental: true });
    expect(cold.diagnostics.map(key)).toEqual(full.diagnostics.map(key));

    // A one-line edit: drop one operation's description.
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const [firstPath, item] = Object.entries(paths)[3] as [string, Record<string, Json>];
    const op = Object.values(item).find((o) => typeof o === 'object' && o && 'description' in o);
    if (!op) throw new Error(`no operation with a description under ${firstPath}`);
    delete op.description;
    const edited = JSON.stringify(doc, null, 2);
    const inc = await linter.lint(edited, { language: 'json', incremental: true });
    const reference = await new SpectralLinter(defaultRuleset).lint(edited, {
      language: 'json',
      incremental: false,
    });
    expect(inc.stats.relinted).toBeLessThan(inc.stats.chunks);
    expect(inc.diagnostics.map(key)).toEqual(reference.diagnostics.map(key));
    expect(inc.diagnostics.length).toBe(full.diagnostics.length + 1);
  }, 240_000);
});
