import type { ReactNode } from 'react';

export interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  /** Shown under the input and announced with it (`aria-describedby`). */
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
  /** Monospace, no spell checking: URLs, paths, contexts. */
  mono?: boolean;
  readOnly?: boolean;
}

/** A labelled text input with its hint and validation message, as every form here uses it. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  mono = false,
  readOnly,
}: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={mono ? 'input input--mono' : 'input'}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        spellCheck={mono ? false : undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <p className="field__hint">{hint}</p>}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
