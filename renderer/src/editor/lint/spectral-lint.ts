/**
 * Spectral over OpenAPI and AsyncAPI documents, as a plain library (no DOM, no
 * Node): the editor's worker, the bench and the tests all call this.
 *
 * Large OpenAPI documents are linted incrementally (see chunks.ts): rules that
 * look at one node at a time run per chunk, with results cached by the chunk's
 * hash; the few rules that look across the whole document (`documentRules`) run
 * over the whole document every time. The union equals a full lint; the tests
 * and the bench check that.
 *
 * Two of Spectral's steps are replaced where that gives the same answer, as they
 * were most of a lint's time on large specs: parsing JSON (`json-source.ts`:
 * `JSON.parse`, ranges only for the findings) and resolving `$ref`s
 * (`local-refs.ts`: all-local, acyclic refs in one walk). Anything else goes
 * through Spectral's own parser and resolver.
 */
import {
  Spectral,
  type ISpectralDiagnostic,
  type RulesetDefinition,
} from '@stoplight/spectral-core';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { splitDocument, type Chunk } from './chunks.js';
import { parseDefinition, type ParsedDefinition } from './parse-definition.js';
import { resolveLocalRefs, type LocalResolution } from './local-refs.js';
import { exampleRulesThreshold, incrementalThreshold } from './limits.js';
import type { RulesetConfig } from './ruleset.js';
import {
  compareDiagnostics,
  type LintDiagnostic,
  type LintOutcome,
  type LintSeverity,
} from './types.js';

/** The example-validation rules: most of Spectral's time on big specs. */
export const exampleRules = [
  'oas3-valid-media-example',
  'oas3-valid-schema-example',
  'oas2-valid-media-example',
  'oas2-valid-schema-example',
] as const;

/**
 * Rules whose findings on a node depend on other parts of the document (other
 * paths, every `$ref`, the whole-document schema): never chunked.
 */
export const documentRules = [
  'operation-operationId-unique',
  'path-params',
  'oas3-unused-component',
  'oas3-schema',
  'oas2-schema',
  'oas2-unused-definition',
] as const;

/**
 * Deep rules whose findings do not depend on where a node is reached from, only
 * on the node (see `isFlatSafe` in local-refs.ts for the exceptions, which are
 * declined). A full lint runs them over the document with its `$ref`s left out,
 * each node visited once, instead of over the resolved document, where every
 * reference repeats its target (GitHub's spec: 258,000 nodes instead of 2
 * million). Kept only while their `given` is the one this was reasoned on.
 */
const flatGiven: Record<string, string> = {
  'duplicated-entry-in-enum': `["$..[?(@property !== 'properties' && @ != null && @.enum && @.enum.constructor.name === 'Array')]"]`,
  'no-eval-in-markdown': '"$..[description,title]"',
  'no-script-tags-in-markdown': '"$..[description,title]"',
  'typed-enum': '"$..[?(@ && @.enum && @.type)]"',
};
const flatRules: readonly string[] = Object.keys(flatGiven).filter((name) => {
  const rule = (oas.rules as Record<string, { given?: unknown; resolved?: boolean }>)[name];
  return rule?.resolved !== false && JSON.stringify(rule?.given) === flatGiven[name];
});

type Kind = 'full' | 'deep' | 'flat' | 'chunk' | 'document';
type Json = Record<string, unknown>;

export { exampleRulesThreshold, incrementalThreshold } from './limits.js';
export { parseDefinition, type ParsedDefinition } from './parse-definition.js';

const builtins = { oas, asyncapi } as const;

/** Every rule name the built-in rulesets define (to reject misspelt overrides). */
export const knownRules: ReadonlySet<string> = new Set([
  ...Object.keys(oas.rules),
  ...Object.keys(asyncapi.rules),
]);

export interface LintOptions {
  /** `json` or `yaml`: which parser reads the text. */
  language: 'json' | 'yaml';
  /** Run the example-validation rules: `auto` runs them only below `exampleRulesThreshold`. */
  exampleRules?: 'auto' | 'on' | 'off';
  /** Force (true) or forbid (false) incremental linting; default by `incrementalThreshold`. */
  incremental?: boolean;
  /** Name of the document in results (Spectral's `source`). */
  source?: string;
}

const severities: LintSeverity[] = ['error', 'warning', 'info', 'hint'];

function ruleNames(config: RulesetConfig): Set<string> {
  return new Set(config.extends.flatMap((e) => Object.keys(builtins[e.ruleset].rules)));
}

/** A Spectral ruleset for `config` with `off` forced on the given rules. */
function definition(config: RulesetConfig, off: Iterable<string>): RulesetDefinition {
  const known = ruleNames(config);
  const rules: Record<string, string | boolean> = { ...config.rules };
  for (const name of off) if (known.has(name)) rules[name] = 'off';
  return {
    extends: config.extends.map((e) => [builtins[e.ruleset], e.mode]),
    rules,
  } as unknown as RulesetDefinition;
}

