/**
 * Try a sequence: a sample request runs through the local gateway's real engine
 * (nothing is saved or deployed), and the panel shows the response and, step by
 * step, the outcome, timing, calls and variables.
 */
import { useId, useState, type FormEvent } from 'react';
import type { SequenceTryRequest, SequenceTryResult } from '../../../../main/ipc/contract';
import { ipc, IpcClientError } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { useApp } from '../../state/app-store';
import type { Sequence } from './sequence-model';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** `Name: value` lines as a header map; the first bad line is reported. */
export function parseHeaderLines(
  text: string,
): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `line ${i + 1}: write a header as "Name: value"` };
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers };
}

function pretty(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function TryPanel({ document }: { document: Sequence }) {
  const base = useId();
  const [method, setMethod] = useState<SequenceTryRequest['method']>('GET');
  const [path, setPath] = useState('/');
  const [headerText, setHeaderText] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SequenceTryResult | null>(null);
  // The API whose production endpoint a `send` step forwards to ('' for none).
  const [apiId, setApiId] = useState('');
  const apis = useApp((s) => s.workspace?.apis);

  const headers = parseHeaderLines(headerText);
  const pathError = path.startsWith('/') ? undefined : 'must start with "/" (e.g. /profiles/1)';

  const run = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if ('error' in headers || pathError) return;
    let parsedBody: unknown;
    if (body.trim() !== '') {
      try {
        parsedBody = JSON.parse(body);
      } catch {
        parsedBody = body;
      }
    }
    const [pathname = '/', search = ''] = path.split('?', 2);
    const query = Object.fromEntries(new URLSearchParams(search));
    setBusy(true);
    setError(null);
    try {
      setResult(
        await ipc.sequences.try({
          document,
          request: {
            method,
            path: pathname,
            ...(search ? { query } : {}),
            headers: headers.headers,
            ...(parsedBody === undefined ? {} : { body: parsedBody }),
          },
          ...(apiId ? { apiId } : {}),
        }),
      );
    } catch (err) {
      setResult(null);
      setError(err instanceof IpcClientError ? `${err.code}: ${err.message}` : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="seq-try" aria-label="Try the sequence">
      <form onSubmit={(e) => void run(e)} noValidate className="seq-try__form">
        <div className="field">
          <label htmlFor={`${base}-method`}>Method</label>
          <select
            id={`${base}-method`}
            className="input"
            value={method}
            onChange={(e) => setMethod(e.target.value as SequenceTryRequest['method'])}
          >
            {methods.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <TextField
          id={`${base}-path`}
          label="Path"
          value={path}
          mono
          error={pathError}
          onChange={setPath}
        />
        <div className="field">
          <label htmlFor={`${base}-api`}>Send steps forward to</label>
          <select
            id={`${base}-api`}
            className="input"
            value={apiId}
            onChange={(e) => setApiId(e.target.value)}
          >
            <option value="">No API (a send step fails)</option>
            {(apis ?? []).map((api) => (
              <option key={api.id} value={api.id}>
                {api.name} {api.version} (its production endpoint)
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-headers`}>Headers (one "Name: value" a line)</label>
          <textarea
            id={`${base}-headers`}
            className="input input--mono"
            rows={2}
            value={headerText}
            onChange={(e) => setHeaderText(e.target.value)}
          />
          {'error' in headers && <p className="field__error">{headers.error}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${base}-body`}>Body (JSON or text)</label>
          <textarea
            id={`${base}-body`}
            className="input input--mono"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Running…' : 'Run'}
        </button>
      </form>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {result && (
        <div className="seq-try__result">
          <h4>
            Response{' '}
            <span className="seq-try__status" aria-label="Response status">
              {result.response.status}
            </span>
          </h4>
          <pre aria-label="Response body">{pretty(result.response.body)}</pre>
          <table className="seq-try__trace" aria-label="Trace">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Outcome</th>
                <th scope="col">Time</th>
                <th scope="col">Call</th>
                <th scope="col">Variables</th>
              </tr>
            </thead>
            <tbody>
              {result.trace.map((entry, i) => (
                <tr key={i} className={`is-${entry.outcome}`}>
                  <td>
                    <code>{entry.type}</code>{' '}
                    <span className="seq-try__step">{String(entry.step)}</span>
                  </td>
                  <td>
                    {entry.outcome}
                    {entry.error && (
                      <span className="seq-try__error">
                        {' '}
                        {entry.error.code}: {entry.error.message}
                      </span>
                    )}
                  </td>
                  <td>{entry.durationMs.toFixed(1)} ms</td>
                  <td>
                    {entry.call
                      ? `${entry.call.method} ${entry.call.url} → ${entry.call.status} (${entry.call.durationMs.toFixed(1)} ms)`
                      : ''}
                  </td>
                  <td>
                    <details>
                      <summary>{Object.keys(entry.variables ?? {}).join(', ') || '—'}</summary>
                      <pre>{pretty(entry.variables)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
