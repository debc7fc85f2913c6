/**
 * Shapes shared by the lint core, its worker and the editor. Pure data: the core
 * runs in a web worker, in Node (bench, tests) and nowhere needs the DOM.
 */

/** How bad a finding is; the order is Spectral's (0 = error ... 3 = hint). */
export type LintSeverity = 'error' | 'warning' | 'info' | 'hint';

/** A zero-based line/character position, as Spectral and LSP report them. */
export interface LintPosition {
  line: number;
  character: number;
}

/** One finding in a definition. */
export interface LintDiagnostic {
  /** Rule name (`operation-description`), `parser`, `invalid-ref` or `graphql`. */
  code: string;
  message: string;
  severity: LintSeverity;
  /** JSON path of the offending node (empty for GraphQL and parser errors). */
  path: (string | number)[];
  range: { start: LintPosition; end: LintPosition };
}

/** What kind of definition a text is, as the workspace reports it. */
export type DefinitionKind = 'openapi' | 'asyncapi' | 'graphql' | 'wsdl';

/** How a lint run went, for the problems panel and the bench. */
export interface LintStats {
  /** `full`: every rule over the whole document; `incremental`: only changed chunks re-linted. */
  mode: 'full' | 'incremental';
  /** Chunks the document was split into (0 for a full lint). */
  chunks: number;
  /** Chunks whose results were not in the cache and were linted this time. */
  relinted: number;
  /** Wall time of the lint in milliseconds. */
  ms: number;
}

/** The result of linting one version of a document. */
export interface LintOutcome {
  diagnostics: LintDiagnostic[];
  /** True when the example-validation rules were skipped because the document is large. */
  exampleRulesSkipped: boolean;
  stats: LintStats;
}

export const severityOrder: Record<LintSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
  hint: 3,
};

/** Stable order: by position, then severity, then rule. */
export function compareDiagnostics(a: LintDiagnostic, b: LintDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    a.code.localeCompare(b.code) ||
    a.path.join('/').localeCompare(b.path.join('/')) ||
    a.message.localeCompare(b.message)
  );
}
