import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AiVendorTypeName, VendorFileView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { SelectField } from '../../ui/select-field';
import { notify } from '../notifications/notify';
import { LocationField } from './location-field';
import {
  fieldErrors,
  locationFields,
  validateDraft,
  vendorFrom,
  vendorTypeLabels,
  type VendorDraft,
} from './vendor-draft';

interface Props {
  initial: VendorDraft;
  /** The file's current name when editing; absent for a new vendor. */
  previousName?: string;
  /** Built-in vendors are shown, not edited. */
  readOnly?: boolean;
  onSaved(file: VendorFileView): void;
  onDelete?(): void;
  onDuplicate?(): void;
}

const typeOptions = (Object.keys(vendorTypeLabels) as AiVendorTypeName[]).map((value) => ({
  value,
  label: vendorTypeLabels[value],
}));

/** A vendor's auth and where its model and token counts are; saved as `ai-vendors/<name>.yaml`. */
export function VendorForm({
  initial,
  previousName,
  readOnly,
  onSaved,
  onDelete,
  onDuplicate,
}: Props) {
  const base = useId();
  const [draft, setDraft] = useState<VendorDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const local = submitted ? validateDraft(draft) : {};
  const errors: Record<string, string> = { ...server, ...local };
  const set = (patch: Partial<VendorDraft>) => {
    setServer({});
    setDraft((d) => ({ ...d, ...patch }));
  };
  const title = readOnly
    ? `${vendorTypeLabels[draft.type]} (built-in)`
    : previousName
      ? `Edit ${previousName}`
      : 'New AI vendor';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServer({});
    if (Object.keys(validateDraft(draft)).length > 0) return;
    setBusy(true);
    try {
      const saved = await ipc.aiVendors.save({
        vendor: vendorFrom(draft),
        ...(previousName ? { previousName } : {}),
      });
      notify(`AI vendor ${saved.vendor.name} saved to ${saved.file}`);
      onSaved(saved);
    } catch (error) {
      setServer(fieldErrors(error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  const id = (key: string) => `${base}-${key.replace('.', '-')}`;
  const messages = Object.values(errors);
  return (
    <form className="vendor-form" aria-label={title} onSubmit={submit} noValidate>
      <h2 className="apps-view__title">{title}</h2>
      {readOnly && (
        <p className="muted">
          The gateway&apos;s defaults for this vendor type. Duplicate it as a custom vendor to
          change them, or set its prices below.
        </p>
      )}
      {messages.length > 0 && (
        <div className="form-error" role="alert">
          Fix {messages.length === 1 ? 'this field' : 'these fields'}: {messages.join(' · ')}
        </div>
      )}
      <TextField
        id={id('name')}
        label="Name"
        value={draft.name}
        mono
        readOnly={readOnly}
        placeholder="acme-llm"
        hint="Also the file name: ai-vendors/<name>.yaml. AI APIs name their vendor by it."
        error={errors['name']}
        onChange={(name) => set({ name })}
      />
      {!readOnly && (
        <SelectField
          id={id('type')}
          label="Base type"
          value={draft.type}
          options={typeOptions}
          hint="A built-in type supplies defaults for every field left empty; custom declares everything."
          onChange={(type) => set({ type: type as AiVendorTypeName })}
        />
      )}
      <div className="vendor-form__pair">
        <TextField
          id={id('authHeader')}
          label="Auth header"
          value={draft.authHeader}
          mono
          readOnly={readOnly}
          placeholder="authorization"
          error={errors['authHeader']}
          onChange={(authHeader) => set({ authHeader })}
        />
        <TextField
          id={id('authFormat')}
          label="Value format"
          value={draft.authFormat}
          mono
          readOnly={readOnly}
          placeholder="Bearer {key}"
          hint="{key} is replaced by the vendor key from the secret store."
          error={errors['authFormat']}
          onChange={(authFormat) => set({ authFormat })}
        />
      </div>
      {locationFields.map((f) => (
        <LocationField
          key={f.key}
          id={id(f.key)}
          label={f.label}
          value={draft.locations[f.key]}
          allowPath={f.path}
          readOnly={readOnly}
          error={errors[f.key]}
          onChange={(value) => set({ locations: { ...draft.locations, [f.key]: value } })}
        />
      ))}
      {errors['form'] && <p className="field__error">{errors['form']}</p>}
      <div className="apps-detail__actions">
        {!readOnly && (
          <button type="submit" className="button button--primary" disabled={busy}>
            Save vendor
          </button>
        )}
        {onDuplicate && (
          <button type="button" className="button" onClick={onDuplicate}>
            Duplicate as custom
          </button>
        )}
        {onDelete && (
          <button type="button" className="button button--danger" onClick={onDelete}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
