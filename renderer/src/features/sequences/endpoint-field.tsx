/**
 * An API endpoint setting that is either an http(s) URL or a workspace sequence.
 * The value is what the IPC contract carries: the URL, or `sequence:<name>`.
 */
import { useMemo, type ReactNode } from 'react';
import { useApp } from '../../state/app-store';
import { TextField } from '../../ui/text-field';

export const SEQUENCE_PREFIX = 'sequence:';

export interface EndpointFieldProps {
  id: string;
  /** The URL input's label (e.g. "Production endpoint"). */
  label: string;
  /** "production" or "sandbox", for the other controls' labels. */
  environment: string;
  value: string;
  placeholder: string;
  error?: string | undefined;
  onChange(value: string): void;
}

/** Checks a value the way the studio's service will: `undefined` when it is usable. */
export function endpointError(value: string, sequences: readonly string[]): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith(SEQUENCE_PREFIX)) {
    const name = trimmed.slice(SEQUENCE_PREFIX.length);
    return sequences.includes(name) ? undefined : 'Choose one of the workspace sequences';
  }
  let url: URL | null = null;
  try {
    url = new URL(trimmed);
  } catch {
    url = null;
  }
  return url && (url.protocol === 'http:' || url.protocol === 'https:')
    ? undefined
    : 'Enter an http:// or https:// URL, or leave it empty';
}

export function EndpointField(props: EndpointFieldProps): ReactNode {
  const resources = useApp((s) => s.workspace?.resources);
  const sequences = useMemo(
    () => (resources ?? []).filter((r) => r.kind === 'sequence'),
    [resources],
  );
  const isSequence = props.value.startsWith(SEQUENCE_PREFIX);
  const kindId = `${props.id}-kind`;
  const sequenceId = `${props.id}-sequence`;
  const capital = props.environment.charAt(0).toUpperCase() + props.environment.slice(1);
  return (
    <div className="endpoint-field">
      <div className="field">
        <label htmlFor={kindId}>{capital} served by</label>
        <select
          id={kindId}
          className="input"
          value={isSequence ? 'sequence' : 'url'}
          onChange={(e) =>
            props.onChange(
              e.target.value === 'sequence' ? `${SEQUENCE_PREFIX}${sequences[0]?.name ?? ''}` : '',
            )
          }
        >
          <option value="url">an HTTP backend (URL)</option>
          <option value="sequence">a sequence</option>
        </select>
      </div>
      {isSequence ? (
        <div className="field">
          <label htmlFor={sequenceId}>{capital} sequence</label>
          <select
            id={sequenceId}
            className="input"
            value={props.value.slice(SEQUENCE_PREFIX.length)}
            aria-invalid={props.error !== undefined ? true : undefined}
            onChange={(e) => props.onChange(`${SEQUENCE_PREFIX}${e.target.value}`)}
          >
            {sequences.length === 0 && <option value="">no sequences in this workspace</option>}
            {sequences.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          {props.error !== undefined && <p className="field__error">{props.error}</p>}
        </div>
      ) : (
        <TextField
          id={props.id}
          label={props.label}
          value={props.value}
          placeholder={props.placeholder}
          mono
          error={props.error}
          onChange={props.onChange}
        />
      )}
    </div>
  );
}
