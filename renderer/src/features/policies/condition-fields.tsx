import { TextField } from '../../ui/text-field';
import { LimitFields } from './limit-fields';
import type { ConditionDraft } from './policy-draft';

interface Props {
  id: string;
  index: number;
  value: ConditionDraft;
  errors: Record<string, string>;
  onChange(value: ConditionDraft): void;
  onRemove(): void;
}

/** One conditional group of an API policy: what it matches, and its own limit. */
export function ConditionFields({ id, index, value, errors, onChange, onRemove }: Props) {
  const label = `Condition ${index + 1}`;
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...value, ...patch });
  const pairs = [
    ['header', 'headerName', 'headerValue', 'Header'],
    ['query parameter', 'queryName', 'queryValue', 'Query parameter'],
    ['claim', 'claimName', 'claimValue', 'Claim'],
  ] as const;
  return (
    <fieldset className="policy-condition" aria-label={label}>
      <legend>{label}</legend>
      {errors[`c${index}.match`] && <p className="field__error">{errors[`c${index}.match`]}</p>}
      <div className="apps-row">
        <TextField
          id={`${id}-ip`}
          label={`${label} IP`}
          value={value.ip}
          onChange={(ip) => set({ ip })}
          error={errors[`c${index}.ip`]}
          mono
        />
        <TextField
          id={`${id}-range`}
          label={`${label} IP range`}
          value={value.ipRange}
          onChange={(ipRange) => set({ ipRange })}
          error={errors[`c${index}.ipRange`]}
          placeholder="10.0.0.0/8"
          mono
        />
      </div>
      {pairs.map(([what, nameKey, valueKey, title]) => (
        <div className="apps-row" key={what}>
          <TextField
            id={`${id}-${nameKey}`}
            label={`${label} ${what} name`}
            value={value[nameKey]}
            onChange={(v) => set({ [nameKey]: v })}
            error={errors[`c${index}.${what}`]}
            hint={`${title} whose value must match`}
          />
          <TextField
            id={`${id}-${valueKey}`}
            label={`${label} ${what} value`}
            value={value[valueKey]}
            onChange={(v) => set({ [valueKey]: v })}
          />
        </div>
      ))}
      <label className="apps-check">
        <input
          type="checkbox"
          checked={value.invert}
          onChange={(e) => set({ invert: e.target.checked })}
        />
        Invert: apply to requests that do not match
      </label>
      <LimitFields
        id={`${id}-limit`}
        label={`${label} limit`}
        value={value.limit}
        onChange={(limit) => set({ limit })}
        errors={errors}
        errorKey={`c${index}.limit`}
      />
      <button type="button" className="button button--small" onClick={onRemove}>
        Remove {label.toLowerCase()}
      </button>
    </fieldset>
  );
}
