/**
 * One entry point for linting and outlining any definition the studio edits:
 * OpenAPI and AsyncAPI through Spectral, GraphQL SDL through `graphql`, WSDL
 * outline only. Pure TS with no DOM: the worker and the bench both use it.
 */
import { lintGraphql, parseSdl } from './graphql-lint.js';
import {
  asyncApiOutline,
  graphqlOutline,
  openApiOutline,
  wsdlOutline,
  type OutlineNode,
} from './outline.js';
import { RulesetError, defaultRuleset, parseRuleset } from './ruleset.js';
import { SpectralLinter, knownRules, parseDefinition } from './spectral-lint.js';
import type { DefinitionKind, LintOutcome } from './types.js';

/** What the editor asks the linter. */
export interface LintRequest {
  /** Increasing per editor, so a late answer for old text is recognised. */
  id: number;
  text: string;
  kind: DefinitionKind;
  language: 'json' | 'yaml' | 'graphql' | 'xml';
  /** The workspace's `.spectral.yaml` text, or null for the default ruleset. */
  ruleset: string | null;
  /** `on` when the user asked to run the example rules on a large document. */
  exampleRules: 'auto' | 'on';
}

/** The answer: findings, outline, and why the ruleset could not be used (if so). */
export interface LintResponse extends LintOutcome {
  id: number;
  outline: OutlineNode[];
  rulesetError: string | null;
}

/** Holds the Spectral linter (and its chunk cache) across requests for one document. */
export class DefinitionLinter {
  private spectral: SpectralLinter | null = null;
  private rulesetText: string | null | undefined = undefined;
  private rulesetError: string | null = null;

  private linterFor(ruleset: string | null): SpectralLinter {
    if (!this.spectral || ruleset !== this.rulesetText) {
      this.rulesetText = ruleset;
      this.rulesetError = null;
      let config = defaultRuleset;
      if (ruleset !== null) {
        try {
          config = parseRuleset(ruleset, knownRules);
        } catch (e) {
          // A broken ruleset file must not switch linting off: say why, use the default.
          if (!(e instanceof RulesetError)) throw e;
          this.rulesetError = e.message;
        }
      }
      this.spectral = new SpectralLinter(config);
    }
    return this.spectral;
  }

  async lint(request: LintRequest): Promise<LintResponse> {
    const started = performance.now();
    const base = { id: request.id, rulesetError: null, exampleRulesSkipped: false };
    const done = (
      outcome: Omit<LintResponse, 'id' | 'rulesetError' | 'exampleRulesSkipped' | 'stats'>,
    ) => ({
      ...base,
      ...outcome,
      stats: { mode: 'full' as const, chunks: 0, relinted: 0, ms: performance.now() - started },
    });
    if (request.kind === 'graphql') {
      const parsed = parseSdl(request.text);
      return done({
        diagnostics: lintGraphql(request.text),
        outline: 'document' in parsed ? graphqlOutline(parsed.document) : [],
      });
    }
    if (request.kind === 'wsdl' || request.language === 'xml' || request.language === 'graphql') {
      return done({ diagnostics: [], outline: wsdlOutline(request.text) });
    }
    const linter = this.linterFor(request.ruleset);
    const doc = parseDefinition(request.text, request.language);
    const outcome = await linter.lintParsed(doc, {
      language: request.language,
      exampleRules: request.exampleRules,
    });
    const outline = request.kind === 'asyncapi' ? asyncApiOutline(doc) : openApiOutline(doc);
    return { ...outcome, id: request.id, outline, rulesetError: this.rulesetError };
  }

  /** Caches chunks of the last large document in idle time (see `SpectralLinter.warm`). */
  warm(interrupted: () => boolean | Promise<boolean>): Promise<number> {
    return this.spectral?.warm(interrupted) ?? Promise.resolve(0);
  }
}
