import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { PolicyDocument, PolicyKind } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { SelectField, optionsOf } from '../../ui/select-field';
import { notify } from '../notifications/notify';
import { ConditionFields } from './condition-fields';
import { LimitFields } from './limit-fields';
import {
  draftFrom,
  emptyCondition,
  emptyDraft,
  kindLabels,
  policyFrom,
  validateDraft,
  type PolicyDraft,
} from './policy-draft';

interface Props {
  kind: PolicyKind;
  /** The policy to edit; null for a new one. */
  initial: PolicyDocument | null;
  onSaved(policy: PolicyDocument): void;
  onCancel(): void;
  onDelete?(): void;
}

/** Creates or edits one `policies/<kind>-<name>.yaml`; the local gateway redeploys on save. */
export function PolicyForm({ kind, initial, onSaved, onCancel, onDelete }: Props) {
  const base = useId();
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    initial ? draftFrom(initial) : emptyDraft(kind),
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateDraft(draft);
  const shown = submitted ? errors : {};
  const messages = Object.values(shown);
  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const title = initial ? `Edit ${initial.name}` : `New ${kindLabels[kind].toLowerCase()}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const saved = await ipc.policies.save({
        policy: policyFrom(draft),
        ...(initial ? { previousName: initial.name } : {}),
      });
      notify(
        `${kindLabels[saved.kind]} ${saved.name} saved to policies/${saved.kind}-${saved.name}.yaml`,
      );
      onSaved(saved);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const id = (key: string) => `${base}-${key}`;
  return (
    <form className="policy-form" aria-label={title} onSubmit={submit} noValidate>
      <h2 className="apps-view__title">{title}</h2>
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
        id={id('name')}
        label="Name"
        value={draft.name}
        onChange={(name) => set({ name })}
        error={shown.name}
      />
      <TextField
        id={id('description')}
        label="Description"
        value={draft.description}
        onChange={(description) => set({ description })}
      />
      <LimitFields
        id={id('limit')}
        label="Request limit"
        value={draft.limit}
        onChange={(limit) => set({ limit })}
        errors={shown}
        errorKey="limit"
        requestsHint={
          kind === 'subscription' ? 'Empty for a token-only plan (no request cap).' : undefined
        }
      />
      {kind !== 'api' && (
        <>
          <h3 className="apps-section__title">AI token quotas</h3>
          <p className="muted">
            Counted over the request limit&apos;s window; empty means no quota.
          </p>
          <div className="apps-row">
            <TextField
              id={id('tt')}
              label="Total tokens"
              value={draft.tokensTotal}
              onChange={(tokensTotal) => set({ tokensTotal })}
              error={shown.tokensTotal}
            />
            <TextField
              id={id('tp')}
              label="Prompt tokens"
              value={draft.tokensPrompt}
              onChange={(tokensPrompt) => set({ tokensPrompt })}
              error={shown.tokensPrompt}
            />
            <TextField
              id={id('tc')}
              label="Completion tokens"
              value={draft.tokensCompletion}
              onChange={(tokensCompletion) => set({ tokensCompletion })}
              error={shown.tokensCompletion}
            />
          </div>
          <div className="apps-row">
            <TextField
              id={id('burst')}
              label="Burst requests"
              value={draft.burstRequests}
              onChange={(burstRequests) => set({ burstRequests })}
              error={shown.burstRequests}
              hint="A short-window cap inside the main window; empty for none."
            />
            <SelectField
              id={id('burst-per')}
              label="Burst per"
              value={draft.burstPer}
              options={optionsOf(['sec', 'min'])}
              onChange={(v) => set({ burstPer: v as 'sec' | 'min' })}
            />
          </div>
        </>
      )}
      {kind === 'subscription' && (
        <>
          <label className="apps-check">
            <input
              type="checkbox"
              checked={draft.stopOnQuotaReach}
              onChange={(e) => set({ stopOnQuotaReach: e.target.checked })}
            />
            Stop on quota reach (otherwise requests over the limit pass and are billed)
          </label>
          <h3 className="apps-section__title">Billing</h3>
          <div className="apps-row">
            <SelectField
              id={id('billing')}
              label="Billing model"
              value={draft.billingModel}
              options={optionsOf(['FREE', 'COMMERCIAL'])}
              onChange={(v) => set({ billingModel: v as 'FREE' | 'COMMERCIAL' })}
            />
            <TextField
              id={id('currency')}
              label="Currency"
              value={draft.currency}
              onChange={(currency) => set({ currency })}
              error={shown.currency}
              placeholder="USD"
            />
            <TextField
              id={id('ppr')}
              label="Price per request"
              value={draft.pricePerRequest}
              onChange={(pricePerRequest) => set({ pricePerRequest })}
              error={shown.pricePerRequest}
            />
          </div>
          <div className="apps-row">
            <TextField
              id={id('ppp')}
              label="Price per million prompt tokens"
              value={draft.pricePerMillionPromptTokens}
              onChange={(pricePerMillionPromptTokens) => set({ pricePerMillionPromptTokens })}
              error={shown.pricePerMillionPromptTokens}
            />
            <TextField
              id={id('ppc')}
              label="Price per million completion tokens"
              value={draft.pricePerMillionCompletionTokens}
              onChange={(pricePerMillionCompletionTokens) =>
                set({ pricePerMillionCompletionTokens })
              }
              error={shown.pricePerMillionCompletionTokens}
            />
          </div>
        </>
      )}
      {kind === 'api' && (
        <>
          <h3 className="apps-section__title">Conditional groups</h3>
          <p className="muted">
            A request that matches a group counts against its limit; others against the default
            limit above.
          </p>
          {draft.conditions.map((c, i) => (
            <ConditionFields
              key={i}
              id={id(`c${i}`)}
              index={i}
              value={c}
              errors={shown}
              onChange={(next) =>
                set({ conditions: draft.conditions.map((x, j) => (j === i ? next : x)) })
              }
              onRemove={() => set({ conditions: draft.conditions.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() => set({ conditions: [...draft.conditions, emptyCondition()] })}
          >
            Add condition
          </button>
        </>
      )}
      <div className="form-actions">
        {onDelete && (
          <button type="button" className="button button--danger" onClick={onDelete}>
            Delete
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save policy
        </button>
      </div>
    </form>
  );
}
