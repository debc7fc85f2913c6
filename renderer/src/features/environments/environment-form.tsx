import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { EnvironmentConfig } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { notify, reportError } from '../notifications/notify';
import { configFrom, emptyDraft, draftFrom, validateDraft } from './environment-validation';
import type { EnvironmentDraft, NodeDraft, OverrideDraft } from './environment-validation';

interface Props {
  /** The environment to edit; null for a new one. */
  initial: EnvironmentConfig | null;
  onSaved(env: EnvironmentConfig): void;
  onCancel(): void;
}

/** Creates or replaces `environments/<name>.yaml`. Admin tokens are named store secrets. */
export function EnvironmentForm({ initial, onSaved, onCancel }: Props) {
  const apis = useApp((s) => s.workspace?.apis ?? []);
  const [draft, setDraft] = useState<EnvironmentDraft>(() =>
    initial ? draftFrom(initial) : emptyDraft(),
  );
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const base = useId();
  const errors = validateDraft(draft);
  const shown = submitted ? errors : {};
  const messages = Object.values(shown);

  const field = (key: string) => {
    const id = `${base}-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
    const error = shown[key];
    return {
      input: {
        id,
        'aria-invalid': error !== undefined,
        'aria-describedby': error !== undefined ? `${id}-error` : undefined,
      },
      id,
      error: error !== undefined && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ),
    };
  };

  const setNode = (index: number, patch: Partial<NodeDraft>) =>
    setDraft((d) => ({
      ...d,
      nodes: d.nodes.map((n, i) => (i === index ? { ...n, ...patch } : n)),
    }));
  const setOverride = (index: number, patch: Partial<OverrideDraft>) =>
    setDraft((d) => ({
      ...d,
      overrides: d.overrides.map((o, i) => (i === index ? { ...o, ...patch } : o)),
    }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const saved = await ipc.environments.save(configFrom(draft));
      notify(`Environment ${saved.name} saved`);
      onSaved(saved);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
      reportError(error, 'Saving the environment');
    } finally {
      setBusy(false);
    }
  };

  const name = field('name');
  const description = field('description');
  const secrets = field('secrets');

  return (
    <form
      className="env-form"
      aria-label={initial ? `Edit ${initial.name}` : 'New environment'}
      onSubmit={submit}
      noValidate
    >
      <h2 className="env-view__title">{initial ? `Edit ${initial.name}` : 'New environment'}</h2>
      {messages.length > 0 && (
        <div className="form-error" role="alert">
          Fix {messages.length === 1 ? 'this field' : 'these fields'}: {messages.join(' · ')}
        </div>
      )}
      {serverError && (
        <div className="form-error" role="alert">
          {serverError}
        </div>
      )}
      <div className="field">
        <label htmlFor={name.id}>Name</label>
        <input
          {...name.input}
          className="input"
          value={draft.name}
          readOnly={initial !== null}
          placeholder="staging"
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        {name.error}
      </div>
      <div className="field">
        <label htmlFor={description.id}>Description</label>
        <input
          {...description.input}
          className="input"
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>

      <fieldset className="env-form__group">
        <legend>Gateway nodes</legend>
        {shown.nodes && <p className="field__error">{shown.nodes}</p>}
        {draft.nodes.map((node, i) => {
          const n = i + 1;
          const nodeName = field(`nodes[${i}].name`);
          const url = field(`nodes[${i}].adminUrl`);
          const token = field(`nodes[${i}].tokenSecret`);
          return (
            <div key={i} className="env-form__row" role="group" aria-label={`Node ${n}`}>
              <div className="field">
                <label htmlFor={nodeName.id}>Node {n} name</label>
                <input
                  {...nodeName.input}
                  className="input"
                  value={node.name}
                  onChange={(e) => setNode(i, { name: e.target.value })}
                />
                {nodeName.error}
              </div>
              <div className="field">
                <label htmlFor={url.id}>Node {n} admin URL</label>
                <input
                  {...url.input}
                  className="input input--mono"
                  value={node.adminUrl}
                  placeholder="http://127.0.0.1:9090"
                  onChange={(e) => setNode(i, { adminUrl: e.target.value })}
                />
                {url.error}
              </div>
              <div className="field">
                <label htmlFor={token.id}>Node {n} admin token secret</label>
                <input
                  {...token.input}
                  className="input"
                  value={node.tokenSecret}
                  placeholder="staging-admin (optional)"
                  onChange={(e) => setNode(i, { tokenSecret: e.target.value })}
                />
                {token.error}
              </div>
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove node ${n}`}
                disabled={draft.nodes.length === 1}
                onClick={() =>
                  setDraft((d) => ({ ...d, nodes: d.nodes.filter((_, j) => j !== i) }))
                }
              >
                Remove
              </button>
            </div>
          );
        })}
        <p className="field__hint">
          The admin token is the name of a secret in the studio&apos;s secret store, never the token
          itself.
        </p>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              nodes: [
                ...d.nodes,
                { name: `node-${d.nodes.length + 1}`, adminUrl: '', tokenSecret: '' },
              ],
            }))
          }
        >
          Add node
        </button>
      </fieldset>

      <div className="field">
        <label htmlFor={secrets.id}>Secrets to send</label>
        <input
          {...secrets.input}
          className="input"
          value={draft.secrets}
          placeholder="openai-key, backend-password"
          onChange={(e) => setDraft({ ...draft, secrets: e.target.value })}
        />
        <p className="field__hint">
          Names of store secrets, comma-separated, sent before each push.
        </p>
        {secrets.error}
      </div>

      <fieldset className="env-form__group">
        <legend>Endpoint overrides</legend>
        {draft.overrides.map((o, i) => {
          const n = i + 1;
          const api = field(`overrides[${i}].apiId`);
          const prod = field(`overrides[${i}].production`);
          const sandbox = field(`overrides[${i}].sandbox`);
          return (
            <div key={i} className="env-form__row" role="group" aria-label={`Override ${n}`}>
              <div className="field">
                <label htmlFor={api.id}>Override {n} API</label>
                <select
                  {...api.input}
                  className="input"
                  value={o.apiId}
                  onChange={(e) => setOverride(i, { apiId: e.target.value })}
                >
                  <option value="">Pick an API</option>
                  {apis.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name} {a.version}
                    </option>
                  ))}
                </select>
                {api.error}
              </div>
              <div className="field">
                <label htmlFor={prod.id}>Override {n} production URL</label>
                <input
                  {...prod.input}
                  className="input input--mono"
                  value={o.production}
                  onChange={(e) => setOverride(i, { production: e.target.value })}
                />
                {prod.error}
              </div>
              <div className="field">
                <label htmlFor={sandbox.id}>Override {n} sandbox URL</label>
                <input
                  {...sandbox.input}
                  className="input input--mono"
                  value={o.sandbox}
                  onChange={(e) => setOverride(i, { sandbox: e.target.value })}
                />
                {sandbox.error}
              </div>
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove override ${n}`}
                onClick={() =>
                  setDraft((d) => ({ ...d, overrides: d.overrides.filter((_, j) => j !== i) }))
                }
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              overrides: [...d.overrides, { apiId: '', production: '', sandbox: '' }],
            }))
          }
        >
          Add endpoint override
        </button>
      </fieldset>

      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save environment'}
        </button>
      </div>
    </form>
  );
}
