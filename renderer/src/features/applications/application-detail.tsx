import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApplicationView, Response } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { TextField } from '../../ui/text-field';
import { notify, reportError } from '../notifications/notify';
import { SecretDialog } from './secret-dialog';
import { SelectField, optionsOf } from '../../ui/select-field';
import { SubscriptionsPanel } from './subscriptions-panel';

type KeyType = 'PRODUCTION' | 'SANDBOX';
type Token = Response<'applications.issueToken'>;

type Shown =
  | { kind: 'key'; apiKey: string; keyType: KeyType }
  | { kind: 'token'; token: Token; keyType: KeyType }
  | null;

/** The JWT's payload, for showing its claims; null when it does not decode. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface Props {
  app: ApplicationView;
  version: number;
  onChanged(): void;
  onDeleted(): void;
}

/** One application: its credentials, trial tokens, consumer keys, subscriptions and throttle reset. */
export function ApplicationDetail({ app, version, onChanged, onDeleted }: Props) {
  const [shown, setShown] = useState<Shown>(null);
  const [tokenType, setTokenType] = useState<KeyType>('PRODUCTION');
  const [resetResult, setResetResult] = useState<string | null>(null);
  const base = useId();

  const generate = async (keyType: KeyType) => {
    try {
      const { apiKey } = await ipc.applications.generateApiKey({ applicationId: app.id, keyType });
      setShown({ kind: 'key', apiKey, keyType });
      onChanged();
    } catch (error) {
      reportError(error, 'Generating an API key');
    }
  };

  const mint = async () => {
    try {
      const token = await ipc.applications.issueToken({
        applicationId: app.id,
        keyType: tokenType,
      });
      setShown({ kind: 'token', token, keyType: tokenType });
      onChanged();
    } catch (error) {
      reportError(error, 'Issuing a token');
    }
  };

  const reset = async () => {
    setResetResult(null);
    try {
      const { cleared } = await ipc.applications.resetThrottle({ applicationId: app.id });
      const message = `Throttling reset for ${app.name}: ${cleared} ${cleared === 1 ? 'counter' : 'counters'} cleared`;
      setResetResult(message);
      notify(message);
    } catch (error) {
      setResetResult(error instanceof Error ? error.message : String(error));
      reportError(error, 'Resetting throttling');
    }
  };

  const remove = async () => {
    if (!window.confirm(`Delete ${app.name} with its keys and subscriptions?`)) return;
    try {
      await ipc.applications.delete({ id: app.id });
      notify(`Application ${app.name} deleted`);
      onDeleted();
    } catch (error) {
      reportError(error, 'Deleting the application');
    }
  };

  return (
    <section className="apps-detail" aria-label={`Application ${app.name}`}>
      <header className="apps-detail__header">
        <div>
          <h2 className="apps-view__title">{app.name}</h2>
          <p className="muted">
            Application policy <strong>{app.throttlingPolicy ?? 'Unlimited'}</strong>
            {app.description ? ` · ${app.description}` : ''} · <code>{app.id}</code>
          </p>
        </div>
        <div className="apps-detail__actions">
          <button type="button" className="button button--small" onClick={() => void reset()}>
            Reset throttling
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => void remove()}
          >
            Delete application
          </button>
        </div>
      </header>
      {resetResult && (
        <p role="status" aria-label="Throttle reset" className="apps-detail__result">
          {resetResult}
        </p>
      )}

      <div className="apps-section">
        <h3 className="apps-section__title">API keys</h3>
        <p className="muted">
          {app.apiKeys.length === 0
            ? 'No API keys yet.'
            : app.apiKeys
                .map((k) => `${k.keyType} (${new Date(k.createdAt).toLocaleString()})`)
                .join(' · ')}
        </p>
        <div className="apps-row">
          <button
            type="button"
            className="button button--small"
            onClick={() => void generate('PRODUCTION')}
          >
            Generate production key
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void generate('SANDBOX')}
          >
            Generate sandbox key
          </button>
        </div>
      </div>

      <div className="apps-section">
        <h3 className="apps-section__title">Test token</h3>
        <p className="muted">
          A JWT from the studio&apos;s built-in key manager, for trial traffic through the local
          gateway.
        </p>
        <div className="apps-row">
          <SelectField
            id={`${base}-token-type`}
            label="Token key type"
            value={tokenType}
            options={optionsOf(['PRODUCTION', 'SANDBOX'])}
            onChange={(v) => setTokenType(v as KeyType)}
          />
          <button type="button" className="button button--small" onClick={() => void mint()}>
            Get test token
          </button>
        </div>
      </div>

      <ConsumerKeys app={app} onChanged={onChanged} />
      <SubscriptionsPanel app={app} version={version} onChanged={onChanged} />

      {shown?.kind === 'key' && (
        <SecretDialog
          title={`New ${shown.keyType.toLowerCase()} API key`}
          label="API key"
          value={shown.apiKey}
          onClose={() => setShown(null)}
        >
          <p className="apps-warning">
            Copy it now: you will not see it again. The studio keeps only its SHA-256 hash. Send it
            in the API&apos;s key header (<code>apikey</code> by default).
          </p>
        </SecretDialog>
      )}
      {shown?.kind === 'token' && (
        <SecretDialog
          title={`${shown.keyType === 'PRODUCTION' ? 'Production' : 'Sandbox'} test token`}
          label="Access token"
          value={shown.token.accessToken}
          onClose={() => setShown(null)}
        >
          <p>
            Expires <strong>{new Date(shown.token.expiresAt).toLocaleString()}</strong> · consumer
            key <code>{shown.token.consumerKey}</code> · send as{' '}
            <code>Authorization: Bearer …</code>
          </p>
          <pre className="apps-claims" aria-label="Token claims">
            {JSON.stringify(jwtClaims(shown.token.accessToken), null, 2)}
          </pre>
        </SecretDialog>
      )}
    </section>
  );
}

