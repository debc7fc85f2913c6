import { modesFor, type AssertionDraft } from './assertion-drafts';

interface Props {
  drafts: readonly AssertionDraft[];
  onChange(drafts: AssertionDraft[]): void;
}

const typeLabels: Record<AssertionDraft['type'], string> = {
  status: 'Status equals',
  header: 'Header',
  body: 'JSON body path',
  time: 'Response time under (ms)',
};

/** One row per assertion: its kind, what it looks at, how it compares, the expected value. */
export function AssertionsEditor({ drafts, onChange }: Props) {
  const set = (index: number, patch: Partial<AssertionDraft>): void =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  return (
    <fieldset className="console__assertions">
      <legend>Assertions</legend>
      {drafts.map((d, index) => {
        const n = index + 1;
        return (
          <div className="console__assertion" key={index}>
            <select
              className="input"
              aria-label={`Assertion ${n} kind`}
              value={d.type}
              onChange={(e) => {
                const type = e.target.value as AssertionDraft['type'];
                set(index, { type, mode: modesFor[type][0] ?? 'equals', target: '' });
              }}
            >
              {Object.entries(typeLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {(d.type === 'header' || d.type === 'body') && (
              <input
                className="input input--mono"
                aria-label={`Assertion ${n} ${d.type === 'header' ? 'header name' : 'JSON pointer'}`}
                placeholder={d.type === 'header' ? 'content-type' : '/0/name'}
                value={d.target}
                onChange={(e) => set(index, { target: e.target.value })}
              />
            )}
            {modesFor[d.type].length > 1 && (
              <select
                className="input"
                aria-label={`Assertion ${n} comparison`}
                value={d.mode}
                onChange={(e) => set(index, { mode: e.target.value as AssertionDraft['mode'] })}
              >
                {modesFor[d.type].map((m) => (
                  <option key={m} value={m}>
                    {m === 'matches' ? 'matches (regex)' : m}
                  </option>
                ))}
              </select>
            )}
            {d.mode !== 'exists' && d.mode !== 'absent' && (
              <input
                className="input input--mono"
                aria-label={`Assertion ${n} expected`}
                value={d.value}
                onChange={(e) => set(index, { value: e.target.value })}
              />
            )}
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove assertion ${n}`}
              onClick={() => onChange(drafts.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          onChange([...drafts, { type: 'status', target: '', mode: 'equals', value: '200' }])
        }
      >
        Add assertion
      </button>
    </fieldset>
  );
}
