import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { EnvironmentConfig } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import { notify, reportError } from '../notifications/notify';
import { TextField } from '../../ui/text-field';
import {
  configFrom,
  emptyDraft,
  emptyNode,
  draftFrom,
  validateDraft,
} from './environment-validation';
import { NodeFields } from './node-fields';
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

  const idOf = (key: string) => `${base}-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

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
      <TextField
        id={idOf('name')}
        label="Name"
        value={draft.name}
        readOnly={initial !== null}
        placeholder="staging"
        error={shown.name}
        onChange={(value) => setDraft({ ...draft, name: value })}
      />
      <TextField
        id={idOf('description')}
        label="Description"
        value={draft.description}
        error={shown.description}
        onChange={(value) => setDraft({ ...draft, description: value })}
      />

      <fieldset className="env-form__group">
        <legend>Gateway nodes</legend>
        {shown.nodes && <p className="field__error">{shown.nodes}</p>}
        {draft.nodes.map((node, i) => (
          <NodeFields
            key={i}
            index={i}
            node={node}
            errors={shown}
            idOf={idOf}
            canRemove={draft.nodes.length > 1}
            onChange={(patch) => setNode(i, patch)}
            onRemove={() => setDraft((d) => ({ ...d, nodes: d.nodes.filter((_, j) => j !== i) }))}
          />
        ))}
        <p className="field__hint">
          The admin token is the name of a secret in the studio&apos;s secret store, never the token
          itself. Set secret values in the environment&apos;s Secrets panel.
        </p>
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              nodes: [...d.nodes, emptyNode(d.nodes.length + 1)],
            }))
          }
        >
          Add node
        </button>
      </fieldset>

      <TextField
        id={idOf('secrets')}
        label="Secrets to send"
        value={draft.secrets}
        placeholder="openai-key, backend-password"
        hint="Names of store secrets, comma-separated, sent before each push."
        error={shown.secrets}
        onChange={(value) => setDraft({ ...draft, secrets: value })}
      />

      <fieldset className="env-form__group">
        <legend>Endpoint overrides</legend>
        {draft.overrides.map((o, i) => {
          const n = i + 1;
          const key = (name: string) => `overrides[${i}].${name}`;
          const apiId = idOf(key('apiId'));
          const apiError = shown[key('apiId')];
          return (
            <div key={i} className="env-form__row" role="group" aria-label={`Override ${n}`}>
              <div className="field">
                <label htmlFor={apiId}>Override {n} API</label>
                <select
                  id={apiId}
                  aria-invalid={apiError !== undefined ? true : undefined}
                  aria-describedby={apiError !== undefined ? `${apiId}-error` : undefined}
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
                {apiError !== undefined && (
                  <p id={`${apiId}-error`} className="field__error">
                    {apiError}
                  </p>
                )}
              </div>
              <TextField
                id={idOf(key('production'))}
                label={`Override ${n} production URL`}
                value={o.production}
                mono
                error={shown[key('production')]}
                onChange={(value) => setOverride(i, { production: value })}
              />
              <TextField
                id={idOf(key('sandbox'))}
                label={`Override ${n} sandbox URL`}
                value={o.sandbox}
                mono
                error={shown[key('sandbox')]}
                onChange={(value) => setOverride(i, { sandbox: value })}
              />
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
