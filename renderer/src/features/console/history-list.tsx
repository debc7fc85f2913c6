import type { HistorySummary } from '../../../../main/ipc/contract';

interface Props {
  entries: readonly HistorySummary[];
  onOpen(id: number): void;
  onClear(): void;
}

/** The API's sent requests, newest first; opening one restores its request and response. */
export function HistoryList({ entries, onOpen, onClear }: Props) {
  return (
    <section className="console__history" aria-label="History">
      <header className="console__history-header">
        <h3>History</h3>
        <button
          type="button"
          className="button button--small"
          disabled={entries.length === 0}
          onClick={onClear}
        >
          Clear history
        </button>
      </header>
      {entries.length === 0 ? (
        <p className="muted">Nothing sent yet.</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="console__history-item"
                title={new Date(e.sentAt).toLocaleString()}
                onClick={() => onOpen(e.id)}
              >
                <span className={`method method--${e.method.toLowerCase()}`}>{e.method}</span>{' '}
                <code>{e.path}</code> <span>{e.status ?? 'error'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
