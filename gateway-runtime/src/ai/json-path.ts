/**
 * Dotted JSON paths as vendors declare them: `usage.prompt_tokens`,
 * `choices.*.delta.content` (`*`: every item of an array), `content.0.text`.
 */
import type { ValueLocation } from './types.js';

const compiled = new Map<string, string[]>();

function segments(path: string): string[] {
  let parts = compiled.get(path);
  if (!parts) {
    parts = path.split('.');
    // Paths come from a few vendor specs; the cache stays small.
    if (compiled.size < 10_000) compiled.set(path, parts);
  }
  return parts;
}

/** Every value the path reaches (one at most unless it holds `*`). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        if (segment === '*') next.push(...value);
        else if (/^\d+$/.test(segment) && Number(segment) < value.length)
          next.push(value[Number(segment)]);
      } else if (segment !== '*' && Object.hasOwn(value, segment)) {
        next.push((value as Record<string, unknown>)[segment]);
      }
    }
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

function numberAt(root: unknown, path: string): number | null {
  const [value] = valuesAt(root, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The number a body location gives in `root`: its path's number plus each `add`
 * path's (absent ones count 0); null when the path itself holds no number, so a
 * `usage: null` or an event without usage leaves the figure as it was.
 */
export function numberFrom(root: unknown, location: ValueLocation): number | null {
  if (location.from !== 'body') return null;
  const base = numberAt(root, location.path);
  if (base === null) return null;
  let sum = base;
  for (const extra of location.add ?? []) sum += numberAt(root, extra) ?? 0;
  return sum;
}

/** The first non-empty string a body location gives in `root`. */
export function stringFrom(root: unknown, location: ValueLocation): string | null {
  if (location.from !== 'body') return null;
  for (const value of valuesAt(root, location.path))
    if (typeof value === 'string' && value !== '') return value;
  return null;
}

/** Every string the paths reach, in order; `out` collects them. */
export function collectStrings(root: unknown, paths: readonly string[], out: string[]): void {
  for (const path of paths) {
    for (const value of valuesAt(root, path))
      if (typeof value === 'string' && value !== '') out.push(value);
  }
}
