import type { EnvironmentStatus } from '../../../../main/ipc/contract';

const stateText: Record<EnvironmentStatus['state'], string> = {
  'in-sync': 'In sync',
  diverged: 'Diverged: nodes serve different revisions',
  unreachable: 'Unreachable',
};

/** Each node of an environment: reachable or not, and the revision it serves. */
export function EnvironmentHealth({ status }: { status: EnvironmentStatus }) {
  return (
    <section className="chart-panel" aria-label="Environment health">
      <h3 className="chart-panel__title">
        {status.environment}: {stateText[status.state]}
      </h3>
      <table className="chart-data__table" aria-label="Node health">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Admin URL</th>
            <th scope="col">Health</th>
            <th scope="col">Revision</th>
          </tr>
        </thead>
        <tbody>
          {status.nodes.map((n) => (
            <tr key={n.node}>
              <th scope="row">{n.node}</th>
              <td>{n.adminUrl}</td>
              <td className={n.reachable ? 'health--up' : 'health--down'}>
                {n.reachable ? 'Up' : `Down${n.error ? `: ${n.error}` : ''}`}
              </td>
              <td>{n.revision ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
