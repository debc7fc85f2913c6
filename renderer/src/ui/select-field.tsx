import type { ReactNode } from 'react';

export interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled `<select>` with its hint and validation message, styled like `TextField`. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  hint,
  error,
}: SelectFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <p className="field__hint">{hint}</p>}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** `["Gold", ...]` as select options. */
export const optionsOf = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
