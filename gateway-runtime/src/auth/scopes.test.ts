import { describe, expect, it } from 'vitest';
import { hasScopes, parseScopes } from './scopes.js';

describe('hasScopes', () => {
  it('is true when nothing is required', () => {
    expect(hasScopes([], [])).toBe(true);
    expect(hasScopes([], ['a'])).toBe(true);
  });

  it('needs every required scope', () => {
    expect(hasScopes(['a'], ['a', 'b'])).toBe(true);
    expect(hasScopes(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(hasScopes(['a', 'c'], ['a', 'b'])).toBe(false);
    expect(hasScopes(['a'], [])).toBe(false);
  });

  it('compares exactly: no prefixes, no case folding', () => {
    expect(hasScopes(['pets:read'], ['pets'])).toBe(false);
    expect(hasScopes(['pets'], ['pets:read'])).toBe(false);
    expect(hasScopes(['Admin'], ['admin'])).toBe(false);
  });
});

describe('parseScopes', () => {
  it('splits a space-separated string', () => {
    expect(parseScopes('pets:read  pets:write admin')).toEqual([
      'pets:read',
      'pets:write',
      'admin',
    ]);
    expect(parseScopes('')).toEqual([]);
  });

  it('takes an array of strings (Okta scp)', () => {
    expect(parseScopes(['pets:read', 'admin'])).toEqual(['pets:read', 'admin']);
  });

  it('grants nothing for other shapes', () => {
    expect(parseScopes(42)).toBeNull();
    expect(parseScopes(['a', 1])).toBeNull();
    expect(parseScopes({ scope: 'a' })).toBeNull();
    expect(parseScopes(null)).toBeNull();
  });
});
