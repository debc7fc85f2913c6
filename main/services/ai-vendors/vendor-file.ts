/**
 * An AI vendor as a workspace file, `ai-vendors/<name>.yaml`: exactly a bundle's
 * `aiVendors[]` entry (gateway-runtime's `aiVendorSchema`, so the studio and the
 * gateway can never disagree on what a vendor may say), written with its keys in a
 * fixed order and its price table sorted by model, so the file diffs cleanly in git.
 * A file that names a built-in type (`openai`, ...) overrides that type's defaults:
 * that is also how a price table is set for a built-in vendor.
 */
import { parseDocument, stringify } from 'yaml';
import {
  aiVendorSchema,
  type AiModelPrice,
  type AiVendor,
  type ValueLocation,
} from '../../../gateway-runtime/src/index.js';
import { byCodePoint } from '../sort.js';
import { formatZodIssues } from '../zod-issues.js';

export const AI_VENDORS_DIR = 'ai-vendors';

/** Vendor names become file names: letters, digits, `.`, `_` and `-`. */
export const vendorNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const vendorNameRule =
  'must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. acme-llm)';

export type VendorParseResult = { ok: true; vendor: AiVendor } | { ok: false; message: string };

/** Validates a vendor from any caller (IPC, a file); the message names each field path. */
export function validateVendor(input: unknown): VendorParseResult {
  const parsed = aiVendorSchema.safeParse(input, { reportInput: true });
  const issues = parsed.success ? [] : formatZodIssues(parsed.error.issues).split('; ');
  const name = (input as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && !vendorNamePattern.test(name))
    issues.unshift(`name: ${vendorNameRule}`);
  if (issues.length > 0 || !parsed.success) return { ok: false, message: issues.join('; ') };
  return { ok: true, vendor: parsed.data };
}

/** Reads a vendor file's text. */
export function parseVendorFile(text: string): VendorParseResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' };
  return validateVendor(doc.toJS({ maxAliasCount: 100 }));
}

/** Drops undefined values, keeping the order the object literal gives. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function location(l: ValueLocation): Partial<ValueLocation> {
  return compact({ from: l.from, path: l.path, add: l.add });
}

function locations(
  value: ValueLocation | ValueLocation[] | undefined,
): Partial<ValueLocation> | Partial<ValueLocation>[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.map(location) : location(value);
}

/** Prices sorted by model name: order carries no meaning (an exact entry wins over a prefix). */
export function sortPrices(prices: readonly AiModelPrice[]): AiModelPrice[] {
  return [...prices].sort((a, b) => byCodePoint(a.model, b.model));
}

/** The vendor in its fixed key order, ready for YAML (and for the bundle, so revisions stay stable). */
export function orderedVendor(v: AiVendor): AiVendor {
  const headers = v.headers
    ? Object.fromEntries(
        Object.keys(v.headers)
          .sort()
          .map((k) => [k, v.headers?.[k] ?? '']),
      )
    : undefined;
  const ordered = compact({
    name: v.name,
    type: v.type,
    auth: v.auth ? compact({ header: v.auth.header, prefix: v.auth.prefix }) : undefined,
    headers,
    model: v.model
      ? compact({ request: locations(v.model.request), response: locations(v.model.response) })
      : undefined,
    usage: v.usage
      ? compact({
          promptTokens: locations(v.usage.promptTokens),
          completionTokens: locations(v.usage.completionTokens),
          totalTokens: locations(v.usage.totalTokens),
          cachedTokens: locations(v.usage.cachedTokens),
          reasoningTokens: locations(v.usage.reasoningTokens),
        })
      : undefined,
    completionText: v.completionText,
    promptText: v.promptText,
    streamUsage: v.streamUsage
      ? { field: v.streamUsage.field, paths: v.streamUsage.paths }
      : v.streamUsage,
    prices: v.prices
      ? sortPrices(v.prices).map((p) =>
          compact({ model: p.model, input: p.input, cachedInput: p.cachedInput, output: p.output }),
        )
      : undefined,
  });
  return ordered as AiVendor;
}

export function serializeVendor(v: AiVendor): string {
  return stringify(orderedVendor(v), { lineWidth: 0 });
}
