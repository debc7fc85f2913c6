import { useEffect, useRef } from 'react';
import { useApp } from '../state/app-store';
import { lintOwner, toMarkers } from './diagnostics';
import type { LintDiagnostic } from './lint/types';
import { monaco } from './monaco';

/** Text for the editor to load. A new object (not a new keystroke) replaces the buffer. */
export interface EditorDocument {
  text: string;
  /** Bumped by the owner on every load, so loading the same text twice is still a load. */
  revision: number;
}

export interface CodeEditorProps {
  document: EditorDocument;
  language: string;
  /** Names the editor for assistive technology and tests. */
  ariaLabel: string;
  onChange(value: string): void;
  /** Findings to show as markers (squiggles, hovers, F8 navigation). */
  diagnostics?: readonly LintDiagnostic[];
  /** Receives a handle once the editor exists (and null when it goes). */
  onReady?(handle: EditorHandle | null): void;
}

/** What the owner of an editor can do with it. */
export interface EditorHandle {
  /** Scrolls one-based `line` to the centre, selects it and focuses the editor. */
  revealLine(line: number, column?: number): void;
}

/**
 * Monaco as a React component. Monaco owns the buffer and reports edits through
 * `onChange`; React replaces the buffer only when the owner hands over a new
 * `document` (a file changed on disk). Comparing against a `value` prop instead
 * would race fast typing: a render that lags one keystroke would undo it.
 */
export default function CodeEditor({
  document,
  language,
  ariaLabel,
  onChange,
  diagnostics,
  onReady,
}: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const theme = useApp((s) => s.theme);

  const onReadyRef = useRef(onReady);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const model = monaco.editor.createModel(document.text, language);
    const editor = monaco.editor.create(host, {
      model,
      ariaLabel,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const sub = model.onDidChangeContent(() => onChangeRef.current(model.getValue()));
    const onReadyNow = onReadyRef.current;
    onReadyNow?.({
      revealLine(line, column = 1) {
        const target = Math.min(Math.max(1, line), model.getLineCount());
        editor.revealLineInCenter(target);
        editor.setSelection({
          startLineNumber: target,
          startColumn: column,
          endLineNumber: target,
          endColumn: model.getLineMaxColumn(target),
        });
        editor.focus();
      },
    });
    return () => {
      onReadyNow?.(null);
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor is created once; value and language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== document.text) {
      // pushEditOperations keeps undo history, so a reload from disk can be undone.
      model.pushEditOperations(
        [],
        [{ range: model.getFullModelRange(), text: document.text }],
        () => null,
      );
    }
  }, [document]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    // Findings arrive for text a few keystrokes old; Monaco moves markers with
    // edits until the next answer replaces them.
    if (model) monaco.editor.setModelMarkers(model, lintOwner, toMarkers(diagnostics ?? []));
  }, [diagnostics]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'portico-dark' : 'portico-light');
  }, [theme]);

  return <div ref={hostRef} className="code-editor" data-testid="definition-editor" />;
}
