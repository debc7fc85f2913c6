/**
 * Lint findings as Monaco markers. Spectral and `graphql` report zero-based
 * lines and characters; Monaco counts from one.
 */
import type { LintDiagnostic, LintSeverity } from './lint/types';
import { monaco } from './monaco';

const markerSeverity: Record<LintSeverity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
  hint: monaco.MarkerSeverity.Hint,
};

/** The owner name under which lint markers are set (and replaced) on a model. */
export const lintOwner = 'portico-lint';

export function toMarkers(diagnostics: readonly LintDiagnostic[]): monaco.editor.IMarkerData[] {
  return diagnostics.map((d) => {
    const sameSpot =
      d.range.end.line === d.range.start.line && d.range.end.character <= d.range.start.character;
    return {
      severity: markerSeverity[d.severity],
      message: d.message,
      code: d.code,
      source: d.code === 'graphql' ? 'graphql' : 'spectral',
      startLineNumber: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLineNumber: d.range.end.line + 1,
      // An empty range would draw no squiggle: underline at least one character.
      endColumn: d.range.end.character + 1 + (sameSpot ? 1 : 0),
    };
  });
}
