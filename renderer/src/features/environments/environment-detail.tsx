import { useCallback, useEffect, useId, useState } from 'react';
import type {
  EnvironmentConfig,
  EnvironmentProgress,
  EnvironmentStatus,
  PushReport,
} from '../../../../main/ipc/contract';
import { ipc, subscribe } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { reportError } from '../notifications/notify';
import { RevisionHistory } from './revision-history';
import { SecretsPanel } from './secrets-panel';

interface Props {
  environment: EnvironmentConfig;
  onEdit(): void;
  onDeleted(): void;
}

type Action = 'push' | 'rollback' | 'undeploy';

const stageLabels: Record<EnvironmentProgress['stage'], string> = {
  secrets: 'sending secrets…',
  bundle: 'deploying the bundle…',
  done: 'done',
  failed: 'failed',
};

const stateLabels: Record<EnvironmentStatus['state'], string> = {
  'in-sync': 'In sync',
  diverged: 'Diverged',
  unreachable: 'Unreachable',
};

/** One environment: each node's state, push / roll back / undeploy, and the API's revisions. */
export function EnvironmentDetail({ environment, onEdit, onDeleted }: Props) {
  const apis = useApp((s) => s.workspace?.apis ?? []);
  const [status, setStatus] = useState<EnvironmentStatus | null>(null);
  const [apiId, setApiId] = useState(apis[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [running, setRunning] = useState<Action | null>(null);
  const [report, setReport] = useState<PushReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  // Node name -> its latest step of the running operation, as main reports it.
  const [progress, setProgress] = useState<Record<string, EnvironmentProgress>>({});
  const ids = { api: useId(), note: useId() };
  const name = environment.name;

  const refresh = useCallback(async () => {
    try {
      setStatus(await ipc.environments.status({ name }));
    } catch (error) {
      reportError(error, `Status of ${name}`);
    }
  }, [name]);

  useEffect(
    () =>
      subscribe('environments.progress', (p) => {
        if (p.environment === name) setProgress((prev) => ({ ...prev, [p.node]: p }));
      }),
    [name],
  );

  useEffect(() => {
    let live = true;
    ipc.environments.status({ name }).then(
      (s) => {
        if (live) setStatus(s);
      },
      (error: unknown) => reportError(error, `Status of ${name}`),
    );
    return () => {
      live = false;
    };
  }, [name]);

  const run = async (action: Action) => {
    if (apiId === '') return;
    setRunning(action);
    setProgress({});
    setReport(null);
    setFailure(null);
    try {
      let result: PushReport;
      if (action === 'push') {
        const trimmed = note.trim();
        const { revision } = await ipc.revisions.create({
          apiId,
          ...(trimmed !== '' && { note: trimmed }),
        });
        result = await ipc.environments.push({ environment: name, apiId, revisionId: revision.id });
        setNote('');
      } else if (action === 'rollback') {
        result = await ipc.environments.rollback({ environment: name, apiId });
      } else {
        result = await ipc.environments.undeploy({ environment: name, apiId });
      }
      setReport(result);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(null);
      setHistoryKey((k) => k + 1);
      await refresh();
    }
  };

  const remove = async () => {
    if (!window.confirm(`Delete the environment ${name}? Its nodes keep serving what they serve.`))
      return;
    try {
      await ipc.environments.delete({ name });
      onDeleted();
    } catch (error) {
      reportError(error, `Deleting ${name}`);
    }
  };

  const deployed = status?.apis.find((a) => a.apiId === apiId)?.revisionId ?? null;
  const busy = running !== null;

  return (
    <section className="env-detail" aria-labelledby={`${ids.api}-title`}>
      <header className="env-detail__header">
        <h2 id={`${ids.api}-title`} className="env-view__title">
          {name}
        </h2>
        {status && (
          <span className={`env-state env-state--${status.state}`} data-testid="environment-state">
            {stateLabels[status.state]}
          </span>
        )}
        <div className="env-detail__spacer" />
        <button type="button" className="button button--small" onClick={() => void refresh()}>
          Refresh status
        </button>
        <button type="button" className="button button--small" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button button--small button--danger" onClick={remove}>
          Delete
        </button>
      </header>
      {environment.description && <p className="muted">{environment.description}</p>}

      <table className="env-table" aria-label="Nodes">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Admin URL</th>
            <th scope="col">Reachable</th>
            <th scope="col">Revision</th>
          </tr>
        </thead>
        <tbody>
          {(
            status?.nodes ??
            environment.nodes.map((n) => ({
              node: n.name,
              adminUrl: n.adminUrl,
              reachable: null,
              revision: null,
              error: undefined,
            }))
          ).map((n) => (
            <tr key={n.node} data-testid={`node-${n.node}`}>
              <th scope="row">{n.node}</th>
              <td className="mono">{n.adminUrl}</td>
              <td>{n.reachable === null ? '…' : n.reachable ? 'Reachable' : 'Unreachable'}</td>
              <td>
                <span className="mono" data-testid="node-revision">
                  {n.revision ?? '(nothing deployed)'}
                </span>
                {n.error && <span className="field__error"> {n.error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status && status.apis.length > 0 && (
        <p className="muted" data-testid="deployed-apis">
          Deployed:{' '}
          {status.apis.map((a) => (
            <span key={a.apiId} className="env-deployed">
              {a.apiId} @ <code>{a.revisionId}</code>
            </span>
          ))}
        </p>
      )}

      <SecretsPanel environment={environment} />

      <section className="env-push" aria-label="Deploy">
        <div className="env-push__fields">
          <div className="field">
            <label htmlFor={ids.api}>API</label>
            <select
              id={ids.api}
              className="input"
              value={apiId}
              onChange={(e) => setApiId(e.target.value)}
            >
              {apis.length === 0 && <option value="">No APIs in this workspace</option>}
              {apis.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} {a.version}
                </option>
              ))}
            </select>
          </div>
          <div className="field env-push__note">
            <label htmlFor={ids.note}>Revision note</label>
            <input
              id={ids.note}
              className="input"
              value={note}
              maxLength={2000}
              placeholder="What changed (optional)"
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
        </div>
        <div className="form-actions env-push__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || apiId === ''}
            onClick={() => void run('push')}
          >
            {running === 'push' ? 'Pushing…' : 'Push'}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || deployed === null}
            onClick={() => void run('rollback')}
          >
            {running === 'rollback' ? 'Rolling back…' : 'Roll back'}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={busy || deployed === null}
            onClick={() => void run('undeploy')}
          >
            {running === 'undeploy' ? 'Undeploying…' : 'Undeploy'}
          </button>
        </div>
        {(running !== null || Object.keys(progress).length > 0) && (
          <ul className="env-progress" aria-label="Progress">
            {environment.nodes.map((n) => {
              const step = progress[n.name];
              return (
                <li key={n.name} data-testid={`progress-${n.name}`}>
                  {n.name}:{' '}
                  {step
                    ? `${stageLabels[step.stage]}${step.message ? ` ${step.message}` : ''}`
                    : 'waiting…'}
                </li>
              );
            })}
          </ul>
        )}
        {failure && (
          <div className="form-error" role="alert">
            {failure}
          </div>
        )}
        {report && (
          <div className="env-report" role="status" aria-label="Last result">
            <p>
              <strong>{report.outcome}</strong>: {report.action} {report.apiId}{' '}
              {report.revisionId ? <code>{report.revisionId}</code> : '(nothing)'} to{' '}
              {report.environment}
            </p>
            <ul>
              {report.nodes.map((n) => (
                <li key={n.node} data-testid={`result-${n.node}`}>
                  {n.node}:{' '}
                  {n.ok ? `ok, serving ${n.revision ?? 'nothing'}` : `failed: ${n.error ?? ''}`}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {apiId !== '' && (
        <RevisionHistory key={`${apiId}-${historyKey}`} apiId={apiId} deployed={deployed} />
      )}
    </section>
  );
}
