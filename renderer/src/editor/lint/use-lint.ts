/**
 * Lints the editor's text in a web worker as the user types: debounced, only the
 * newest answer is kept, and typing never waits for a lint to finish.
 */
import { useEffect, useRef, useState } from 'react';
import type { LintRequest, LintResponse } from './lint-core';
import type { DefinitionKind } from './types';
import LintWorker from './lint-worker?worker';

/** Pause after the last keystroke before the text is sent to the worker. */
export const lintDebounceMs = 300;

export interface LintInput {
  text: string;
  kind: DefinitionKind;
  language: LintRequest['language'];
  /** `.spectral.yaml` text, or null for the defaults; undefined while it is being read. */
  ruleset: string | null | undefined;
  exampleRules: 'auto' | 'on';
}

export interface LintState {
  /** The answer for the newest text linted so far (null before the first). */
  result: LintResponse | null;
  /** True from an edit until its answer arrives. */
  pending: boolean;
  /** Why the last lint failed, if it did. */
  error: string | null;
}

interface Answer {
  result: LintResponse | null;
  error: string | null;
  /** The input the answer is for: pending is "the input has moved on since". */
  input: LintInput | null;
}

const same = (a: LintInput | null, b: LintInput): boolean =>
  a !== null &&
  a.text === b.text &&
  a.kind === b.kind &&
  a.language === b.language &&
  a.ruleset === b.ruleset &&
  a.exampleRules === b.exampleRules;

export function useLint(input: LintInput): LintState {
  const workerRef = useRef<Worker | null>(null);
  const nextId = useRef(0);
  const sent = useRef(new Map<number, LintInput>());
  const [answer, setAnswer] = useState<Answer>({ result: null, error: null, input: null });

  useEffect(() => {
    const worker = new LintWorker();
    workerRef.current = worker;
    worker.onmessage = (event: MessageEvent<LintResponse | { id: number; error: string }>) => {
      const data = event.data;
      const answered = sent.current.get(data.id) ?? null;
      for (const id of sent.current.keys()) if (id <= data.id) sent.current.delete(id);
      if ('error' in data) setAnswer((a) => ({ ...a, error: data.error, input: answered }));
      else setAnswer({ result: data, error: null, input: answered });
    };
    // A worker that cannot start (a CSP refusing its eval, a load error) must say so, not spin.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      setAnswer((a) => ({
        ...a,
        error: `the lint worker stopped: ${event.message || 'it could not be loaded'}`,
        input: null,
      }));
    };
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const { text, kind, language, ruleset, exampleRules } = input;
  useEffect(() => {
    if (ruleset === undefined) return;
    const timer = setTimeout(() => {
      const id = ++nextId.current;
      sent.current.set(id, { text, kind, language, ruleset, exampleRules });
      const request: LintRequest = { id, text, kind, language, ruleset, exampleRules };
      workerRef.current?.postMessage(request);
    }, lintDebounceMs);
    return () => clearTimeout(timer);
  }, [text, kind, language, ruleset, exampleRules]);

  return {
    result: answer.result,
    error: answer.error,
    pending:
      answer.error === null && !same(answer.input, { text, kind, language, ruleset, exampleRules }),
  };
}
