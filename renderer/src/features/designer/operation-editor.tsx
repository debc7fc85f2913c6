import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiDetail, Operation } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { notify, reportError } from '../notifications/notify';

interface Props {
  apiId: string;
  operation: Operation;
  /** API policy names, `Unlimited` first. */
  apiPolicies: readonly string[];
  onSaved(detail: ApiDetail): void;
  onClose(): void;
}

/** Scopes as typed: separated by spaces or commas. */
export function parseScopes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((s) => s !== ''))];
}

/** An OAuth2 scope token: printable ASCII without space, `"` or `\` (RFC 6749 section 3.3). */
const scopePattern = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Auth, API policy and scopes of one operation, saved to the API's `api.yaml`. */
export function OperationEditor({ apiId, operation, apiPolicies, onSaved, onClose }: Props) {
  const ids = { auth: useId(), policy: useId(), scopes: useId() };
  const [auth, setAuth] = useState(operation.auth ?? 'required');
  const [policy, setPolicy] = useState(operation.throttlingPolicy ?? 'Unlimited');
  const [scopes, setScopes] = useState((operation.scopes ?? []).join(' '));
  const [busy, setBusy] = useState(false);
  const bad = parseScopes(scopes).find((s) => !scopePattern.test(s));
  const scopesError =
    bad === undefined ? undefined : `Not a scope: ${bad} (a scope holds no quotes or backslashes)`;
  // A policy file removed since: still shown, so saving does not silently change it.
  const choices = apiPolicies.includes(policy) ? apiPolicies : [...apiPolicies, policy];

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (scopesError) return;
    setBusy(true);
    try {
      const saved = await ipc.apis.updateOperation({
        id: apiId,
        method: operation.method,
        target: operation.target,
        auth,
        throttlingPolicy: policy,
        scopes: parseScopes(scopes),
      });
      onSaved(saved);
      notify(`Saved ${operation.method} ${operation.target}`);
      onClose();
    } catch (err) {
      reportError(err, `Could not save ${operation.method} ${operation.target}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="operation-editor"
      aria-label={`Settings of ${operation.method} ${operation.target}`}
      onSubmit={(e) => void onSubmit(e)}
      noValidate
    >
      <div className="field">
        <label htmlFor={ids.auth}>Access</label>
        <select
          id={ids.auth}
          className="input"
          value={auth}
          onChange={(e) => setAuth(e.target.value === 'none' ? 'none' : 'required')}
        >
          <option value="required">Credential required (key, token or certificate)</option>
          <option value="none">Open: anonymous callers, no subscription</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.policy}>API policy</label>
        <select
          id={ids.policy}
          className="input"
          value={policy}
          onChange={(e) => setPolicy(e.target.value)}
        >
          {choices.map((name) => (
            <option key={name} value={name}>
              {name === 'Unlimited' ? 'Unlimited (no operation limit)' : name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id={ids.scopes}
        label="OAuth2 scopes"
        value={scopes}
        placeholder="read:pets write:pets"
        hint="A token must hold every scope listed; separate them with spaces."
        mono
        error={scopesError}
        onChange={setScopes}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Apply
        </button>
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
