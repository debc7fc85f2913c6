import { CompactSign, SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyManager } from '../model/bundle.js';
import { createJwtValidator } from './jwt-validator.js';

const NOW = Date.UTC(2030, 5, 1);
const nowSec = NOW / 1000;

let key: CryptoKey;
let jwk: JWK & { kty: string };
let otherKey: CryptoKey;
let otherJwk: JWK & { kty: string };

beforeAll(async () => {
  const a = await generateKeyPair('ES256', { extractable: true });
  const b = await generateKeyPair('ES256', { extractable: true });
  key = a.privateKey;
  jwk = { kty: 'EC', ...(await exportJWK(a.publicKey)), kid: 'a', alg: 'ES256' };
  otherKey = b.privateKey;
  otherJwk = { kty: 'EC', ...(await exportJWK(b.publicKey)), kid: 'b', alg: 'ES256' };
});

function token(claims: Record<string, unknown>, signer = key, kid = 'a'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).sign(signer);
}

const local = (): KeyManager => ({
  name: 'local',
  type: 'resident',
  issuer: 'portico-local',
  jwks: { keys: [jwk] },
});
const remote: KeyManager = {
  name: 'idp',
  type: 'keycloak',
  issuer: 'https://kc/realms/x',
  jwksUrl: 'https://kc/certs',
};

function countingFetch() {
  const calls: string[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    calls.push(String(input));
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('createJwtValidator', () => {
  it('accepts a good token and reports who it was issued to', async () => {
    const validator = createJwtValidator([local()], { now: () => NOW });
    const result = await validator.validate(
      await token({
        iss: 'portico-local',
        sub: 'alice',
        client_id: 'app-client',
        scope: 'read write',
        exp: nowSec + 60,
        aud: 'https://api',
      }),
      { audiences: ['https://api'] },
    );
    expect(result).toMatchObject({
      ok: true,
      keyManager: 'local',
      subject: 'alice',
      consumerKey: 'app-client',
      scopes: ['read', 'write'],
      claims: { iss: 'portico-local', aud: 'https://api' },
    });
  });

  it('refuses tokens from an issuer no key manager has, without any fetch', async () => {
    const { calls, fetchImpl } = countingFetch();
    const validator = createJwtValidator([local(), remote], { fetch: fetchImpl, now: () => NOW });
    expect(
      await validator.validate(await token({ iss: 'https://evil', exp: nowSec + 60 }), {}),
    ).toMatchObject({ reason: 'INVALID' });
    expect(await validator.validate(await token({ exp: nowSec + 60 }), {})).toMatchObject({
      reason: 'INVALID',
    });
    expect(await validator.validate(await token({ iss: 42, exp: nowSec + 60 }), {})).toMatchObject({
      reason: 'INVALID',
    });
    expect(calls).toEqual([]);
  });

  it('refuses a payload that is not a JSON object', async () => {
    const validator = createJwtValidator([local()], { now: () => NOW });
    const notJson = await new CompactSign(new TextEncoder().encode('hello'))
      .setProtectedHeader({ alg: 'ES256', kid: 'a' })
      .sign(key);
    expect(await validator.validate(notJson, {})).toMatchObject({ reason: 'INVALID' });
  });

  it('only consults the key managers the API accepts', async () => {
    const { calls, fetchImpl } = countingFetch();
    const validator = createJwtValidator([local(), remote], { fetch: fetchImpl, now: () => NOW });
    const fromRemote = await token({ iss: 'https://kc/realms/x', exp: nowSec + 60 });
    expect(await validator.validate(fromRemote, { keyManagers: ['local'] })).toMatchObject({
      reason: 'INVALID',
    });
    expect(calls).toEqual([]);
    expect(await validator.validate(fromRemote, { keyManagers: ['*'] })).toMatchObject({
      reason: 'KEY_MANAGER_UNAVAILABLE',
    });
    expect(calls).toEqual(['https://kc/certs']);
    const fromLocal = await token({ iss: 'portico-local', exp: nowSec + 60 });
    expect((await validator.validate(fromLocal, { keyManagers: ['local'] })).ok).toBe(true);
  });

  it('tries each key manager that shares the issuer', async () => {
    const first: KeyManager = {
      name: 'first',
      type: 'oidc',
      issuer: 'https://shared',
      jwks: { keys: [otherJwk] },
    };
    const second: KeyManager = {
      name: 'second',
      type: 'okta',
      issuer: 'https://shared',
      jwks: { keys: [jwk] },
    };
    const validator = createJwtValidator([first, second], { now: () => NOW });
    const result = await validator.validate(
      await token({ iss: 'https://shared', cid: 'okta-app', exp: nowSec + 60 }),
      {},
    );
    expect(result).toMatchObject({ ok: true, keyManager: 'second', consumerKey: 'okta-app' });
    const forged = await token({ iss: 'https://shared', exp: nowSec + 60 }, otherKey, 'a');
    expect(await validator.validate(forged, {})).toMatchObject({ reason: 'INVALID' });
  });

  it('uses the injected clock for lifetimes', async () => {
    const validator = createJwtValidator([local()], { now: () => NOW + 3_600_000 });
    expect(
      await validator.validate(await token({ iss: 'portico-local', exp: nowSec + 60 }), {}),
    ).toMatchObject({ reason: 'EXPIRED' });
  });

  it('checks the signature before the claims: a forged expired token is INVALID, not EXPIRED', async () => {
    const validator = createJwtValidator([local()], { now: () => NOW });
    const forged = await token({ iss: 'portico-local', exp: nowSec - 3600 }, otherKey, 'a');
    expect(await validator.validate(forged, {})).toMatchObject({ reason: 'INVALID' });
  });

  it('can be closed', async () => {
    const validator = createJwtValidator([local(), remote]);
    validator.close();
    expect(
      await validator.validate(await token({ iss: 'https://kc/realms/x', exp: nowSec + 60 }), {}),
    ).toMatchObject({
      reason: 'KEY_MANAGER_UNAVAILABLE',
    });
  });
});
