import { useCallback, useEffect, useState } from 'react';
import type { Assertion, TestCase, TestCaseResult } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { reportError } from '../notifications/notify';
import type { ApiSectionProps } from '../designer/api-sections';
import { EmptyState } from '../../ui/empty-state';
import './console.css';

function describe(a: Assertion): string {
  switch (a.type) {
    case 'status':
      return `status equals ${a.equals}`;
    case 'time':
      return `response time under ${a.underMs} ms`;
    case 'header':
      return a.matches !== undefined
        ? `header ${a.name} matches /${a.matches}/`
        : `header ${a.name} equals "${a.equals ?? ''}"`;
    case 'body': {
      const path = a.path || '(whole body)';
      if (a.exists !== undefined) return `body ${path} ${a.exists ? 'exists' : 'is absent'}`;
      if (a.matches !== undefined) return `body ${path} matches /${a.matches}/`;
      return `body ${path} equals ${JSON.stringify(a.equals)}`;
    }
  }
}

/** The API's test cases (`apis/<id>/tests/*.yaml`): run them all, see each assertion's outcome. */
export function TestsSection({ detail }: ApiSectionProps) {
  const apiId = detail.id;
  const [cases, setCases] = useState<TestCase[] | null>(null);
  const [results, setResults] = useState<Map<string, TestCaseResult>>(new Map());
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setCases(await ipc.console.listTests({ apiId }));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [apiId]);

  useEffect(() => {
    let live = true;
    ipc.console.listTests({ apiId }).then(
      (list) => {
        if (live) setCases(list);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    const onChanged = (e: Event) => {
      if ((e as CustomEvent<string>).detail === apiId) void refresh();
    };
    window.addEventListener('portico:tests-changed', onChanged);
    return () => {
      live = false;
      window.removeEventListener('portico:tests-changed', onChanged);
    };
  }, [apiId, refresh]);

  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      await refresh();
      const list = await ipc.console.runTests({ apiId });
      setResults(new Map(list.map((r) => [r.name, r])));
    } catch (e) {
      reportError(e, 'Could not run the test cases');
    } finally {
      setRunning(false);
    }
  };

  const remove = async (name: string): Promise<void> => {
    try {
      await ipc.console.deleteTest({ apiId, name });
      await refresh();
    } catch (e) {
      reportError(e, `Could not delete ${name}`);
    }
  };

  const done = [...results.values()];
  const failed = done.filter((r) => !r.passed).length;
  return (
    <section className="console-tests" aria-label="Test cases">
      <header className="console-tests__header">
        <h3>Test cases</h3>
        <button
          type="button"
          className="button button--primary"
          disabled={running || !cases || cases.length === 0}
          onClick={() => void run()}
        >
          {running ? 'Running…' : 'Run all'}
        </button>
        {done.length > 0 && (
          <span role="status" className={failed ? 'console__fail' : 'console__pass'}>
            {done.length - failed} passed, {failed} failed
          </span>
        )}
      </header>
      {error && (
        <p className="console__error" role="alert">
          {error}
        </p>
      )}
      {cases?.length === 0 && (
        <EmptyState title="No test cases yet">
          Send a request from “Try it” and choose “Save as test case”. Cases are files in apis/
          {apiId}/tests/, and `npx portico test --api {apiId}` runs them in CI.
        </EmptyState>
      )}
      <ul className="console-tests__list">
        {cases?.map((c) => {
          const result = results.get(c.name);
          return (
            <li key={c.name} aria-label={`Test case ${c.name}`} className="console-tests__case">
              <div className="console-tests__title">
                {result && (
                  <span className={result.passed ? 'console__pass' : 'console__fail'}>
                    {result.passed ? 'PASS' : 'FAIL'}
                  </span>
                )}
                <strong>{c.name}</strong>
                <code>
                  {c.request.method} {c.request.path}
                </code>
                {result?.status !== undefined && result.status !== null && (
                  <span className="muted">status {result.status}</span>
                )}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Delete test case ${c.name}`}
                  onClick={() => void remove(c.name)}
                >
                  Delete
                </button>
              </div>
              {result?.error && <p className="console__error">{result.error}</p>}
              <ul className="console-tests__assertions">
                {c.assertions.map((a, i) => {
                  const r = result?.assertions[i];
                  return (
                    <li key={i}>
                      {r && (
                        <span className={r.passed ? 'console__pass' : 'console__fail'}>
                          {r.passed ? '✓' : '✗'}
                        </span>
                      )}{' '}
                      {describe(a)}
                      {r && !r.passed && <span className="muted"> — got {r.actual}</span>}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
