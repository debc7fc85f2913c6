import type { NameValue } from '../../../../main/ipc/contract';

interface Props {
  /** "Query parameters", "Headers": names the group and each row's inputs. */
  label: string;
  rows: readonly NameValue[];
  onChange(rows: NameValue[]): void;
}

/** Editable name/value rows (query parameters, headers); empty names are dropped on send. */
export function NameValueEditor({ label, rows, onChange }: Props) {
  const set = (index: number, patch: Partial<NameValue>): void =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="console__pairs">
      <legend>{label}</legend>
      {rows.map((row, index) => (
        <div className="console__pair" key={index}>
          <input
            className="input input--mono"
            aria-label={`${label} ${index + 1} name`}
            value={row.name}
            spellCheck={false}
            onChange={(e) => set(index, { name: e.target.value })}
          />
          <input
            className="input input--mono"
            aria-label={`${label} ${index + 1} value`}
            value={row.value}
            spellCheck={false}
            onChange={(e) => set(index, { value: e.target.value })}
          />
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  );
}
