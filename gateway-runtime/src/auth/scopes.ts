/**
 * Scopes: what a token grants and whether it covers what an operation requires.
 */

/** True when every required scope is granted; an operation that requires none is always covered. */
export function hasScopes(required: readonly string[], granted: readonly string[]): boolean {
  if (required.length === 0) return true;
  const have = new Set(granted);
  return required.every((scope) => have.has(scope));
}

/**
 * The scopes in a claim value: a space-separated string (RFC 8693 / RFC 9068 `scope`) or
 * an array of strings (Okta's `scp`, some IdPs' `scope`). Anything else grants nothing.
 */
export function parseScopes(value: unknown): string[] | null {
  if (typeof value === 'string') return value.split(' ').filter((scope) => scope.length > 0);
  if (Array.isArray(value) && value.every((scope): scope is string => typeof scope === 'string')) {
    return value.filter((scope) => scope.length > 0);
  }
  return null;
}
