import { describe, expect, it } from 'vitest';
import { audiencesOf, checkClaims } from './claims.js';
import { resolveKeyManager } from './key-manager-types.js';

const NOW_MS = Date.UTC(2030, 0, 1);
const now = NOW_MS / 1000;
const is7 = resolveKeyManager({
  name: 'is7',
  type: 'wso2is7',
  issuer: 'https://is/oauth2/token',
  jwksUrl: 'https://is/jwks',
});
const okta = resolveKeyManager({
  name: 'okta',
  type: 'okta',
  issuer: 'https://okta/oauth2/default',
  jwksUrl: 'https://okta/keys',
});

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: 'https://is/oauth2/token', sub: 'alice', exp: now + 300, iat: now, ...extra };
}

describe('checkClaims', () => {
  it('returns subject, consumer key and scopes of a good token', () => {
    const result = checkClaims(
      claims({ azp: 'client-1', client_id: 'other', scope: 'a b' }),
      is7,
      undefined,
      NOW_MS,
    );
    expect(result).toMatchObject({
      ok: true,
      keyManager: 'is7',
      subject: 'alice',
      consumerKey: 'client-1',
      scopes: ['a', 'b'],
    });
  });

  it('falls back along the type claim list for the consumer key', () => {
    expect(checkClaims(claims({ client_id: 'c2' }), is7, undefined, NOW_MS)).toMatchObject({
      consumerKey: 'c2',
    });
    expect(checkClaims(claims({ azp: '', client_id: 'c3' }), is7, undefined, NOW_MS)).toMatchObject(
      { consumerKey: 'c3' },
    );
    expect(checkClaims(claims(), is7, undefined, NOW_MS)).toMatchObject({
      ok: true,
      consumerKey: null,
      scopes: [],
    });
  });

  it('reads Okta cid and scp arrays, and scope strings when scp is absent', () => {
    const base = { iss: 'https://okta/oauth2/default', exp: now + 60, cid: 'okta-client' };
    expect(checkClaims({ ...base, scp: ['x', 'y'] }, okta, undefined, NOW_MS)).toMatchObject({
      consumerKey: 'okta-client',
      scopes: ['x', 'y'],
    });
    expect(checkClaims({ ...base, scope: 'x z' }, okta, undefined, NOW_MS)).toMatchObject({
      scopes: ['x', 'z'],
    });
  });

  it('takes scopes as an array in the scope claim too', () => {
    expect(checkClaims(claims({ scope: ['read', 'write'] }), is7, undefined, NOW_MS)).toMatchObject(
      { scopes: ['read', 'write'] },
    );
  });

  it('refuses another issuer', () => {
    expect(checkClaims(claims({ iss: 'https://evil' }), is7, undefined, NOW_MS)).toMatchObject({
      ok: false,
      reason: 'INVALID',
    });
  });

  it('requires a numeric exp and well-typed nbf and iat', () => {
    expect(checkClaims(claims({ exp: undefined }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'INVALID',
    });
    expect(checkClaims(claims({ exp: String(now + 60) }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'INVALID',
    });
    expect(checkClaims(claims({ nbf: 'soon' }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'INVALID',
    });
    expect(checkClaims(claims({ iat: null }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'INVALID',
    });
  });

  it('applies the clock skew to exp', () => {
    expect(checkClaims(claims({ exp: now - 59 }), is7, undefined, NOW_MS).ok).toBe(true);
    expect(checkClaims(claims({ exp: now - 60 }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'EXPIRED',
    });
    const strict = { ...is7, clockSkewSec: 0 };
    expect(checkClaims(claims({ exp: now }), strict, undefined, NOW_MS)).toMatchObject({
      reason: 'EXPIRED',
    });
    expect(checkClaims(claims({ exp: now + 1 }), strict, undefined, NOW_MS).ok).toBe(true);
  });

  it('applies the clock skew to nbf, and reports a future nbf as EXPIRED', () => {
    expect(checkClaims(claims({ nbf: now + 60 }), is7, undefined, NOW_MS).ok).toBe(true);
    expect(checkClaims(claims({ nbf: now + 61 }), is7, undefined, NOW_MS)).toMatchObject({
      reason: 'EXPIRED',
    });
  });

  describe('audience', () => {
    it('is not checked when neither the API nor the key manager names audiences', () => {
      expect(checkClaims(claims({ aud: 'anything' }), is7, undefined, NOW_MS).ok).toBe(true);
      expect(checkClaims(claims(), is7, [], NOW_MS).ok).toBe(true);
    });

    it('must intersect the API audiences (string or array aud)', () => {
      expect(checkClaims(claims({ aud: 'https://api' }), is7, ['https://api'], NOW_MS).ok).toBe(
        true,
      );
      expect(
        checkClaims(claims({ aud: ['x', 'https://api'] }), is7, ['https://api', 'y'], NOW_MS).ok,
      ).toBe(true);
      expect(
        checkClaims(claims({ aud: 'https://other' }), is7, ['https://api'], NOW_MS),
      ).toMatchObject({ reason: 'AUDIENCE' });
      expect(checkClaims(claims(), is7, ['https://api'], NOW_MS)).toMatchObject({
        reason: 'AUDIENCE',
      });
      expect(checkClaims(claims({ aud: [1, 2] }), is7, ['1'], NOW_MS)).toMatchObject({
        reason: 'AUDIENCE',
      });
    });

    it('adds the key manager audiences to the API ones', () => {
      const withAud = { ...is7, audiences: ['https://gateway'] };
      expect(
        checkClaims(claims({ aud: 'https://gateway' }), withAud, ['https://api'], NOW_MS).ok,
      ).toBe(true);
      expect(checkClaims(claims({ aud: 'https://api' }), withAud, ['https://api'], NOW_MS).ok).toBe(
        true,
      );
      expect(checkClaims(claims({ aud: 'https://gateway' }), withAud, undefined, NOW_MS).ok).toBe(
        true,
      );
      expect(
        checkClaims(claims({ aud: 'https://other' }), withAud, undefined, NOW_MS),
      ).toMatchObject({ reason: 'AUDIENCE' });
    });

    it('is checked after the lifetime: an expired token with a wrong audience is EXPIRED', () => {
      expect(checkClaims(claims({ exp: now - 3600, aud: 'x' }), is7, ['y'], NOW_MS)).toMatchObject({
        reason: 'EXPIRED',
      });
    });
  });
});

describe('audiencesOf', () => {
  it('reads string and array forms and ignores other shapes', () => {
    expect(audiencesOf({ aud: 'a' })).toEqual(['a']);
    expect(audiencesOf({ aud: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(audiencesOf({ aud: { a: 1 } })).toEqual([]);
    expect(audiencesOf({})).toEqual([]);
  });
});
