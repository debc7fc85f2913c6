/**
 * The AI vendor form's state and its translation to and from the vendor file's
 * shape. The form edits one location per value; a file that lists several for a
 * value keeps its list unless the user changes that value. Fields the form does not
 * show (extra headers, text paths for estimation, stream usage, prices) pass through.
 * The gateway's schema, applied on save, stays the authority: its messages name
 * field paths, which `fieldErrors` places beside the matching input.
 */
import type {
  AiVendorTypeName,
  AiVendorView,
  VendorLocation,
  VendorPrice,
} from '../../../../main/ipc/contract';

export type LocationFrom = 'none' | VendorLocation['from'];

/** One value's location as the form edits it. */
export interface LocationDraft {
  from: LocationFrom;
  path: string;
  /** What the file said, kept when the user leaves this value as it was. */
  original?: VendorLocation | VendorLocation[] | undefined;
}

export const locationFields = [
  { key: 'model.request', label: 'Requested model', path: true },
  { key: 'model.response', label: 'Responding model', path: false },
  { key: 'usage.promptTokens', label: 'Prompt tokens', path: false },
  { key: 'usage.completionTokens', label: 'Completion tokens', path: false },
  { key: 'usage.totalTokens', label: 'Total tokens', path: false },
  { key: 'usage.cachedTokens', label: 'Cached tokens', path: false },
  { key: 'usage.reasoningTokens', label: 'Reasoning tokens', path: false },
] as const;
export type LocationKey = (typeof locationFields)[number]['key'];

export interface VendorDraft {
  name: string;
  type: AiVendorTypeName;
  authHeader: string;
  /** How the key is written in the header: `Bearer {key}`, `{key}`. */
  authFormat: string;
  locations: Record<LocationKey, LocationDraft>;
  /** The vendor as loaded: fields the form does not edit are kept from it. */
  base: AiVendorView | null;
}

export const vendorTypeLabels: Record<AiVendorTypeName, string> = {
  custom: 'Custom (declares everything)',
  openai: 'OpenAI',
  'azure-openai': 'Azure OpenAI',
  mistral: 'Mistral',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
};

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const KEY = '{key}';

function locationOf(section: AiVendorView['model'] | AiVendorView['usage'], field: string) {
  return (section as Record<string, VendorLocation | VendorLocation[] | undefined> | undefined)?.[
    field
  ];
}

function locationDraft(value: VendorLocation | VendorLocation[] | undefined): LocationDraft {
  const first = Array.isArray(value) ? value[0] : value;
  if (!first) return { from: 'none', path: '', original: value };
  return { from: first.from, path: first.path, original: value };
}

export function emptyDraft(): VendorDraft {
  const locations = Object.fromEntries(
    locationFields.map((f) => [f.key, { from: 'none', path: '' }]),
  ) as Record<LocationKey, LocationDraft>;
  return {
    name: '',
    type: 'custom',
    authHeader: '',
    authFormat: 'Bearer {key}',
    locations,
    base: null,
  };
}

export function draftFrom(vendor: AiVendorView): VendorDraft {
  const locations = Object.fromEntries(
    locationFields.map((f) => {
      const [section, field] = f.key.split('.') as ['model' | 'usage', string];
      return [f.key, locationDraft(locationOf(vendor[section], field))];
    }),
  ) as Record<LocationKey, LocationDraft>;
  return {
    name: vendor.name,
    type: vendor.type,
    authHeader: vendor.auth?.header ?? '',
    authFormat: vendor.auth ? `${vendor.auth.prefix ?? ''}${KEY}` : 'Bearer {key}',
    locations,
    base: vendor,
  };
}

function locationValue(d: LocationDraft): VendorLocation | VendorLocation[] | undefined {
  const first = Array.isArray(d.original) ? d.original[0] : d.original;
  if (first && first.from === d.from && first.path === d.path) return d.original;
  if (d.from === 'none') return undefined;
  return { from: d.from, path: d.path.trim() };
}

