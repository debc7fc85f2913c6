/**
 * Spectral over OpenAPI and AsyncAPI documents, as a plain library (no DOM, no
 * Node): the editor's worker, the bench and the tests all call this.
 *
 * Large OpenAPI documents are linted incrementally (see chunks.ts): rules that
 * look at one node at a time run per chunk, with results cached by the chunk's
 * hash; the few rules that look across the whole document (`documentRules`) run
 * over the whole document every time. The union equals a full lint; the tests
 * and the bench check that.
 */
import {
  Spectral,
  type ISpectralDiagnostic,
  type RulesetDefinition,
} from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { splitDocument, type Chunk } from './chunks.js';
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

export { exampleRulesThreshold, incrementalThreshold } from './limits.js';

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

type Parsed = ReturnType<typeof Parsers.Json.parse> | ReturnType<typeof Parsers.Yaml.parse>;
type ParserKind = typeof Parsers.Json | typeof Parsers.Yaml;

/** A JSON or YAML text parsed once, with the means to find a JSON path's range in it. */
export interface ParsedDefinition {
  text: string;
  parser: ParserKind;
  parsed: Parsed;
  /** The parsed data (plain JSON values). */
  data: unknown;
  /** Zero-based line of the node at `path` (or of its closest existing parent). */
  lineOf(path: readonly (string | number)[]): number;
}

/** Parses a definition with Spectral's parsers (the same ones a full lint uses). */
export function parseDefinition(text: string, language: 'json' | 'yaml'): ParsedDefinition {
  const parser: ParserKind = language === 'json' ? Parsers.Json : Parsers.Yaml;
  const parsed = parser.parse(text);
  const locate = parser.getLocationForJsonPath as (
    p: Parsed,
    path: readonly (string | number)[],
    closest: boolean,
  ) => ReturnType<typeof Parsers.Json.getLocationForJsonPath>;
  return {
    text,
    parser,
    parsed,
    data: parsed.data,
    lineOf: (path) => locate(parsed, path, true)?.range.start.line ?? 0,
  };
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

/** A linter configured with one ruleset; it keeps the chunk cache between calls. */
export class SpectralLinter {
  private readonly names: Set<string>;
  private readonly instances = new Map<string, Spectral>();
  private cache = new Map<string, ISpectralDiagnostic[]>();
  private pending: { parts: Chunk[]; examples: boolean; source: string } | null = null;

  constructor(private readonly config: RulesetConfig) {
    this.names = ruleNames(config);
  }

  /** A Spectral instance for one of the three rule selections, with or without examples. */
  private spectral(kind: 'full' | 'chunk' | 'document', examples: boolean): Spectral {
    const id = `${kind}:${examples}`;
    let instance = this.instances.get(id);
    if (!instance) {
      const off = new Set<string>(examples ? [] : exampleRules);
      if (kind === 'chunk') for (const r of documentRules) off.add(r);
      if (kind === 'document') {
        for (const r of this.names)
          if (!(documentRules as readonly string[]).includes(r)) off.add(r);
      }
      instance = new Spectral();
      instance.setRuleset(definition(this.config, off));
      this.instances.set(id, instance);
    }
    return instance;
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
    const { parser, parsed, text } = doc;
    const source = options.source ?? `definition.${options.language}`;
    const mode = options.exampleRules ?? 'auto';
    const examples = mode === 'on' || (mode === 'auto' && text.length <= exampleRulesThreshold);
    const hasExampleRules = exampleRules.some((r) => this.names.has(r));
    const data = parsed.data as unknown;
    const isOpenApi =
      typeof data === 'object' && data !== null && ('openapi' in data || 'swagger' in data);
    const chunked = isOpenApi && (options.incremental ?? text.length > incrementalThreshold);
    const document = {
      parsed,
      getLocationForJsonPath: parser.getLocationForJsonPath,
      trapAccess: parser.trapAccess,
      source,
    };
    this.pending = null;
    let raw: ISpectralDiagnostic[] = [];
    let chunks = 0;
    let relinted = 0;
    let incremental = false;
    if (chunked) {
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
        raw = await this.spectral('document', examples).run(document as never);
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
        this.pending = { parts: missing, examples, source };
      }
    }
    if (!incremental) {
      raw = await this.spectral('full', examples).run(document as never);
      if (!chunked) this.cache.clear();
    }
    return {
      diagnostics: toDiagnostics(raw, parsed, parser),
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
    return this.pending !== null && this.pending.parts.length > 0;
  }

  /**
   * Lints, in the background, the chunks the last full lint did not cache, one
   * at a time; stops early (keeping what it did) when `interrupted()` says so,
   * e.g. because a new edit is waiting. Returns how many chunks it linted.
   */
  async warm(interrupted: () => boolean | Promise<boolean>): Promise<number> {
    let done = 0;
    while (this.pending && this.pending.parts.length > 0) {
      if (await interrupted()) break;
      const { parts, examples, source } = this.pending;
      const part = parts.pop() as Chunk;
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
    return this.spectral('chunk', examples).run({
      parsed: { data: part.build(), diagnostics: [], ast: null, lineMap: [] },
      // Ranges are taken from the real document afterwards; the synthetic one has no text.
      getLocationForJsonPath: () => undefined,
      trapAccess: <T>(o: T) => o,
      source,
    } as never);
  }
}

/** Spectral results as diagnostics, de-duplicated, with ranges from the real document. */
function toDiagnostics(
  raw: readonly ISpectralDiagnostic[],
  parsed: Parsed,
  parser: ParserKind,
): LintDiagnostic[] {
  const seen = new Set<string>();
  const out: LintDiagnostic[] = [];
  for (const r of raw) {
    const key = `${r.code}\u0000${r.path.join('\u0001')}\u0000${r.message}\u0000${r.severity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range =
      r.path.length > 0 || r.code !== 'parser'
        ? ((
            parser.getLocationForJsonPath as (
              p: Parsed,
              path: ISpectralDiagnostic['path'],
              closest: boolean,
            ) => ReturnType<typeof Parsers.Json.getLocationForJsonPath>
          )(parsed, r.path, true)?.range ?? r.range)
        : r.range;
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
