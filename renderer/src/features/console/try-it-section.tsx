import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ConsoleCredentials,
  ConsoleRequest,
  ConsoleRequestSpec,
  ConsoleResponse,
  HistorySummary,
  RequestTemplate,
  SseEvent,
} from '../../../../main/ipc/contract';
import { ipc, subscribe } from '../../ipc/client';
import { notify, reportError } from '../notifications/notify';
import type { ApiSectionProps } from '../designer/api-sections';
import { CredentialsPicker } from './credentials-picker';
import { HistoryList } from './history-list';
import { NameValueEditor } from './name-value-editor';
import { ResponseView } from './response-view';
import { SaveTestDialog } from './save-test-dialog';
import './console.css';

type Draft = Omit<ConsoleRequestSpec, 'credentials' | 'keyType'>;

const emptyDraft: Draft = { method: 'GET', path: '/', query: [], headers: [], body: null };

function fromTemplate(t: RequestTemplate): Draft {
  return { method: t.method, path: t.path, query: t.query, headers: t.headers, body: t.body };
}

/** The "Try it" section: compose a request, send it through the local gateway, read the answer. */
export function TryItSection({ detail }: ApiSectionProps) {
  const apiId = detail.id;
  const [templates, setTemplates] = useState<RequestTemplate[]>([]);
  const [operation, setOperation] = useState(0);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [credentials, setCredentials] = useState<ConsoleCredentials>({ type: 'none' });
  const [keyType, setKeyType] = useState<'PRODUCTION' | 'SANDBOX'>('PRODUCTION');
  const [response, setResponse] = useState<ConsoleResponse | null>(null);
  const [liveEvents, setLiveEvents] = useState<SseEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [history, setHistory] = useState<HistorySummary[]>([]);
  const [curl, setCurl] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const sendingRef = useRef(false);

  const refreshHistory = useCallback(async () => {
    try {
      setHistory(await ipc.console.history({ apiId }));
    } catch (e) {
      reportError(e, 'Could not read the history');
    }
  }, [apiId]);

  useEffect(() => {
    let live = true;
    ipc.console
      .templates({ apiId })
      .then((list) => {
        if (!live) return;
        setTemplates(list);
        if (list[0]) setDraft(fromTemplate(list[0]));
      })
      .catch((e: unknown) => reportError(e, 'Could not read the operations'));
    ipc.console.history({ apiId }).then(
      (list) => {
        if (live) setHistory(list);
      },
      (e: unknown) => reportError(e, 'Could not read the history'),
    );
    return () => {
      live = false;
    };
  }, [apiId]);

  const spec = (): ConsoleRequestSpec => ({
    ...draft,
    query: draft.query.filter((q) => q.name.trim() !== ''),
    headers: draft.headers.filter((h) => h.name.trim() !== ''),
    credentials,
    keyType,
  });
  const request = (): ConsoleRequest => ({ apiId, ...spec() });

  const send = async (): Promise<void> => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setError(null);
    setResponse(null);
    setLiveEvents([]);
    const streamId = crypto.randomUUID();
    const off = subscribe('console.stream', (p) => {
      if (p.streamId === streamId) setLiveEvents((prev) => [...prev, p.event]);
    });
    try {
      setResponse(await ipc.console.send({ request: request(), streamId }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      off();
      sendingRef.current = false;
      setSending(false);
      void refreshHistory();
    }
  };

  const copyCurl = async (): Promise<void> => {
    try {
      const command = await ipc.console.curl({ request: request() });
      setCurl(command);
      await navigator.clipboard?.writeText(command).then(
        () => notify('Copied the curl command'),
        () => undefined,
      );
    } catch (e) {
      reportError(e, 'Could not build the curl command');
    }
  };

  const openHistory = async (id: number): Promise<void> => {
    try {
      const entry = await ipc.console.historyEntry({ id });
      const { apiId: _api, credentials: c, keyType: k, ...rest } = entry.request;
      setDraft(rest);
      setCredentials(c);
      setKeyType(k);
      setResponse(entry.response);
      setError(entry.error);
      setLiveEvents([]);
    } catch (e) {
      reportError(e, 'Could not open the history entry');
    }
  };

  const clearHistory = async (): Promise<void> => {
    try {
      await ipc.console.clearHistory({ apiId });
      await refreshHistory();
    } catch (e) {
      reportError(e, 'Could not clear the history');
    }
  };

  return (
    <div
      className="console"
      role="region"
      aria-label="Try it console"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
          e.preventDefault();
          void send();
        }
      }}
    >
      <form
        className="console__request"
        aria-label="Request"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label>
          Operation
          <select
            className="input"
            value={operation}
            onChange={(e) => {
              const index = Number(e.target.value);
              setOperation(index);
              const t = templates[index];
              if (t) setDraft(fromTemplate(t));
            }}
          >
            {templates.map((t, i) => (
              <option key={`${t.method} ${t.target}`} value={i}>
                {t.method} {t.target}
                {t.summary ? ` — ${t.summary}` : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="console__line">
          <input
            className="input input--mono console__method"
            aria-label="Method"
            value={draft.method}
            onChange={(e) => setDraft({ ...draft, method: e.target.value.toUpperCase() })}
          />
          <code className="console__base">
            {detail.context}/{detail.version}
          </code>
          <input
            className="input input--mono"
            aria-label="Path"
            value={draft.path}
            spellCheck={false}
            onChange={(e) => setDraft({ ...draft, path: e.target.value })}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={sending}
            title="Send (Ctrl+Enter)"
          >
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
        <NameValueEditor
          label="Query parameters"
          rows={draft.query}
          onChange={(query) => setDraft({ ...draft, query })}
        />
        <NameValueEditor
          label="Headers"
          rows={draft.headers}
          onChange={(headers) => setDraft({ ...draft, headers })}
        />
        <label className="console__body-field">
          Body
          <textarea
            className="input input--mono"
            rows={6}
            spellCheck={false}
            value={draft.body ?? ''}
            onChange={(e) =>
              setDraft({ ...draft, body: e.target.value === '' ? null : e.target.value })
            }
          />
        </label>
        <CredentialsPicker
          credentials={credentials}
          keyType={keyType}
          onChange={(c, k) => {
            setCredentials(c);
            setKeyType(k);
          }}
        />
        <div className="console__actions">
          <button type="button" className="button" onClick={() => void copyCurl()}>
            Copy as curl
          </button>
          <button type="button" className="button" onClick={() => setSaving(true)}>
            Save as test case
          </button>
        </div>
        {curl && (
          <pre className="console__curl" aria-label="curl command">
            {curl}
          </pre>
        )}
      </form>
      <div className="console__result">
        <ResponseView response={response} liveEvents={liveEvents} sending={sending} error={error} />
        <HistoryList
          entries={history}
          onOpen={(id) => void openHistory(id)}
          onClear={() => void clearHistory()}
        />
      </div>
      {saving && (
        <SaveTestDialog
          apiId={apiId}
          request={spec()}
          response={response}
          onClose={() => setSaving(false)}
          onSaved={() =>
            window.dispatchEvent(new CustomEvent('portico:tests-changed', { detail: apiId }))
          }
        />
      )}
    </div>
  );
}
