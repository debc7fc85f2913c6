import type { Operation } from '../../../../main/ipc/contract';

/** The operations the definition declares, as the gateway will route them. */
export function OperationsList({ operations }: { operations: Operation[] }) {
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
            </tr>
          </thead>
          <tbody>
            {operations.map((op) => (
              <tr key={`${op.method} ${op.target}`} title={op.summary}>
                <td>
                  <span className={`method method--${op.method.toLowerCase()}`}>{op.method}</span>
                </td>
                <td>
                  <code className="operations__target">{op.target}</code>
                  {op.summary && <span className="operations__summary">{op.summary}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
