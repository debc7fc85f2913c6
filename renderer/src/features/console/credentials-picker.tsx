import { useCallback, useEffect, useState } from 'react';
import type { ApplicationView, ConsoleCredentials } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { reportError } from '../notifications/notify';

type KeyType = 'PRODUCTION' | 'SANDBOX';

interface Props {
  credentials: ConsoleCredentials;
  keyType: KeyType;
  onChange(credentials: ConsoleCredentials, keyType: KeyType): void;
}

const kinds: { value: ConsoleCredentials['type']; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'apiKey', label: 'API key' },
  { value: 'jwt', label: 'JWT (built-in key manager)' },
  { value: 'certificate', label: 'Client certificate' },
];

const load = () => Promise.all([ipc.applications.list(), ipc.console.trialKeys()]);

/** How the console authenticates: an application's trial key or JWT, a pasted key, a certificate. */
export function CredentialsPicker({ credentials, keyType, onChange }: Props) {
  const [apps, setApps] = useState<ApplicationView[]>([]);
  const [trial, setTrial] = useState<{ applicationId: string; keyType: KeyType }[]>([]);
  const [generating, setGenerating] = useState(false);
  const [pasting, setPasting] = useState(credentials.type === 'apiKey' && !!credentials.key);

  const refresh = useCallback(async () => {
    try {
      const [list, keys] = await load();
      setApps(list);
      setTrial(keys);
    } catch (e) {
      reportError(e, 'Could not list applications');
    }
  }, []);
  useEffect(() => {
    let live = true;
    load().then(
      ([list, keys]) => {
        if (!live) return;
        setApps(list);
        setTrial(keys);
      },
      (e: unknown) => reportError(e, 'Could not list applications'),
    );
    return () => {
      live = false;
    };
  }, []);

  const applicationId =
    credentials.type === 'apiKey' || credentials.type === 'jwt'
      ? (credentials.applicationId ?? '')
      : '';
  const hasTrialKey = trial.some((t) => t.applicationId === applicationId && t.keyType === keyType);

  const setKind = (type: ConsoleCredentials['type']): void => {
    const first = applicationId || apps[0]?.id || '';
    if (type === 'none') onChange({ type }, keyType);
    else if (type === 'apiKey') onChange({ type, applicationId: first || undefined }, keyType);
    else if (type === 'jwt') onChange({ type, applicationId: first }, keyType);
    else onChange({ type, certFile: '', keyFile: '' }, keyType);
    setPasting(false);
  };

  const generate = async (): Promise<void> => {
    setGenerating(true);
    try {
      await ipc.console.generateTrialKey({ applicationId, keyType });
      await refresh();
    } catch (e) {
      reportError(e, 'Could not generate a trial key');
    } finally {
      setGenerating(false);
    }
  };

  return (
    <fieldset className="console__credentials">
      <legend>Credentials</legend>
      <div className="console__row">
        <label>
          Authentication
          <select
            className="input"
            value={credentials.type}
            // Applications made in another view since this one opened show up here.
            onFocus={() => void refresh()}
            onChange={(e) => setKind(e.target.value as ConsoleCredentials['type'])}
          >
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Key type
          <select
            className="input"
            value={keyType}
            onChange={(e) => onChange(credentials, e.target.value as KeyType)}
          >
            <option value="PRODUCTION">Production</option>
            <option value="SANDBOX">Sandbox</option>
          </select>
        </label>
      </div>
      {(credentials.type === 'apiKey' || credentials.type === 'jwt') && !pasting && (
        <div className="console__row">
          <label>
            Application
            <select
              className="input"
              value={applicationId}
              onChange={(e) => onChange({ ...credentials, applicationId: e.target.value }, keyType)}
            >
              {apps.length === 0 && <option value="">No applications yet</option>}
              {apps.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {credentials.type === 'apiKey' && applicationId && (
            <span className="console__trial">
              {hasTrialKey ? (
                <span className="muted">Trial key stored</span>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  disabled={generating}
                  onClick={() => void generate()}
                >
                  {generating ? 'Generating…' : 'Generate a trial key'}
                </button>
              )}
            </span>
          )}
        </div>
      )}
      {credentials.type === 'apiKey' && (
        <label className="console__check">
          <input
            type="checkbox"
            checked={pasting}
            onChange={(e) => {
              setPasting(e.target.checked);
              onChange(
                e.target.checked
                  ? { type: 'apiKey', key: '' }
                  : { type: 'apiKey', applicationId: apps[0]?.id },
                keyType,
              );
            }}
          />
          Paste a key instead
        </label>
      )}
      {credentials.type === 'apiKey' && pasting && (
        <label>
          API key
          <input
            className="input input--mono"
            type="password"
            value={credentials.key ?? ''}
            onChange={(e) => onChange({ type: 'apiKey', key: e.target.value }, keyType)}
          />
        </label>
      )}
      {credentials.type === 'certificate' && (
        <div className="console__row">
          <label>
            Certificate file (PEM)
            <input
              className="input input--mono"
              value={credentials.certFile}
              onChange={(e) => onChange({ ...credentials, certFile: e.target.value }, keyType)}
            />
          </label>
          <label>
            Private key file (PEM)
            <input
              className="input input--mono"
              value={credentials.keyFile}
              onChange={(e) => onChange({ ...credentials, keyFile: e.target.value }, keyType)}
            />
          </label>
        </div>
      )}
    </fieldset>
  );
}
