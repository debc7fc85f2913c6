import { useId } from 'react';
import { hostKind } from '../../ipc/client';
import { pickFolder } from './workspace-actions';

interface FolderFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  mode: 'open' | 'create';
  hint: string;
}

/** A typed folder path; the desktop app adds a Browse button for the native picker. */
export function FolderField({ label, value, onChange, mode, hint }: FolderFieldProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field__row">
        <input
          id={id}
          type="text"
          className="input input--mono"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder="/home/me/apis/team-workspace"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hintId}
          data-autofocus
        />
        {hostKind() === 'electron' && (
          <button
            type="button"
            className="button"
            onClick={() => void pickFolder(mode).then((path) => path && onChange(path))}
          >
            Browse…
          </button>
        )}
      </div>
      <p id={hintId} className="field__hint">
        {hint}
      </p>
    </div>
  );
}
