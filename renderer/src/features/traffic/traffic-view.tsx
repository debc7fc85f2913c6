import { useMemo, useRef, useState } from 'react';
import type { TrafficEntry, TrafficFilter } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { EmptyState } from '../../ui/empty-state';
import { notify, reportError } from '../notifications/notify';
import { downloadText } from '../../ui/download';
import { distinct, rowMatches } from './row-filter';
import { TrafficDetail } from './traffic-detail';
import { useTrafficLog } from './use-traffic-log';
import './traffic.css';

const statusOptions = ['2xx', '3xx', '4xx', '5xx', '401', '403', '404', '429', '502', '504'];

const time = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour12: false });

function statusClass(status: number): string {
  if (status === 429) return 'traffic-status--throttled';
  if (status >= 500) return 'traffic-status--error';
  if (status >= 400) return 'traffic-status--warn';
  return 'traffic-status--ok';
}

/** The local gateway's live traffic: filters, the log, and the chosen request's details. */
export function TrafficView() {
  const log = useTrafficLog();
  const [apiId, setApiId] = useState('');
  const [applicationId, setApplicationId] = useState('');
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [entry, setEntry] = useState<TrafficEntry | null>(null);

  const filter: TrafficFilter = useMemo(
    () => ({
      ...(apiId && { apiId }),
      ...(applicationId && { applicationId }),
      ...(status && { status }),
      ...(text.trim() && { text: text.trim() }),
    }),
    [apiId, applicationId, status, text],
  );
  const visible = useMemo(
    () => log.rows.filter((r) => rowMatches(r, filter)).reverse(),
    [log.rows, filter],
  );
  const apis = useMemo(() => {
    const names = new Map<string, string>();
    for (const r of log.rows) if (r.apiId) names.set(r.apiId, `${r.apiName} ${r.apiVersion}`);
    return [...names].sort((a, b) => a[1].localeCompare(b[1]));
  }, [log.rows]);
  const applications = useMemo(() => distinct(log.rows, (r) => r.applicationId), [log.rows]);

  // Only the answer for the row chosen last is shown, however the requests overtake.
  const chosen = useRef<number | null>(null);
  const open = (seq: number | null): void => {
    chosen.current = seq;
    setSelected(seq);
    if (seq === null) {
      setEntry(null);
      return;
    }
    ipc.traffic.get({ seq }).then(
      (found) => {
        if (chosen.current === seq) setEntry(found);
      },
      (error: unknown) => reportError(error, 'Opening the request'),
    );
  };

  const exportHar = async (): Promise<void> => {
    try {
      const har = await ipc.traffic.exportHar(filter);
      downloadText(har.fileName, har.content, 'application/json');
      notify(`Exported ${har.count} request${har.count === 1 ? '' : 's'} as ${har.fileName}`);
    } catch (error) {
      reportError(error, 'Exporting HAR');
    }
  };

  return (
    <div className="traffic-view">
      <div className="traffic-view__main">
        <div className="traffic-toolbar" role="toolbar" aria-label="Traffic log controls">
          <h2 className="traffic-toolbar__title">Traffic</h2>
          <label className="traffic-toolbar__field">
            API
            <select className="input" value={apiId} onChange={(e) => setApiId(e.target.value)}>
              <option value="">All APIs</option>
              {apis.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="traffic-toolbar__field">
            Application
            <select
              className="input"
              value={applicationId}
              onChange={(e) => setApplicationId(e.target.value)}
            >
              <option value="">All applications</option>
              {applications.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label className="traffic-toolbar__field">
            Status
            <select className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any status</option>
              {statusOptions.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="traffic-toolbar__field traffic-toolbar__field--grow">
            Search
            <input
              className="input"
              type="search"
              value={text}
              placeholder="path, error code, request id"
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button button--small"
            aria-pressed={log.paused}
            onClick={() => log.setPaused(!log.paused)}
          >
            {log.paused ? `Resume${log.waiting ? ` (${log.waiting} new)` : ''}` : 'Pause'}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              open(null);
              log.clear().catch((error: unknown) => reportError(error, 'Clearing the log'));
            }}
          >
            Clear
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void exportHar()}
          >
            Export HAR
          </button>
        </div>
        <p className="traffic-view__count muted" aria-live="polite">
          {visible.length} of {log.rows.length} requests
          {log.paused && ' · paused'}
          {log.capturing === false && ' · the local gateway is not capturing (is it running?)'}
        </p>
        {log.rows.length === 0 ? (
          <EmptyState title="No traffic yet">
            <p className="muted">
              Send a request through the local gateway (the try-it console, curl, your app): it
              appears here as it happens.
            </p>
          </EmptyState>
        ) : (
          <div className="traffic-table-wrap">
            <table className="traffic-table" aria-label="Traffic log">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Method</th>
                  <th scope="col">Path</th>
                  <th scope="col">Status</th>
                  <th scope="col">API</th>
                  <th scope="col">Application</th>
                  <th scope="col">ms</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((r) => (
                  <tr
                    key={r.seq}
                    aria-selected={r.seq === selected}
                    className={r.seq === selected ? 'is-selected' : undefined}
                    onClick={() => open(r.seq)}
                  >
                    <td>{time(r.timestamp)}</td>
                    <td>{r.method}</td>
                    <td className="traffic-table__path">
                      <button
                        type="button"
                        className="traffic-table__open"
                        aria-label={`Open ${r.method} ${r.path} ${r.status}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          open(r.seq);
                        }}
                      >
                        {r.path}
                        {r.query}
                      </button>
                    </td>
                    <td className={statusClass(r.status)}>{r.status}</td>
                    <td>{r.apiName ? `${r.apiName} ${r.apiVersion}` : '—'}</td>
                    <td>{r.applicationId ?? '—'}</td>
                    <td>{r.totalMs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {entry && <TrafficDetail entry={entry} onClose={() => open(null)} />}
    </div>
  );
}
