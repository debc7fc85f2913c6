import { Fragment, useState } from 'react';
import type { ApiDetail, Operation } from '../../../../main/ipc/contract';
import { usePolicyNames } from '../applications/use-policy-names';
import { OperationEditor } from './operation-editor';

interface Props {
  apiId: string;
  operations: Operation[];
  onSaved(detail: ApiDetail): void;
}

const keyOf = (op: Operation) => `${op.method} ${op.target}`;

/** What an operation's settings say, in a few words (nothing when all are defaults). */
function badges(op: Operation): string[] {
  const out: string[] = [];
  if (op.auth === 'none') out.push('open');
  if (op.throttlingPolicy && op.throttlingPolicy !== 'Unlimited') out.push(op.throttlingPolicy);
  if (op.scopes && op.scopes.length > 0) out.push(op.scopes.join(' '));
  return out;
}

/**
 * The operations the definition declares, as the gateway will route them; each can
 * be opened to set its access, API policy and scopes.
 */
export function OperationsList({ apiId, operations, onSaved }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const names = usePolicyNames();
  return (
    <section className="panel-section" aria-labelledby="operations-heading">
      <h3 id="operations-heading" className="panel-section__title">
        Operations <span className="count">{operations.length}</span>
      </h3>
      {operations.length === 0 ? (
        <p className="muted">The definition declares no operations.</p>
      ) : (
        <table className="operations" aria-labelledby="operations-heading">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Settings</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((op) => {
              const key = keyOf(op);
              const open = editing === key;
              return (
                <Fragment key={key}>
                  <tr title={op.summary}>
                    <td>
                      <span className={`method method--${op.method.toLowerCase()}`}>
                        {op.method}
                      </span>
                    </td>
                    <td>
                      <code className="operations__target">{op.target}</code>
                      {op.summary && <span className="operations__summary">{op.summary}</span>}
                      {badges(op).map((badge) => (
                        <span key={badge} className="operations__badge">
                          {badge}
                        </span>
                      ))}
                    </td>
                    <td className="operations__actions">
                      {op.auth !== undefined && (
                        <button
                          type="button"
                          className="button button--small"
                          aria-expanded={open}
                          aria-label={`Settings of ${key}`}
                          onClick={() => setEditing(open ? null : key)}
                        >
                          {open ? 'Close' : 'Settings'}
                        </button>
                      )}
                    </td>
                  </tr>
                  {open && (
                    <tr>
                      <td colSpan={3}>
                        <OperationEditor
                          apiId={apiId}
                          operation={op}
                          apiPolicies={names.api}
                          onSaved={onSaved}
                          onClose={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