/** What `Spectral.run` is given: a parse, its range lookup and the document's name. */
interface SpectralTarget {
  parsed: { data: unknown; diagnostics: unknown[] };
  getLocationForJsonPath: (...args: never[]) => unknown;
  trapAccess: <T>(o: T) => T;
  source: string;
}

interface Pending {
  data: Record<string, unknown>;
  examples: boolean;
  source: string;
  /** Chunks still to lint; null until `warm` splits the document (a full lint does not). */
  parts: Chunk[] | null;
}

/** A linter configured with one ruleset; it keeps the chunk cache between calls. */
export class SpectralLinter {
  private readonly names: Set<string>;
  private readonly instances = new Map<string, Spectral>();
  private cache = new Map<string, ISpectralDiagnostic[]>();
  private pending: Pending | null = null;
  /** Resolutions `resolveLocalRefs` made, for the Spectral instances that use them. */
  private readonly prepared = new WeakMap<object, LocalResolution>();

  constructor(private readonly config: RulesetConfig) {
    this.names = ruleNames(config);
  }

  /**
   * A Spectral instance for one of the three rule selections, with or without
   * examples, resolving with `resolveLocalRefs`' answer (`local`) or Spectral's
   * own resolver.
   */
  private spectral(kind: Kind, examples: boolean, local: boolean): Spectral {
    const id = `${kind}:${examples}:${local}`;
    let instance = this.instances.get(id);
    if (!instance) {
      const off = new Set<string>(examples ? [] : exampleRules);
      if (kind === 'chunk') for (const r of documentRules) off.add(r);
      const only = kind === 'document' ? documentRules : kind === 'flat' ? flatRules : null;
      if (only) for (const r of this.names) if (!only.includes(r)) off.add(r);
      if (kind === 'deep') for (const r of flatRules) off.add(r);
      const prepared = this.prepared;
      const resolver = {
        uriCache: {},
        resolve(data: object): Promise<LocalResolution> {
          const resolution = prepared.get(data);
          if (!resolution) return Promise.reject(new Error('document was not prepared'));
          if (kind !== 'flat') return Promise.resolve(resolution);
          // No `$ref` is left in the flat document: nothing to map findings through.
          const graph = { getNodeData: () => ({ refMap: {} }), overallOrder: () => [] };
          return Promise.resolve({ ...resolution, result: resolution.flat, graph });
        },
      };
      instance = new Spectral(local ? ({ resolver } as never) : undefined);
      instance.setRuleset(definition(this.config, off));
      this.instances.set(id, instance);
    }
    return instance;
  }

  /** Runs one rule selection over `target`, resolving its refs the cheap way when possible. */
  private async run(
    kind: 'full' | 'chunk' | 'document',
    examples: boolean,
    target: SpectralTarget,
    source: string,
    part?: Chunk,
  ): Promise<ISpectralDiagnostic[]> {
    const data = target.parsed.data;
    let resolution =
      typeof data === 'object' && data !== null ? resolveLocalRefs(data, source) : null;
    if (resolution && part) {
      resolution = { ...resolution, result: part.ownOnly(resolution.result as Json) };
    }
    if (resolution) this.prepared.set(data as object, resolution);
    if (kind === 'full' && resolution?.flat) {
      // The deep rules over the flat document, the rest over the resolved one.
      const [deep, flat] = await Promise.all([
        this.spectral('deep', examples, true).run(target as never),
        this.spectral('flat', examples, true).run(target as never),
      ]);
      return [...deep, ...flat];
    }
    return this.spectral(kind, examples, resolution !== null).run(target as never);
  }

  /**
   * Lints `text`. An OpenAPI document above `incrementalThreshold` is linted
   * incrementally once the chunk cache is warm (see `warm`); until then, or when
   * the changed chunks weigh more than a quarter of the document, a full lint is
   * cheaper and gives the same findings.
   */
  async lint(text: string, options: LintOptions): Promise<LintOutcome> {
    return this.lintParsed(parseDefinition(text, options.language), options);
  }

