/**
 * `parseBundle`: the one way into a `GatewayBundle`. It never throws; invalid input
 * comes back as issues, each with the field's path (`apis[0].operations[2].method`)
 * and what would be valid there.
 */
import type { z } from 'zod';
import { gatewayBundleSchema, type GatewayBundle } from './bundle.js';

/** One problem with a bundle. */
export interface BundleIssue {
  /** Dotted path with indexes, e.g. `apis[0].endpoints.production.url`; `(root)` for the document. */
  path: string;
  message: string;
}

export type ParseBundleResult =
  { ok: true; bundle: GatewayBundle } | { ok: false; issues: BundleIssue[] };

/** Renders a zod path as `apis[0].security.oauth2`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const text = String(segment);
      out += /^[A-Za-z_$][\w$-]*$/.test(text)
        ? out
          ? `.${text}`
          : text
        : `[${JSON.stringify(text)}]`;
    }
  }
  return out || '(root)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'nothing';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function messageFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${article(issue.expected)})`;
      return `must be ${article(issue.expected)}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Turns zod issues into bundle issues; one per unknown key so each path names its field. */
export function toBundleIssues(issues: readonly z.core.$ZodIssue[]): BundleIssue[] {
  const out: BundleIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatPath([...issue.path, key]), message: issue.message });
    } else if (
      issue.code === 'invalid_union' &&
      issue.errors.length > 0 &&
      issue.discriminator === undefined &&
      issue.message === 'Invalid input'
    ) {
      // A plain union: report the branch that got furthest rather than "invalid input".
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length === 0) out.push({ path: formatPath(issue.path), message: issue.message });
      else
        out.push(
          ...toBundleIssues(
            best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })),
          ),
        );
    } else {
      out.push({ path: formatPath(issue.path), message: messageFor(issue) });
    }
  }
  return out;
}

/** Validates anything (parsed JSON or YAML) as a gateway bundle. Never throws. */
export function parseBundle(input: unknown): ParseBundleResult {
  try {
    const result = gatewayBundleSchema.safeParse(input, { reportInput: true });
    if (result.success) return { ok: true, bundle: result.data };
    return { ok: false, issues: toBundleIssues(result.error.issues) };
  } catch (error) {
    // Hostile input (throwing getters, proxies) must not crash a deploy endpoint.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ path: '(root)', message: `could not be read as a bundle: ${detail}` }],
    };
  }
}
