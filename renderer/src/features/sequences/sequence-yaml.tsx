/**
 * The sequence as YAML beside the canvas, editable both ways: canvas edits
 * reload the buffer (unless you are typing in it), and YAML that parses into a
 * sequence replaces the canvas document as one undoable edit.
 */
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { EditorDocument } from '../../editor/code-editor';

const CodeEditor = lazy(() => import('../../editor/code-editor'));

export function SequenceYaml({ yaml, onEdit }: { yaml: string; onEdit(text: string): void }) {
  const [document, setDocument] = useState<EditorDocument>({ text: yaml, revision: 0 });
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // While the user types here the canvas follows the text; the text follows the canvas otherwise.
  useEffect(() => {
    if (!focused.current)
      setDocument((d) => (d.text === yaml ? d : { text: yaml, revision: d.revision + 1 }));
  }, [yaml]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div
      className="seq-yaml"
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        setDocument((d) => (d.text === yaml ? d : { text: yaml, revision: d.revision + 1 }));
      }}
    >
      <Suspense fallback={<p className="seq-yaml__loading">Loading the editor…</p>}>
        <CodeEditor
          document={document}
          language="yaml"
          ariaLabel="Sequence YAML"
          onChange={(text) => {
            if (!focused.current) return;
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => onEdit(text), 300);
          }}
        />
      </Suspense>
    </div>
  );
}
