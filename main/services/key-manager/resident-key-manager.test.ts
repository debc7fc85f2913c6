import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { RESIDENT_KEY_SECRET, ResidentKeyManager, type SecretBox } from './resident-key-manager.js';

function memorySecrets(): SecretBox & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (name) => values.get(name),
    set: (name, value) => void values.set(name, value),
  };
}

const consumerKeys = {
  localConsumerKey: (applicationId: string, keyType: string) => `ck-${applicationId}-${keyType}`,
};

describe('ResidentKeyManager', () => {
  it('mints tokens that verify against the JWKS it puts in the bundle', async () => {
    const secrets = memorySecrets();
    const km = new ResidentKeyManager(secrets, consumerKeys);
    const entry = await km.bundleEntry();
    expect(entry).toMatchObject({
      name: 'local',
      type: 'resident',
      issuer: 'portico-local',
      algorithms: ['ES256'],
    });
    const jwk = entry.jwks?.keys[0] ?? {};
    expect(Object.keys(jwk)).not.toContain('d');

    const token = await km.issueToken({
      applicationId: 'app-1',
      keyType: 'SANDBOX',
      scopes: ['pets:read', 'pets:write'],
      audience: 'https://api.example.com',
      ttlSec: 120,
    });
    expect(token.consumerKey).toBe('ck-app-1-SANDBOX');
    const { payload, protectedHeader } = await jwtVerify(
      token.accessToken,
      createLocalJWKSet(entry.jwks ?? { keys: [] }),
      {
        issuer: 'portico-local',
        audience: 'https://api.example.com',
        algorithms: ['ES256'],
      },
    );
    expect(protectedHeader.kid).toBe(jwk.kid);
    expect(payload).toMatchObject({
      client_id: 'ck-app-1-SANDBOX',
      scope: 'pets:read pets:write',
      sub: 'app-1',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(120);
  });

  it('keeps one key pair per store: a second instance signs with the same key', async () => {
    const secrets = memorySecrets();
    const first = await new ResidentKeyManager(secrets, consumerKeys).bundleEntry();
    expect(secrets.values.get(RESIDENT_KEY_SECRET)).toContain('"d"');
    const again = new ResidentKeyManager(secrets, consumerKeys);
    expect(await again.bundleEntry()).toEqual(first);
    const token = await again.issueToken({ applicationId: 'a', keyType: 'PRODUCTION' });
    await expect(
      jwtVerify(token.accessToken, createLocalJWKSet(first.jwks ?? { keys: [] })),
    ).resolves.toBeTruthy();
  });

  it('signs RS256 when asked, and refuses a lifetime outside 1..86400 seconds', async () => {
    const km = new ResidentKeyManager(memorySecrets(), consumerKeys, { algorithm: 'RS256' });
    const token = await km.issueToken({ applicationId: 'a', keyType: 'PRODUCTION' });
    expect(decodeProtectedHeader(token.accessToken).alg).toBe('RS256');
    await expect(
      km.issueToken({ applicationId: 'a', keyType: 'PRODUCTION', ttlSec: 0 }),
    ).rejects.toThrow(StudioError);
    await expect(
      km.issueToken({ applicationId: 'a', keyType: 'PRODUCTION', ttlSec: 90_000 }),
    ).rejects.toThrow(/ttlSec: must be/);
  });
});
