/**
 * Canonical JSON: object keys sorted by code point, `undefined` members dropped,
 * no whitespace. Two equal documents always give the same text, so a hash of it
 * names the content (a revision id) whatever order its producer wrote keys in.
 */
import { createHash } from 'node:crypto';

function sortValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => sortValue(item ?? null));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (record[key] !== undefined) out[key] = sortValue(record[key]);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortValue(value));
}

/** `<prefix><first 16 hex digits of SHA-256(canonical JSON)>`. */
export function contentId(prefix: string, value: unknown): string {
  return `${prefix}${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16)}`;
}
