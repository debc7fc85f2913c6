import { useState } from 'react';
import type { ConsoleResponse, SseEvent } from '../../../../main/ipc/contract';

interface Props {
  response: ConsoleResponse | null;
  /** Events pushed while the request is still streaming. */
  liveEvents: readonly SseEvent[];
  sending: boolean;
  error: string | null;
}

type View = 'pretty' | 'raw' | 'events' | 'headers';

function pretty(body: string, contentType: string | null): string {
  if (!contentType || !/json/i.test(contentType)) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const ms = (value: number | null): string => (value === null ? '—' : `${value} ms`);
const num = (value: number | null): string => (value === null ? '—' : String(value));

/** Status, timings, rate limits and tokens, then the body as Pretty / Raw / Events / Headers. */
export function ResponseView({ response, liveEvents, sending, error }: Props) {
  const [view, setView] = useState<View>('pretty');
  if (error) {
    return (
      <section className="console__response" aria-label="Response">
        <p className="console__error" role="alert">
          {error}
        </p>
      </section>
    );
  }
  if (!response) {
    return (
      <section className="console__response" aria-label="Response">
        {sending && liveEvents.length > 0 ? (
          <ol className="console__events" aria-label="Events">
            {liveEvents.map((e, i) => (
              <li key={i}>
                {e.event && <strong>{e.event}: </strong>}
                <code>{e.data}</code>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{sending ? 'Sending…' : 'Send a request to see its response.'}</p>
        )}
      </section>
    );
  }
  const events = response.events ?? [];
  const tabs: { key: View; label: string }[] = [
    { key: 'pretty', label: 'Pretty' },
    { key: 'raw', label: 'Raw' },
    ...(response.events ? [{ key: 'events' as const, label: `Events (${events.length})` }] : []),
    { key: 'headers', label: `Headers (${response.headers.length})` },
  ];
  const { rateLimit, tokens, timings } = response;
  return (
    <section className="console__response" aria-label="Response">
      <div className="console__summary">
        <span
          className={`console__status console__status--${Math.floor(response.status / 100)}xx`}
          aria-label="Status"
        >
          {response.status}
        </span>
        <span aria-label="Total time">{ms(timings.totalMs)}</span>
        <span className="muted">
          {response.bodyBytes} bytes{response.truncated ? ' (truncated for display)' : ''}
        </span>
      </div>
      <dl className="console__facts" aria-label="Timings">
        <dt>DNS</dt>
        <dd>{ms(timings.dnsMs)}</dd>
        <dt>Connect</dt>
        <dd>{ms(timings.connectMs)}</dd>
        <dt>First byte</dt>
        <dd>{ms(timings.ttfbMs)}</dd>
        <dt>Total</dt>
        <dd>{ms(timings.totalMs)}</dd>
      </dl>
      {(rateLimit.policy || rateLimit.limit || rateLimit.retryAfter) && (
        <dl className="console__facts console__facts--highlight" aria-label="Rate limits">
          {rateLimit.policy && (
            <>
              <dt>RateLimit-Policy</dt>
              <dd>{rateLimit.policy}</dd>
            </>
          )}
          {rateLimit.limit && (
            <>
              <dt>RateLimit</dt>
              <dd>{rateLimit.limit}</dd>
            </>
          )}
          {rateLimit.retryAfter && (
            <>
              <dt>Retry-After</dt>
              <dd>{rateLimit.retryAfter}</dd>
            </>
          )}
        </dl>
      )}
      {tokens && (
        <dl className="console__facts" aria-label="Tokens">
          <dt>Model</dt>
          <dd>
            {tokens.vendor}
            {tokens.model ? ` / ${tokens.model}` : ''}
          </dd>
          <dt>Prompt</dt>
          <dd>{num(tokens.promptTokens)}</dd>
          <dt>Completion</dt>
          <dd>{num(tokens.completionTokens)}</dd>
          <dt>Total</dt>
          <dd>
            {num(tokens.totalTokens)}
            {tokens.estimated ? ' (estimated)' : ''}
          </dd>
          <dt>Cached</dt>
          <dd>{num(tokens.cachedTokens)}</dd>
          <dt>Reasoning</dt>
          <dd>{num(tokens.reasoningTokens)}</dd>
          <dt>Cost</dt>
          <dd>{tokens.cost === null ? '—' : `$${tokens.cost.toFixed(6)}`}</dd>
        </dl>
      )}
      <div className="console__tabs" role="tablist" aria-label="Response views">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={view === t.key}
            className="designer__section-tab"
            onClick={() => setView(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {view === 'pretty' && (
        <pre className="console__body" aria-label="Response body">
          {pretty(response.body, response.contentType)}
        </pre>
      )}
      {view === 'raw' && (
        <pre className="console__body" aria-label="Raw response body">
          {response.body}
        </pre>
      )}
      {view === 'events' && (
        <ol className="console__events" aria-label="Events">
          {events.map((e, i) => (
            <li key={i}>
              {e.event && <strong>{e.event}: </strong>}
              <code>{e.data}</code>
            </li>
          ))}
        </ol>
      )}
      {view === 'headers' && (
        <table className="console__headers" aria-label="Response headers">
          <tbody>
            {response.headers.map((h, i) => (
              <tr key={i}>
                <th scope="row">{h.name}</th>
                <td>{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
