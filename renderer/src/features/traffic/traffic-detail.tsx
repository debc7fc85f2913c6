import type { CapturedBody, TrafficEntry } from '../../../../main/ipc/contract';

function pretty(body: CapturedBody): string {
  if (body.encoding === 'base64') return `(binary, ${body.size} bytes, base64)\n${body.text}`;
  try {
    return JSON.stringify(JSON.parse(body.text), null, 2);
  } catch {
    return body.text;
  }
}

function Headers({ label, headers }: { label: string; headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  return (
    <table className="traffic-detail__headers" aria-label={label}>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ label, body }: { label: string; body: CapturedBody | null }) {
  if (!body) return <p className="muted">No body</p>;
  return (
    <>
      {body.truncated && (
        <p className="traffic-detail__note">
          Truncated: {body.size} bytes, the first {body.text.length} shown.
        </p>
      )}
      <pre className="traffic-detail__body" aria-label={label}>
        {pretty(body)}
      </pre>
    </>
  );
}

/** One captured exchange: the pipeline's decisions, then the request and the response. */
export function TrafficDetail({ entry, onClose }: { entry: TrafficEntry; onClose(): void }) {
  const { request, response, decisions, timings } = entry;
  return (
    <section className="traffic-detail" aria-label="Request details">
      <header className="traffic-detail__header">
        <h3>
          {request.method} {request.path}
          {request.query}
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        {response.status} · {timings.totalMs} ms total
        {timings.backendMs !== null && ` (backend ${timings.backendMs} ms)`} · {entry.requestId}
      </p>

      <h4>Pipeline</h4>
      <ol className="traffic-detail__stages" aria-label="Pipeline decisions">
        {decisions.stages.map((s) => (
          <li key={s.stage} className={`traffic-stage traffic-stage--${s.outcome}`}>
            <span className="traffic-stage__name">{s.stage}</span>
            <span className="traffic-stage__outcome">{s.outcome}</span>
            <span className="traffic-stage__detail">{s.detail}</span>
          </li>
        ))}
      </ol>
      <dl className="traffic-detail__facts">
        <dt>Application</dt>
        <dd>{decisions.applicationId ?? '—'}</dd>
        <dt>Plan</dt>
        <dd>{decisions.plan ?? '—'}</dd>
        <dt>Credential</dt>
        <dd>
          {decisions.auth.credential ?? '—'}
          {decisions.auth.keyType && ` (${decisions.auth.keyType})`}
        </dd>
        <dt>Endpoint</dt>
        <dd>
          {decisions.endpoint ? `${decisions.endpoint.keyType}: ${decisions.endpoint.target}` : '—'}
        </dd>
        <dt>Error</dt>
        <dd>
          {decisions.errorCode
            ? `${decisions.errorCode}${decisions.errorMessage ? ` — ${decisions.errorMessage}` : ''}`
            : '—'}
        </dd>
      </dl>
      {decisions.throttle.checks.length > 0 && (
        <table className="traffic-detail__headers" aria-label="Rate limits">
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Remaining</th>
              <th scope="col">Quota</th>
              <th scope="col">Window</th>
            </tr>
          </thead>
          <tbody>
            {decisions.throttle.checks.map((c) => (
              <tr key={c.policy}>
                <td>{c.policy}</td>
                <td>{c.remaining}</td>
                <td>{c.quota}</td>
                <td>{c.windowSec} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>Request</h4>
      <p className="traffic-detail__url">{request.url}</p>
      <Headers label="Request headers" headers={request.headers} />
      <Body label="Request body" body={request.body} />

      <h4>Response</h4>
      <Headers label="Response headers" headers={response.headers} />
      <Body label="Response body" body={response.body} />
    </section>
  );
}
