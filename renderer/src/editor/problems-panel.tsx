import type { LintDiagnostic, LintSeverity } from './lint/types';

const labels: Record<LintSeverity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'infos'],
  hint: ['hint', 'hints'],
};

export interface ProblemsPanelProps {
  diagnostics: readonly LintDiagnostic[];
  /** True while an edit waits for its lint. */
  pending: boolean;
  onSelect(diagnostic: LintDiagnostic): void;
}

/** The findings under the editor: counts by severity, one row each, click to jump. */
export function ProblemsPanel({ diagnostics, pending, onSelect }: ProblemsPanelProps) {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const summary = (Object.keys(counts) as LintSeverity[])
    .filter((s) => counts[s] > 0 || s === 'error' || s === 'warning')
    .map((s) => `${counts[s]} ${labels[s][counts[s] === 1 ? 0 : 1]}`)
    .join(', ');
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h3 id="problems-heading" className="problems__title">
        Problems <span className="problems__summary">{summary}</span>
        {pending && <span className="problems__pending">Linting…</span>}
      </h3>
      {diagnostics.length === 0 ? (
        <p className="muted problems__empty">{pending ? 'Linting…' : 'No problems found.'}</p>
      ) : (
        <ul className="problems__list" aria-label="Problems">
          {diagnostics.map((d, i) => (
            <li key={`${d.code}:${d.range.start.line}:${d.range.start.character}:${i}`}>
              <button
                type="button"
                className={`problems__item problems__item--${d.severity}`}
                onClick={() => onSelect(d)}
              >
                <span className="problems__severity">{d.severity}</span>
                <span className="problems__message">{d.message}</span>
                <span className="problems__code">{d.code}</span>
                <span className="problems__line">Ln {d.range.start.line + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
