import { useCallback, useEffect, useState } from 'react';
import type { EnvironmentConfig, Response } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { reportError } from '../notifications/notify';
import { EnvironmentDetail } from './environment-detail';
import { EnvironmentForm } from './environment-form';
import './environments.css';

type ListResult = Response<'environments.list'>;

type Mode = { kind: 'view' } | { kind: 'new' } | { kind: 'edit' };

/** Named deployment targets: the list on the left, the chosen one (or the form) on the right. */
export function EnvironmentsView() {
  const [environments, setEnvironments] = useState<EnvironmentConfig[] | null>(null);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });

  const apply = useCallback((result: ListResult, select?: string | null) => {
    setEnvironments(result.environments);
    setProblems(result.problems);
    setSelected((current) => {
      const want = select === undefined ? current : select;
      return want !== null && result.environments.some((e) => e.name === want)
        ? want
        : (result.environments[0]?.name ?? null);
    });
  }, []);

  const load = (select?: string | null): void => {
    ipc.environments.list().then(
      (result) => apply(result, select),
      (error: unknown) => reportError(error, 'Listing environments'),
    );
  };

  useEffect(() => {
    let live = true;
    ipc.environments.list().then(
      (result) => {
        if (live) apply(result);
      },
      (error: unknown) => {
        reportError(error, 'Listing environments');
        if (live) setEnvironments([]);
      },
    );
    return () => {
      live = false;
    };
  }, [apply]);

  const current = environments?.find((e) => e.name === selected) ?? null;

  return (
    <div className="env-view">
      <aside className="env-view__list" aria-label="Environments">
        <div className="env-view__list-header">
          <h2 className="env-view__title">Environments</h2>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => setMode({ kind: 'new' })}
          >
            New environment
          </button>
        </div>
        {environments === null ? (
          <p className="muted">Loading…</p>
        ) : environments.length === 0 ? (
          <p className="muted">No environments yet: add dev, staging or prod.</p>
        ) : (
          <ul className="env-view__items">
            {environments.map((e) => (
              <li key={e.name}>
                <button
                  type="button"
                  className="env-view__item"
                  aria-current={e.name === selected && mode.kind === 'view' ? 'true' : undefined}
                  onClick={() => {
                    setSelected(e.name);
                    setMode({ kind: 'view' });
                  }}
                >
                  <span>{e.name}</span>
                  <span className="muted">
                    {e.nodes.length} {e.nodes.length === 1 ? 'node' : 'nodes'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {problems.length > 0 && (
          <ul className="env-view__problems" aria-label="Environment problems">
            {problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="env-view__main">
        {mode.kind !== 'view' ? (
          <EnvironmentForm
            key={mode.kind === 'edit' ? `edit-${selected ?? ''}` : 'new'}
            initial={mode.kind === 'edit' ? current : null}
            onCancel={() => setMode({ kind: 'view' })}
            onSaved={(saved) => {
              setMode({ kind: 'view' });
              load(saved.name);
            }}
          />
        ) : current ? (
          <EnvironmentDetail
            key={current.name}
            environment={current}
            onEdit={() => setMode({ kind: 'edit' })}
            onDeleted={() => load(null)}
          />
        ) : (
          <p className="muted">Pick an environment, or add one.</p>
        )}
      </div>
    </div>
  );
}
