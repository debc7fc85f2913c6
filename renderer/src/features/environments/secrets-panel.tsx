import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { EnvironmentConfig, SecretInfo } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { notify, reportError } from '../notifications/notify';
import { referencedSecrets } from './environment-validation';

/**
 * The secrets an environment names (admin tokens, client keys, secrets it sends),
 * whether the studio's store holds each, and a field to set one. Values go in
 * encrypted and never come back: a set secret shows only as "set".
 */
export function SecretsPanel({ environment }: { environment: EnvironmentConfig }) {
  const names = referencedSecrets(environment);
  const key = names.join('\n');
  const [secrets, setSecrets] = useState<SecretInfo[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const valueId = useId();

  const load = useCallback(async () => {
    try {
      const list = key === '' ? [] : await ipc.secrets.list({ names: key.split('\n') });
      setSecrets(list);
    } catch (e) {
      reportError(e, 'Reading the secret store');
    }
  }, [key]);

  useEffect(() => {
    let live = true;
    const names = key === '' ? [] : key.split('\n');
    ipc.secrets.list({ names }).then(
      (list) => {
        if (live) setSecrets(names.length === 0 ? [] : list);
      },
      (e: unknown) => reportError(e, 'Reading the secret store'),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (editing === null) return;
    if (value === '') return setError(`Value of ${editing}: enter the secret's value`);
    try {
      await ipc.secrets.set({ name: editing, value });
      notify(`Secret ${editing} stored`);
      setEditing(null);
      setValue('');
      setError(null);
      await load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (names.length === 0) return null;
  return (
    <section className="env-secrets" aria-label="Secrets">
      <h3 className="panel-section__title">Secrets</h3>
      <ul className="env-secrets__list">
        {secrets.map((s) => (
          <li key={s.name} data-testid={`secret-${s.name}`}>
            <code>{s.name}</code>{' '}
            <span className={s.set ? 'env-secrets__set' : 'env-secrets__missing'}>
              {s.set ? 'set' : 'not set'}
            </span>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setEditing(s.name);
                setValue('');
                setError(null);
              }}
            >
              {s.set ? `Replace ${s.name}` : `Set ${s.name}`}
            </button>
          </li>
        ))}
      </ul>
      {editing !== null && (
        <form className="env-secrets__form" onSubmit={save} aria-label={`Set ${editing}`}>
          <div className="field">
            <label htmlFor={valueId}>Value of {editing}</label>
            <input
              id={valueId}
              className="input mono"
              type="password"
              autoComplete="off"
              value={value}
              aria-invalid={error !== null ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
            {error !== null && <p className="field__error">{error}</p>}
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              Store secret
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
