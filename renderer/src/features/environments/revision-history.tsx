import { useEffect, useId, useState } from 'react';
import type { RevisionDiff, RevisionInfo } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { reportError } from '../notifications/notify';

interface Props {
  apiId: string;
  /** The revision the environment serves, marked in the list. */
  deployed: string | null;
}

/** An API's revisions (newest first) with author, time and note, and a diff of any two. */
export function RevisionHistory({ apiId, deployed }: Props) {
  const [revisions, setRevisions] = useState<RevisionInfo[] | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const ids = { from: useId(), to: useId(), title: useId() };

  useEffect(() => {
    let live = true;
    ipc.revisions
      .list({ apiId })
      .then((list) => {
        if (!live) return;
        setRevisions(list);
        setTo(list[0]?.id ?? '');
        setFrom(list[1]?.id ?? list[0]?.id ?? '');
      })
      .catch((error: unknown) => reportError(error, `Revisions of ${apiId}`));
    return () => {
      live = false;
    };
  }, [apiId]);

  const compare = async () => {
    try {
      setDiff(await ipc.revisions.diff({ from, to }));
    } catch (error) {
      reportError(error, 'Comparing revisions');
    }
  };

  const label = (r: RevisionInfo) => `${r.id.slice(0, 12)} · ${r.note || 'no note'}`;

  return (
    <section className="env-revisions" aria-labelledby={ids.title}>
      <h3 id={ids.title} className="env-revisions__title">
        Revisions of {apiId}
      </h3>
      {revisions === null ? (
        <p className="muted">Loading…</p>
      ) : revisions.length === 0 ? (
        <p className="muted">No revisions yet: a push creates one.</p>
      ) : (
        <>
          <table className="env-table" aria-label="Revisions">
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Author</th>
                <th scope="col">Time</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <td className="mono">
                    {r.id.slice(0, 12)}
                    {r.id === deployed && <span className="badge env-badge">deployed</span>}
                  </td>
                  <td>{r.author}</td>
                  <td>
                    <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>
                  </td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="env-push__fields">
            <div className="field">
              <label htmlFor={ids.from}>Diff from</label>
              <select
                id={ids.from}
                className="input"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              >
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.to}>Diff to</label>
              <select
                id={ids.to}
                className="input"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              >
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              disabled={from === '' || to === ''}
              onClick={() => void compare()}
            >
              Compare
            </button>
          </div>
          {diff && <DiffView diff={diff} />}
        </>
      )}
    </section>
  );
}

function DiffView({ diff }: { diff: RevisionDiff }) {
  const changed = diff.definition.some((l) => l.op !== 'same') || diff.settings.length > 0;
  return (
    <div className="env-diff" role="region" aria-label="Revision diff">
      {!changed && <p className="muted">The two revisions are the same.</p>}
      {diff.settings.length > 0 && (
        <ul className="env-diff__settings" aria-label="Settings changes">
          {diff.settings.map((s) => (
            <li key={s.path}>
              <code>{s.path}</code>: {JSON.stringify(s.before) ?? '—'} →{' '}
              {JSON.stringify(s.after) ?? '—'}
            </li>
          ))}
        </ul>
      )}
      {diff.definition.some((l) => l.op !== 'same') && (
        <pre className="env-diff__lines" aria-label="Definition changes">
          {diff.definition.map((l, i) => (
            <span key={i} className={`env-diff__line env-diff__line--${l.op}`}>
              {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}
