import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApplicationView, SubscriptionView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { notify, reportError } from '../notifications/notify';
import { SelectField, optionsOf } from '../../ui/select-field';
import { usePolicyNames } from './use-policy-names';

interface Props {
  app: ApplicationView;
  version: number;
  onChanged(): void;
}

const blocked = (s: SubscriptionView) => s.status === 'BLOCKED' || s.status === 'PROD_ONLY_BLOCKED';

/** The application's subscriptions: plan changes, block and unblock, and a subscribe form. */
export function SubscriptionsPanel({ app, version, onChanged }: Props) {
  const workspace = useApp((s) => s.workspace);
  const apis = workspace?.apis ?? [];
  const names = usePolicyNames();
  const base = useId();
  const [subs, setSubs] = useState<SubscriptionView[]>([]);
  const [apiId, setApiId] = useState('');
  const [plan, setPlan] = useState('');
  const [approval, setApproval] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    ipc.subscriptions.list({ applicationId: app.id }).then(
      (list) => {
        if (live) setSubs(list);
      },
      (err: unknown) => reportError(err, 'Listing subscriptions'),
    );
    return () => {
      live = false;
    };
  }, [app.id, version]);

  const open = apis.filter((a) => !subs.some((s) => s.apiId === a.id));
  const chosenApi = apiId && open.some((a) => a.id === apiId) ? apiId : (open[0]?.id ?? '');
  const chosenPlan =
    plan && names.subscription.includes(plan) ? plan : (names.subscription[0] ?? '');

  const subscribe = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosenApi) return setError('API: every API of the workspace is already subscribed');
    setError(null);
    try {
      const sub = await ipc.subscriptions.create({
        applicationId: app.id,
        apiId: chosenApi,
        plan: chosenPlan,
        requireApproval: approval,
      });
      notify(
        sub.status === 'ON_HOLD'
          ? `Subscribed to ${sub.apiId}: waiting for approval`
          : `Subscribed to ${sub.apiId} with ${sub.plan}`,
      );
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const act = async (work: () => Promise<SubscriptionView>, what: string) => {
    try {
      const sub = await work();
      notify(`${sub.apiId}: ${what}`);
      onChanged();
    } catch (err) {
      reportError(err, what);
    }
  };

  return (
    <div className="apps-section">
      <h3 className="apps-section__title">Subscriptions</h3>
      {subs.length === 0 ? (
        <p className="muted">Not subscribed to any API.</p>
      ) : (
        <table className="apps-table" aria-label="Subscriptions">
          <thead>
            <tr>
              <th scope="col">API</th>
              <th scope="col">Plan</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {subs.map((s) => (
              <tr key={s.id} aria-label={s.apiId}>
                <td>{s.apiId}</td>
                <td>
                  <select
                    className="input"
                    aria-label={`Plan of ${s.apiId}`}
                    value={s.plan}
                    onChange={(e) => {
                      const next = e.target.value;
                      void act(
                        () => ipc.subscriptions.changePlan({ id: s.id, plan: next }),
                        `plan changed to ${next}`,
                      );
                    }}
                  >
                    {[...new Set([s.plan, ...names.subscription])].map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span className={`apps-status apps-status--${s.status.toLowerCase()}`}>
                    {s.status}
                  </span>
                </td>
                <td>
                  {s.status === 'UNBLOCKED' && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void act(
                          () => ipc.subscriptions.setStatus({ id: s.id, status: 'BLOCKED' }),
                          'blocked',
                        )
                      }
                    >
                      Block
                    </button>
                  )}
                  {blocked(s) && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void act(
                          () => ipc.subscriptions.setStatus({ id: s.id, status: 'UNBLOCKED' }),
                          'unblocked',
                        )
                      }
                    >
                      Unblock
                    </button>
                  )}
                  {s.status === 'ON_HOLD' && <span className="muted">In the approval queue</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="apps-row" aria-label="Subscribe" onSubmit={subscribe} noValidate>
        <SelectField
          id={`${base}-api`}
          label="API"
          value={chosenApi}
          options={
            open.length
              ? open.map((a) => ({ value: a.id, label: a.id }))
              : [{ value: '', label: 'No API left to subscribe to' }]
          }
          onChange={setApiId}
        />
        <SelectField
          id={`${base}-plan`}
          label="Plan"
          value={chosenPlan}
          options={optionsOf(names.subscription)}
          onChange={setPlan}
        />
        <label className="apps-check">
          <input
            type="checkbox"
            checked={approval}
            onChange={(e) => setApproval(e.target.checked)}
          />
          Require approval
        </label>
        <button type="submit" className="button button--small button--primary">
          Subscribe
        </button>
      </form>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
