import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiDetail } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { notify, reportError } from '../notifications/notify';
import { TextField } from '../../ui/text-field';
import { useApp } from '../../state/app-store';
import { EndpointField, endpointError } from '../sequences/endpoint-field';
import { usePolicyNames } from '../applications/use-policy-names';

interface Props {
  detail: ApiDetail;
  onSaved(detail: ApiDetail): void;
}

interface Form {
  context: string;
  isDefaultVersion: boolean;
  production: string;
  sandbox: string;
  /** The whole API's API policy; `Unlimited` for none. */
  throttlingPolicy: string;
}

function fromDetail(detail: ApiDetail): Form {
  return {
    context: detail.context,
    isDefaultVersion: detail.isDefaultVersion,
    production: detail.endpoints.production ?? '',
    sandbox: detail.endpoints.sandbox ?? '',
    throttlingPolicy: detail.throttlingPolicy ?? 'Unlimited',
  };
}

function validate(form: Form, sequences: readonly string[]): Partial<Record<keyof Form, string>> {
  const errors: Partial<Record<keyof Form, string>> = {};
  if (!/^\/[A-Za-z0-9._~\-/{}]*$/.test(form.context) || form.context.includes('//')) {
    errors.context =
      'Start with "/" and use letters, digits, "-", "_", "." and "/" only, e.g. /petstore';
  }
  for (const key of ['production', 'sandbox'] as const) {
    const error = endpointError(form[key], sequences);
    if (error) errors[key] = error;
  }
  return errors;
}

/**
 * Context and endpoints, written to the API's `api.yaml`. The parent remounts
 * this form (by key) when those values change on disk, so it starts from them.
 */
export function ApiSettingsForm({ detail, onSaved }: Props) {
  const [form, setForm] = useState<Form>(() => fromDetail(detail));
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const ids = {
    context: useId(),
    isDefault: useId(),
    production: useId(),
    sandbox: useId(),
    policy: useId(),
  };
  const apiPolicies = usePolicyNames().api;
  const policyChoices = apiPolicies.includes(form.throttlingPolicy)
    ? apiPolicies
    : [...apiPolicies, form.throttlingPolicy];
  const resources = useApp((s) => s.workspace?.resources);
  const errors = validate(
    form,
    (resources ?? []).filter((r) => r.kind === 'sequence').map((r) => r.name),
  );
  const shown = submitted ? errors : {};
  const initial = fromDetail(detail);
  const changed = (Object.keys(initial) as (keyof Form)[]).some((k) => initial[k] !== form[k]);

  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const saved = await ipc.apis.updateSettings({
        id: detail.id,
        context: form.context,
        isDefaultVersion: form.isDefaultVersion,
        endpoints: {
          production: form.production.trim() || null,
          sandbox: form.sandbox.trim() || null,
        },
        throttlingPolicy: form.throttlingPolicy === 'Unlimited' ? null : form.throttlingPolicy,
      });
      onSaved(saved);
      notify(`Saved the settings of ${detail.name} ${detail.version}`);
    } catch (err) {
      reportError(err, 'Could not save the settings');
    } finally {
      setBusy(false);
    }
  };

  const field = (key: 'context', label: string, placeholder: string) => (
    <TextField
      id={ids[key]}
      label={label}
      value={form[key]}
      placeholder={placeholder}
      mono
      error={shown[key]}
      onChange={(value) => set(key, value)}
    />
  );

  return (
    <section className="panel-section" aria-labelledby="settings-heading">
      <h3 id="settings-heading" className="panel-section__title">
        Context, endpoints and API policy
      </h3>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {field('context', 'Context', '/petstore')}
        <div className="field field--inline">
          <input
            id={ids.isDefault}
            type="checkbox"
            checked={form.isDefaultVersion}
            onChange={(e) => set('isDefaultVersion', e.target.checked)}
          />
          <label htmlFor={ids.isDefault}>
            Default version (also served without the version in the path)
          </label>
        </div>
        {(['production', 'sandbox'] as const).map((key) => (
          <EndpointField
            key={key}
            id={ids[key]}
            environment={key}
            label={key === 'production' ? 'Production endpoint' : 'Sandbox endpoint'}
            value={form[key]}
            placeholder={key === 'production' ? 'http://localhost:9000' : 'empty: none'}
            error={shown[key]}
            onChange={(value) => set(key, value)}
          />
        ))}
        <div className="field">
          <label htmlFor={ids.policy}>API policy (the whole API, all callers together)</label>
          <select
            id={ids.policy}
            className="input"
            value={form.throttlingPolicy}
            onChange={(e) => set('throttlingPolicy', e.target.value)}
          >
            {policyChoices.map((name) => (
              <option key={name} value={name}>
                {name === 'Unlimited' ? 'Unlimited (no API limit)' : name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy || !changed}>
            Apply settings
          </button>
          {changed && (
            <button
              type="button"
              className="button"
              onClick={() => setForm(initial)}
              disabled={busy}
            >
              Revert
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
