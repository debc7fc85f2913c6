/**
 * The built-in vendor types, and how a bundle's `aiVendors` entry is laid over its
 * type's defaults: each field the entry sets replaces the default (headers merge).
 */
import type { AiVendor } from '../model/ai-vendor.js';
import type {
  ResolvedVendor,
  ValueLocation,
  VendorAdapter,
  VendorSpec,
  VendorType,
} from './types.js';
import { tokenFields } from './types.js';
import { anthropic } from './vendors/anthropic.js';
import { azureOpenai } from './vendors/azure-openai.js';
import { custom } from './vendors/custom.js';
import { mistral } from './vendors/mistral.js';
import { openaiCompatible } from './vendors/openai-compatible.js';
import { openai } from './vendors/openai.js';

export const vendorRegistry = {
  openai,
  'azure-openai': azureOpenai,
  mistral,
  anthropic,
  'openai-compatible': openaiCompatible,
  custom,
} satisfies Record<VendorType, VendorAdapter>;

const isVendorType = (name: string): name is VendorType => Object.hasOwn(vendorRegistry, name);

/** One location or several as a list; header names in lower case, as Node presents them. */
const list = (value: ValueLocation | ValueLocation[] | undefined): ValueLocation[] | undefined =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).map((l) =>
        l.from === 'header' ? { ...l, path: l.path.toLowerCase() } : l,
      );

/** The spec of a vendor type with a bundle entry's overrides applied. */
export function applyOverrides(adapter: VendorAdapter, entry: AiVendor | null): VendorSpec {
  const d = adapter.defaults;
  const spec: VendorSpec = {
    name: entry?.name ?? adapter.type,
    type: adapter.type,
    auth: d.auth,
    headers: { ...d.headers, ...entry?.headers },
    model: {
      request: list(entry?.model?.request) ?? d.model.request,
      response: list(entry?.model?.response) ?? d.model.response,
    },
    usage: { ...d.usage },
    completionText: entry?.completionText ?? d.completionText,
    promptText: entry?.promptText ?? d.promptText,
    streamUsage: entry?.streamUsage === undefined ? d.streamUsage : entry.streamUsage,
    prices: entry?.prices ?? d.prices,
  };
  if (entry?.auth) {
    // A new header keeps the default prefix only if it is the same header.
    const samePlace = entry.auth.header === d.auth.header;
    spec.auth = {
      header: entry.auth.header,
      prefix: entry.auth.prefix ?? (samePlace ? d.auth.prefix : ''),
    };
  }
  for (const field of tokenFields) {
    const override = list(entry?.usage?.[field]);
    if (override) spec.usage[field] = override;
  }
  return spec;
}

/**
 * The vendor an AI endpoint names: an `aiVendors` entry by name, else a built-in type
 * by its type name. Bundle validation guarantees one of the two exists.
 */
export function resolveVendor(name: string, entries: readonly AiVendor[]): ResolvedVendor {
  const entry = entries.find((e) => e.name === name) ?? null;
  const type = entry?.type ?? (isVendorType(name) ? name : null);
  if (type === null) throw new Error(`unknown AI vendor "${name}"`);
  const adapter: VendorAdapter = vendorRegistry[type];
  return { spec: applyOverrides(adapter, entry), handler: adapter.handler };
}