/** The vendor the draft describes, as the save channel takes it. */
export function vendorFrom(draft: VendorDraft): Record<string, unknown> {
  const section = (name: 'model' | 'usage') => {
    const entries = locationFields
      .filter((f) => f.key.startsWith(`${name}.`))
      .map((f) => [f.key.slice(name.length + 1), locationValue(draft.locations[f.key])] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  };
  const {
    name: _name,
    type: _type,
    auth: _auth,
    model: _model,
    usage: _usage,
    ...kept
  } = draft.base ?? { name: '', type: draft.type };
  const header = draft.authHeader.trim();
  const prefix = draft.authFormat.endsWith(KEY) ? draft.authFormat.slice(0, -KEY.length) : '';
  const vendor: Record<string, unknown> = { name: draft.name.trim(), type: draft.type };
  if (header) vendor['auth'] = { header, ...(prefix ? { prefix } : {}) };
  const model = section('model');
  const usage = section('usage');
  if (model) vendor['model'] = model;
  if (usage) vendor['usage'] = usage;
  return { ...vendor, ...kept };
}

/** What the form can tell before asking the studio; keys are the inputs'. */
export function validateDraft(draft: VendorDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!namePattern.test(draft.name.trim()))
    errors['name'] =
      'Name: 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. acme-llm)';
  if (draft.type === 'custom' && !draft.authHeader.trim())
    errors['authHeader'] = 'Auth header: a custom vendor needs the header that carries its key';
  if (draft.authHeader.trim() && !draft.authFormat.endsWith(KEY))
    errors['authFormat'] = 'Value format: must end with {key}, e.g. "Bearer {key}" or "{key}"';
  if (
    draft.type === 'custom' &&
    locationFields.every(
      (f) => !f.key.startsWith('usage.') || draft.locations[f.key].from === 'none',
    )
  )
    errors['usage.promptTokens'] =
      'Token counts: a custom vendor must say where at least one token count is';
  for (const f of locationFields) {
    const l = draft.locations[f.key];
    if (l.from !== 'none' && !l.path.trim())
      errors[f.key] =
        `${f.label}: give the ${l.from === 'header' ? 'header name' : l.from === 'path' ? 'URL pattern with {model}' : 'JSON path'}`;
  }
  return errors;
}

/**
 * The studio's message (`usage.promptTokens.path: must be ...; auth.header: ...`) split
 * per input key; what matches no input is returned under `form`.
 */
export function fieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split('; ')) {
    const at = part.indexOf(': ');
    const path = at > 0 ? part.slice(0, at) : '';
    const key =
      path === 'name'
        ? 'name'
        : path.startsWith('auth.header')
          ? 'authHeader'
          : path.startsWith('auth')
            ? 'authFormat'
            : (locationFields.find(
                (f) =>
                  path === f.key || path.startsWith(`${f.key}.`) || path.startsWith(`${f.key}[`),
              )?.key ?? 'form');
    out[key] = out[key] ? `${out[key]}; ${part}` : part;
  }
  return out;
}

/** A price row as the table edits it (numbers as typed). */
export interface PriceDraft {
  model: string;
  input: string;
  cachedInput: string;
  output: string;
}

export const priceDraftOf = (p: VendorPrice): PriceDraft => ({
  model: p.model,
  input: String(p.input),
  cachedInput: p.cachedInput === undefined ? '' : String(p.cachedInput),
  output: String(p.output),
});

/** Row-by-row messages (`prices[1].output: ...`) or the prices to save. */
export function pricesFrom(
  rows: readonly PriceDraft[],
): { ok: true; prices: VendorPrice[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const prices: VendorPrice[] = [];
  const number = (value: string, field: string, at: string, optional: boolean) => {
    if (optional && value.trim() === '') return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      errors[at] = `${field}: must be a number, 0 or more (price per million tokens)`;
      return undefined;
    }
    return n;
  };
  rows.forEach((row, i) => {
    if (!row.model.trim())
      errors[`${i}.model`] = 'Model: give a model name, or a prefix ending in *';
    const input = number(row.input, 'Input', `${i}.input`, false);
    const cachedInput = number(row.cachedInput, 'Cached input', `${i}.cachedInput`, true);
    const output = number(row.output, 'Output', `${i}.output`, false);
    if (input !== undefined && output !== undefined && row.model.trim())
      prices.push({
        model: row.model.trim(),
        input,
        output,
        ...(cachedInput === undefined ? {} : { cachedInput }),
      });
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, prices };
}
