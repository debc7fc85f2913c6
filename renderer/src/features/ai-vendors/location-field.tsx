import type { LocationDraft, LocationFrom } from './vendor-draft';

interface Props {
  id: string;
  label: string;
  value: LocationDraft;
  /** Whether "path segment" is offered (the requested model only). */
  allowPath: boolean;
  readOnly?: boolean;
  error?: string | undefined;
  onChange(value: LocationDraft): void;
}

const placeholders: Record<LocationFrom, string> = {
  none: '',
  body: 'usage.prompt_tokens',
  header: 'x-usage-prompt-tokens',
  path: '/deployments/{model}',
};

/** Where one value sits: nowhere, a JSON path (body or each SSE event), a header, or a URL path segment. */
export function LocationField({ id, label, value, allowPath, readOnly, error, onChange }: Props) {
  const errorId = `${id}-error`;
  const more = Array.isArray(value.original) && value.original.length > 1;
  return (
    <fieldset className="vendor-location" aria-label={label}>
      <legend>{label}</legend>
      <div className="vendor-location__row">
        <label htmlFor={`${id}-from`} className="visually-hidden">
          {label}: where
        </label>
        <select
          id={`${id}-from`}
          className="input"
          value={value.from}
          disabled={readOnly}
          onChange={(e) => onChange({ ...value, from: e.target.value as LocationFrom })}
        >
          <option value="none">Not reported</option>
          <option value="body">JSON path (body or each SSE event)</option>
          <option value="header">Response header</option>
          {allowPath && <option value="path">URL path segment</option>}
        </select>
        {value.from !== 'none' && (
          <>
            <label htmlFor={`${id}-path`} className="visually-hidden">
              {label}:{' '}
              {value.from === 'header'
                ? 'header name'
                : value.from === 'path'
                  ? 'URL pattern'
                  : 'JSON path'}
            </label>
            <input
              id={`${id}-path`}
              className="input input--mono"
              value={value.path}
              readOnly={readOnly}
              spellCheck={false}
              placeholder={placeholders[value.from]}
              aria-invalid={error !== undefined ? true : undefined}
              aria-describedby={error !== undefined ? errorId : undefined}
              onChange={(e) => onChange({ ...value, path: e.target.value })}
            />
          </>
        )}
      </div>
      {more && (
        <p className="field__hint">
          The file lists {Array.isArray(value.original) ? value.original.length : 1} places, tried
          in order; they are kept unless you change this one.
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
