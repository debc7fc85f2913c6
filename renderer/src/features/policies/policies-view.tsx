import { useCallback, useEffect, useState } from 'react';
import type { PolicyDocument, PolicyKind, Response } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { notify, reportError } from '../notifications/notify';
import { DenylistPanel } from './denylist-panel';
import { PolicyForm } from './policy-form';
import { kindLabels } from './policy-draft';
import '../applications/applications.css';
import './policies.css';

type Listing = Response<'policies.list'>;
type Mode =
  | { kind: 'none' }
  | { kind: 'edit'; policy: PolicyDocument }
  | { kind: 'new'; policyKind: PolicyKind }
  | { kind: 'denylist' };

const groups: { kind: PolicyKind; title: string; add: string }[] = [
  { kind: 'subscription', title: 'Subscription plans', add: 'New plan' },
  { kind: 'application', title: 'Application policies', add: 'New application policy' },
  { kind: 'api', title: 'API policies', add: 'New API policy' },
];

const summary = (p: PolicyDocument) =>
  p.limit && p.limit.requests !== null && p.limit.requests !== undefined
    ? `${p.limit.requests}/${p.limit.unitTime === 1 ? '' : p.limit.unitTime}${p.limit.timeUnit}`
    : 'tokens';

/** Plans and policies (workspace files) and the local denylist. */
export function PoliciesView() {
  const workspace = useApp((s) => s.workspace);
  // A policy file edited elsewhere leaves the workspace info as it was, but redeploys.
  const revision = useApp((s) => s.gateway?.revision ?? null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });

  const load = useCallback(() => {
    ipc.policies
      .list()
      .then(setListing, (error: unknown) => reportError(error, 'Listing policies'));
  }, []);
  useEffect(() => load(), [load, workspace, revision]);

  const remove = async (policy: PolicyDocument) => {
    try {
      await ipc.policies.delete({ kind: policy.kind, name: policy.name });
      notify(`${kindLabels[policy.kind]} ${policy.name} deleted`);
      setMode({ kind: 'none' });
      load();
    } catch (error) {
      reportError(error, 'Deleting the policy');
    }
  };

  const isCurrent = (p: PolicyDocument) =>
    mode.kind === 'edit' && mode.policy.kind === p.kind && mode.policy.name === p.name;

  return (
    <div className="apps-view">
      <aside className="apps-view__list" aria-label="Policies">
        <h2 className="apps-view__title">Plans and policies</h2>
        {listing?.usingDefaults && (
          <p className="muted">Built-in defaults: the first save writes them to policies/.</p>
        )}
        {groups.map((g) => (
          <div key={g.kind} className="policy-group">
            <h3 className="apps-section__title">{g.title}</h3>
            <ul className="apps-view__items" aria-label={g.title}>
              {(listing?.policies ?? [])
                .filter((p) => p.kind === g.kind)
                .map((p) => (
                  <li key={p.name}>
                    <button
                      type="button"
                      className="apps-view__item"
                      aria-current={isCurrent(p) ? 'true' : undefined}
                      onClick={() => setMode({ kind: 'edit', policy: p })}
                    >
                      <span>{p.name}</span>
                      <span className="muted">{summary(p)}</span>
                    </button>
                  </li>
                ))}
            </ul>
            <button
              type="button"
              className="button button--small"
              onClick={() => setMode({ kind: 'new', policyKind: g.kind })}
            >
              {g.add}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="apps-view__item policy-denylist-link"
          aria-current={mode.kind === 'denylist' ? 'true' : undefined}
          onClick={() => setMode({ kind: 'denylist' })}
        >
          Denylist
        </button>
        {(listing?.problems.length ?? 0) > 0 && (
          <ul className="policy-problems" aria-label="Policy problems">
            {listing?.problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="apps-view__main">
        {mode.kind === 'denylist' ? (
          <DenylistPanel />
        ) : mode.kind === 'edit' || mode.kind === 'new' ? (
          <PolicyForm
            key={
              mode.kind === 'edit'
                ? `${mode.policy.kind}-${mode.policy.name}`
                : `new-${mode.policyKind}`
            }
            kind={mode.kind === 'edit' ? mode.policy.kind : mode.policyKind}
            initial={mode.kind === 'edit' ? mode.policy : null}
            onCancel={() => setMode({ kind: 'none' })}
            onSaved={(policy) => {
              setMode({ kind: 'edit', policy });
              load();
            }}
            {...(mode.kind === 'edit' ? { onDelete: () => void remove(mode.policy) } : {})}
          />
        ) : (
          <p className="muted">
            Pick a plan or policy to edit it, add one, or open the denylist. Each is a file under
            policies/ in the workspace; the local gateway redeploys when one changes.
          </p>
        )}
      </div>
    </div>
  );
}
