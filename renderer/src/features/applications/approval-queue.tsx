import { useEffect, useState } from 'react';
import type { SubscriptionView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { notify, reportError } from '../notifications/notify';

/** Subscriptions ON_HOLD, oldest first, with Approve and Reject. */
export function ApprovalQueue({ version, onChanged }: { version: number; onChanged(): void }) {
  const [pending, setPending] = useState<SubscriptionView[]>([]);

  useEffect(() => {
    let live = true;
    ipc.subscriptions.pending().then(
      (list) => {
        if (live) setPending(list);
      },
      (error: unknown) => reportError(error, 'Reading the approval queue'),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const decide = async (sub: SubscriptionView, status: 'UNBLOCKED' | 'REJECTED') => {
    try {
      await ipc.subscriptions.setStatus({ id: sub.id, status });
      notify(
        `${status === 'UNBLOCKED' ? 'Approved' : 'Rejected'} ${sub.applicationName} → ${sub.apiId}`,
      );
      onChanged();
    } catch (error) {
      reportError(error, 'Deciding on the subscription');
    }
  };

  return (
    <section className="apps-queue" aria-label="Approval queue">
      <h3 className="apps-section__title">
        Approval queue <span className="count">{pending.length}</span>
      </h3>
      {pending.length === 0 ? (
        <p className="muted">No subscription is waiting for approval.</p>
      ) : (
        <ul className="apps-queue__items">
          {pending.map((sub) => (
            <li
              key={sub.id}
              className="apps-queue__item"
              aria-label={`${sub.applicationName} → ${sub.apiId}`}
            >
              <span>
                <strong>{sub.applicationName}</strong> → {sub.apiId}{' '}
                <span className="muted">({sub.plan})</span>
              </span>
              <span className="apps-queue__actions">
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => void decide(sub, 'UNBLOCKED')}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => void decide(sub, 'REJECTED')}
                >
                  Reject
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
