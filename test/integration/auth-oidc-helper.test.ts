// The test key manager itself: a real oidc-provider issuing JWT access tokens. Checked
// with jose directly (not with the gateway code under test) so the auth tests stand on
// a helper known to behave like an IdP.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc.js';

let idp: TestOidcProvider;

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  idp = await startOidcProvider({ scopes: ['pets:read', 'pets:write'] });
});

afterAll(async () => {
  await idp?.close();
});

describe('startOidcProvider', () => {
  it('listens on 127.0.0.1 and publishes discovery with its issuer and JWKS', async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = await getJson(idp.discoveryUrl);
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.jwks_uri).toBe(idp.jwksUrl);
    expect(discovery.token_endpoint).toBe(idp.tokenUrl);
    const jwks = (await getJson(idp.jwksUrl)) as unknown as JSONWebKeySet;
    expect(jwks.keys.map((k) => k.kid)).toEqual([idp.kid]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('issues RS256 JWT access tokens for client credentials with the resource as audience', async () => {
    const token = await idp.token({
      clientId: 'client-a',
      scope: 'pets:read',
      resource: 'https://pets.example',
    });
    const jwks = (await getJson(idp.jwksUrl)) as unknown as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: idp.issuer,
      audience: 'https://pets.example',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: idp.kid, typ: 'at+jwt' });
    expect(payload).toMatchObject({ client_id: 'client-a', sub: 'client-a', scope: 'pets:read' });
    expect(typeof payload.exp).toBe('number');
  });

  it('uses the default resource as audience when none is asked for, and grants only known scopes', async () => {
    const token = await idp.token({ clientId: 'client-b', scope: 'pets:write unknown:scope' });
    const jwks = (await getJson(idp.jwksUrl)) as unknown as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      audience: idp.defaultResource,
    });
    expect(payload.scope).toBe('pets:write');
  });

  it('adds extra claims to one token only', async () => {
    const withExtra = await idp.token({
      clientId: 'client-a',
      extraClaims: { scp: ['a', 'b'], custom: 1 },
    });
    const plain = await idp.token({ clientId: 'client-a' });
    const jwks = createLocalJWKSet((await getJson(idp.jwksUrl)) as unknown as JSONWebKeySet);
    expect((await jwtVerify(withExtra, jwks)).payload).toMatchObject({
      scp: ['a', 'b'],
      custom: 1,
    });
    expect((await jwtVerify(plain, jwks)).payload).not.toHaveProperty('scp');
  });

  it('refuses unknown clients', async () => {
    await expect(idp.token({ clientId: 'nobody' })).rejects.toThrow(/unknown test client/);
  });

  it('rotates keys in place: the old kid leaves the JWKS and the new one signs', async () => {
    const before = idp.kid;
    const oldToken = await idp.token({ clientId: 'client-a' });
    await idp.rotateKeys();
    expect(idp.kid).not.toBe(before);
    const jwks = (await getJson(idp.jwksUrl)) as unknown as JSONWebKeySet;
    expect(jwks.keys.map((k) => k.kid)).toEqual([idp.kid]);
    const newToken = await idp.token({ clientId: 'client-a' });
    expect(decodeProtectedHeader(newToken).kid).toBe(idp.kid);
    await expect(jwtVerify(newToken, createLocalJWKSet(jwks))).resolves.toBeTruthy();
    await expect(jwtVerify(oldToken, createLocalJWKSet(jwks))).rejects.toThrow();
    expect((await getJson(idp.discoveryUrl)).issuer).toBe(idp.issuer);
  });

  it('counts requests by path', async () => {
    const before = idp.hits('/jwks');
    await getJson(idp.jwksUrl);
    expect(idp.hits('/jwks')).toBe(before + 1);
  });
});
