/**
 * zod issues as one line a person can act on: each names the field path
 * (`data.operations[2].verb`) and what would be valid there.
 */
import type { z } from 'zod';

export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out || '(root)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
}

function message(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${issue.expected})`;
      return `must be ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** True for a union branch that failed only because the value is of another type altogether. */
function wrongTypeOnly(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
}

/**
 * A union's failure reported from inside the one branch the value was meant for (a
 * mapping given where "a string or a mapping" is allowed is checked as the mapping),
 * so the message names the deepest field instead of "Invalid input" at the union.
 */
function flatten(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[],
): { path: PropertyKey[]; issue: z.core.$ZodIssue }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const meant = issue.errors.filter((branch) => !wrongTypeOnly(branch));
    if (meant.length === 1) return (meant[0] ?? []).flatMap((inner) => flatten(inner, path));
  }
  return [{ path, issue }];
}

/** `data.context: must start with "/"; data.name: is required (string)`. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap((issue) => flatten(issue, []))
    .map(({ path, issue }) => `${issuePath(path)}: ${message(issue)}`)
    .join('; ');
}