function ConsumerKeys({ app, onChanged }: { app: ApplicationView; onChanged(): void }) {
  // Select the workspace itself: a selector that builds a new array would re-render forever.
  const workspace = useApp((s) => s.workspace);
  const managers = (workspace?.resources ?? [])
    .filter((r) => r.kind === 'keyManager')
    .map((r) => r.name);
  const base = useId();
  const [keyManager, setKeyManager] = useState('');
  const [consumerKey, setConsumerKey] = useState('');
  const [keyType, setKeyType] = useState<KeyType>('PRODUCTION');
  const [error, setError] = useState<string | null>(null);
  const manager = keyManager || managers[0] || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = consumerKey.trim();
    if (!manager) return setError('Key manager: add a key manager under key-managers/ first');
    if (value === '' || /\s/.test(value))
      return setError('Consumer key: the OAuth2 client id, without spaces');
    setError(null);
    try {
      await ipc.applications.registerConsumerKey({
        applicationId: app.id,
        keyManager: manager,
        consumerKey: value,
        keyType,
      });
      setConsumerKey('');
      notify(`Consumer key registered at ${manager}`);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form className="apps-section" aria-label="Register consumer key" onSubmit={submit} noValidate>
      <h3 className="apps-section__title">Consumer keys</h3>
      {app.consumerKeys.length === 0 ? (
        <p className="muted">None registered.</p>
      ) : (
        <ul className="apps-list">
          {app.consumerKeys.map((k) => (
            <li key={`${k.keyManager}-${k.keyType}`}>
              <code>{k.consumerKey}</code> at {k.keyManager} ({k.keyType})
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="apps-row">
        <SelectField
          id={`${base}-km`}
          label="Key manager"
          value={manager}
          options={
            managers.length
              ? optionsOf(managers)
              : [{ value: '', label: 'No key managers in this workspace' }]
          }
          onChange={setKeyManager}
        />
        <TextField
          id={`${base}-ck`}
          label="Consumer key"
          value={consumerKey}
          onChange={setConsumerKey}
          mono
        />
        <SelectField
          id={`${base}-ck-type`}
          label="Key type"
          value={keyType}
          options={optionsOf(['PRODUCTION', 'SANDBOX'])}
          onChange={(v) => setKeyType(v as KeyType)}
        />
        <button type="submit" className="button button--small">
          Register
        </button>
      </div>
    </form>
  );
}
