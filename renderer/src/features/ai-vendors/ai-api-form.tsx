import { useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { SelectField, optionsOf } from '../../ui/select-field';
import { notify } from '../notifications/notify';
import { openApiTab } from '../tabs/tabs';

interface Props {
  /** Vendor names to choose from (the workspace's files, then the built-in types). */
  vendors: readonly string[];
  vendor: string;
}

const fieldOf = (message: string): string => message.slice(0, Math.max(0, message.indexOf(':')));

/**
 * Creates an API of type AI toward a vendor. The key value goes to the studio's
 * secret store and the local gateway, never to the workspace; a vendor's OpenAPI
 * file, if given, becomes the API's definition and operations.
 */
export function AiApiForm({ vendors, vendor: initialVendor }: Props) {
  const base = useId();
  const [name, setName] = useState('');
  const [version, setVersion] = useState('v1');
  const [vendor, setVendor] = useState(initialVendor);
  const [endpointUrl, setEndpointUrl] = useState('');
  const [secretRef, setSecretRef] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const [definition, setDefinition] = useState<{ content: string; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorFor = (field: string) => (error && fieldOf(error) === field ? error : undefined);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setDefinition(file ? { content: await file.text(), fileName: file.name } : null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await ipc.aiVendors.createApi({
        name,
        version,
        vendor,
        endpointUrl,
        ...(secretRef.trim() ? { secretRef: secretRef.trim() } : {}),
        ...(secretValue ? { secretValue } : {}),
        ...(definition ? { definition } : {}),
      });
      notify(
        `AI API ${created.name} ${created.version} created at ${created.context} with ${created.operationCount} operations`,
      );
      openApiTab(created.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const id = (key: string) => `${base}-${key}`;
  return (
    <form className="vendor-form" aria-label="New AI API" onSubmit={submit} noValidate>
      <h2 className="apps-view__title">New AI API</h2>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="vendor-form__pair">
        <TextField
          id={id('name')}
          label="API name"
          value={name}
          placeholder="Chat"
          error={errorFor('name')}
          onChange={setName}
        />
        <TextField
          id={id('version')}
          label="API version"
          value={version}
          error={errorFor('version')}
          onChange={setVersion}
        />
      </div>
      <SelectField
        id={id('vendor')}
        label="Vendor"
        value={vendor}
        options={optionsOf(vendors)}
        error={errorFor('vendor')}
        onChange={setVendor}
      />
      <TextField
        id={id('url')}
        label="Endpoint URL"
        value={endpointUrl}
        mono
        placeholder="https://api.openai.com/v1"
        hint="The path after /<context>/<version> and the query are appended to it."
        error={errorFor('endpointUrl')}
        onChange={setEndpointUrl}
      />
      <div className="vendor-form__pair">
        <TextField
          id={id('secretRef')}
          label="Key secret name"
          value={secretRef}
          mono
          placeholder="openai-key"
          hint="api.yaml names the secret; the key itself is never written to the workspace."
          error={errorFor('secretRef')}
          onChange={setSecretRef}
        />
        <div className="field">
          <label htmlFor={id('secretValue')}>Vendor key</label>
          <input
            id={id('secretValue')}
            className="input input--mono"
            type="password"
            autoComplete="off"
            value={secretValue}
            onChange={(e) => setSecretValue(e.target.value)}
          />
          <p className="field__hint">
            Stored encrypted by the studio and sent to the local gateway.
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('definition')}>Vendor OpenAPI (optional)</label>
        <input
          id={id('definition')}
          type="file"
          accept=".yaml,.yml,.json"
          onChange={(e) => void pick(e)}
        />
        <p className="field__hint">
          {definition
            ? `${definition.fileName} becomes the API's definition; its operations are listed.`
            : 'Without one, every path and method passes through to the vendor.'}
        </p>
        {errorFor('definition') && <p className="field__error">{errorFor('definition')}</p>}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        Create AI API
      </button>
    </form>
  );
}
