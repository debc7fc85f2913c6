import type { PolicyLimit } from '../../../../main/ipc/contract';
import { TextField } from '../../ui/text-field';
import { SelectField, optionsOf } from '../../ui/select-field';
import type { LimitDraft } from './policy-draft';

const units = ['sec', 'min', 'hour', 'day', 'month', 'year'] as const;

interface Props {
  id: string;
  /** Prefix of the field labels: "Request limit", "Condition 1 limit". */
  label: string;
  value: LimitDraft;
  onChange(value: LimitDraft): void;
  errors: Record<string, string>;
  /** Key of this limit in `errors` (`limit`, `c0.limit`). */
  errorKey: string;
  requestsHint?: string;
}

/** Requests per unit time and time unit, side by side. */
export function LimitFields({ id, label, value, onChange, errors, errorKey, requestsHint }: Props) {
  return (
    <div className="apps-row">
      <TextField
        id={`${id}-requests`}
        label={`${label} requests`}
        value={value.requests}
        onChange={(requests) => onChange({ ...value, requests })}
        error={errors[`${errorKey}.requests`]}
        hint={requestsHint}
      />
      <TextField
        id={`${id}-unit-time`}
        label={`${label} unit time`}
        value={value.unitTime}
        onChange={(unitTime) => onChange({ ...value, unitTime })}
        error={errors[`${errorKey}.unitTime`]}
      />
      <SelectField
        id={`${id}-time-unit`}
        label={`${label} time unit`}
        value={value.timeUnit}
        options={optionsOf(units)}
        onChange={(timeUnit) =>
          onChange({ ...value, timeUnit: timeUnit as PolicyLimit['timeUnit'] })
        }
      />
    </div>
  );
}