  /** `lint` for a document already parsed (the worker parses once for lint and outline). */
  async lintParsed(doc: ParsedDefinition, options: LintOptions): Promise<LintOutcome> {
    const started = performance.now();
    const { text } = doc;
    const source = options.source ?? `definition.${options.language}`;
    const mode = options.exampleRules ?? 'auto';
    const examples = mode === 'on' || (mode === 'auto' && text.length <= exampleRulesThreshold);
    const hasExampleRules = exampleRules.some((r) => this.names.has(r));
    const data = doc.data;
    const isOpenApi =
      typeof data === 'object' && data !== null && ('openapi' in data || 'swagger' in data);
    const chunked = isOpenApi && (options.incremental ?? text.length > incrementalThreshold);
    const document = { ...doc.spectral, source };
    this.pending = null;
    let raw: ISpectralDiagnostic[] = [];
    let chunks = 0;
    let relinted = 0;
    let incremental = false;
    if (chunked && this.cache.size === 0 && options.incremental !== true) {
      // Nothing cached: a full lint now, and `warm` splits and fills the cache later.
      this.pending = { data: data as Record<string, unknown>, examples, source, parts: null };
    } else if (chunked) {
      const parts = splitDocument(data as Record<string, unknown>).map((c) => ({
        ...c,
        key: `${examples}:${c.key}`,
      }));
      chunks = parts.length;
      const total = parts.reduce((n, p) => n + p.size, 0);
      const missing = parts.filter((p) => !this.cache.has(p.key));
      const missingSize = missing.reduce((n, p) => n + p.size, 0);
      incremental = options.incremental === true || missingSize <= total / 4;
      const next = new Map<string, ISpectralDiagnostic[]>();
      for (const p of parts) {
        const cached = this.cache.get(p.key);
        if (cached) next.set(p.key, cached);
      }
      this.cache = next;
      if (incremental) {
        raw = await this.run('document', examples, document, source);
        for (const part of parts) {
          let results = this.cache.get(part.key);
          if (!results) {
            relinted++;
            results = await this.lintChunk(part, examples, source);
            this.cache.set(part.key, results);
          }
          raw.push(...results);
        }
      } else {
        // Filled in the background by `warm()`, so the next edit is incremental.
        this.pending = { data: data as Record<string, unknown>, examples, source, parts: missing };
      }
    }
    if (!incremental) {
      raw = await this.run('full', examples, document, source);
      if (!chunked) this.cache.clear();
    }
    return {
      diagnostics: toDiagnostics(raw, doc),
      exampleRulesSkipped: hasExampleRules && isOpenApi && !examples,
      stats: {
        mode: incremental ? 'incremental' : 'full',
        chunks,
        relinted,
        ms: performance.now() - started,
      },
    };
  }

  /** True while chunks of the last linted document are still to be cached by `warm`. */
  get warming(): boolean {
    return this.pending !== null && (this.pending.parts === null || this.pending.parts.length > 0);
  }

  /**
   * Lints, in the background, the chunks the last full lint did not cache, one
   * at a time; stops early (keeping what it did) when `interrupted()` says so,
   * e.g. because a new edit is waiting. Returns how many chunks it linted.
   */
  async warm(interrupted: () => boolean | Promise<boolean>): Promise<number> {
    let done = 0;
    while (this.pending) {
      if (await interrupted()) break;
      const pending: Pending = this.pending;
      const { examples, source } = pending;
      if (pending.parts === null) {
        pending.parts = splitDocument(pending.data).map((c) => ({
          ...c,
          key: `${examples}:${c.key}`,
        }));
        continue;
      }
      const part = pending.parts.pop();
      if (!part) break;
      if (!this.cache.has(part.key)) {
        this.cache.set(part.key, await this.lintChunk(part, examples, source));
        done++;
      }
    }
    return done;
  }

  private lintChunk(
    part: Chunk,
    examples: boolean,
    source: string,
  ): Promise<ISpectralDiagnostic[]> {
    const parsed = { data: part.build(), diagnostics: [], ast: null, lineMap: [] };
    return this.run(
      'chunk',
      examples,
      {
        parsed,
        // Ranges are taken from the real document afterwards; the synthetic one has no text.
        getLocationForJsonPath: () => undefined,
        trapAccess: <T>(o: T) => o,
        source,
      },
      source,
      part,
    );
  }
}

/** Spectral results as diagnostics, de-duplicated, with ranges from the real document. */
function toDiagnostics(
  raw: readonly ISpectralDiagnostic[],
  doc: ParsedDefinition,
): LintDiagnostic[] {
  const seen = new Set<string>();
  const out: LintDiagnostic[] = [];
  for (const r of raw) {
    const key = `${r.code}\u0000${r.path.join('\u0001')}\u0000${r.message}\u0000${r.severity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range =
      r.path.length > 0 || r.code !== 'parser' ? (doc.rangeOf(r.path) ?? r.range) : r.range;
    out.push({
      code: String(r.code),
      message: r.message,
      severity: severities[r.severity] ?? 'error',
      path: [...r.path],
      range: {
        start: { line: range.start.line, character: range.start.character },
        end: { line: range.end.line, character: range.end.character },
      },
    });
  }
  return out.sort(compareDiagnostics);
}
