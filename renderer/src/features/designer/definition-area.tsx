import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';
import type { EditorDocument, EditorHandle } from '../../editor/code-editor';
import { exampleRulesThresholdLabel } from '../../editor/lint/limits';
import { useLint } from '../../editor/lint/use-lint';
import { OutlinePanel } from '../../editor/outline-panel';
import { ProblemsPanel } from '../../editor/problems-panel';
import { useWorkspaceRuleset } from './use-workspace-ruleset';

// Monaco is most of the bundle: load it when the first API opens, not at startup.
const CodeEditor = lazy(() => import('../../editor/code-editor'));

type Definition = NonNullable<ApiDetail['definition']>;

export interface DefinitionAreaProps {
  detail: ApiDetail;
  definition: Definition;
  /** What the editor loads (a new object replaces the buffer). */
  loaded: EditorDocument;
  /** The text as edited (draft or disk). */
  text: string;
  onChange(text: string): void;
  /** A line to reveal (from search or elsewhere); `nonce` makes repeats count. */
  reveal: { line: number; nonce: number } | null;
  onRevealed(): void;
}

/** The definition editor with its outline, live diagnostics and problems list. */
export function DefinitionArea({
  detail,
  definition,
  loaded,
  text,
  onChange,
  reveal,
  onRevealed,
}: DefinitionAreaProps) {
  const [handle, setHandle] = useState<EditorHandle | null>(null);
  const [exampleRules, setExampleRules] = useState<'auto' | 'on'>('auto');
  const ruleset = useWorkspaceRuleset();
  const lint = useLint({
    text,
    kind: definition.format,
    language: definition.language,
    ruleset: ruleset.content,
    exampleRules,
  });
  const result = lint.result;
  const jump = useCallback(
    (line: number, column = 1) => handle?.revealLine(line, column),
    [handle],
  );

  useEffect(() => {
    if (reveal && handle) {
      handle.revealLine(reveal.line);
      onRevealed();
    }
  }, [reveal, handle, onRevealed]);

  return (
    <div className="definition">
      <aside className="definition__outline" aria-label="Definition outline panel">
        <h3 className="panel-section__title">Outline</h3>
        <OutlinePanel outline={result?.outline ?? []} onSelect={(line) => jump(line)} />
      </aside>
      <div className="definition__main">
        {result?.exampleRulesSkipped && (
          <div className="banner" role="note">
            <span>
              Example validation is off for definitions over {exampleRulesThresholdLabel}: it is
              most of the lint time on large specs.
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => setExampleRules('on')}
            >
              Run example checks
            </button>
          </div>
        )}
        {(result?.rulesetError ?? ruleset.error) && (
          <div className="banner" role="alert">
            <span>
              {result?.rulesetError ?? ruleset.error} — linting with the default rulesets.
            </span>
          </div>
        )}
        <div className="designer__editor">
          <Suspense fallback={<p className="loading">Loading editor…</p>}>
            <CodeEditor
              document={loaded}
              language={definition.language}
              ariaLabel={`Definition of ${detail.name} ${detail.version}`}
              onChange={onChange}
              diagnostics={result?.diagnostics}
              onReady={setHandle}
            />
          </Suspense>
        </div>
        <ProblemsPanel
          diagnostics={result?.diagnostics ?? []}
          pending={lint.pending}
          onSelect={(d) => jump(d.range.start.line + 1, d.range.start.character + 1)}
        />
        {lint.error && (
          <p role="alert" className="definition__lint-error">
            Lint failed: {lint.error}
          </p>
        )}
      </div>
    </div>
  );
}
