// OAuth2 JWT validation against a real external key manager (oidc-provider on
// 127.0.0.1): discovery, JWKS caching and rotation, audience, lifetime, algorithm
// confusion, malformed tokens, and an unreachable key manager.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHmac } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCredentialIndex,
  createJwtValidator,
  hasScopes,
  type JwtResult,
  type JwtValidator,
  type JwtValidatorDeps,
} from '../../gateway-runtime/src/auth/index.js';
import type { KeyManager } from '../../gateway-runtime/src/model/bundle.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc.js';

const API = 'https://api.portico.test/pets';
let idp: TestOidcProvider;
const validators: JwtValidator[] = [];

beforeAll(async () => {
  idp = await startOidcProvider({
    scopes: ['pets:read', 'pets:write', 'admin'],
    defaultResource: API,
  });
});

afterAll(async () => {
  for (const validator of validators) validator.close();
  await idp?.close();
});

function keyManager(extra: Partial<KeyManager> = {}): KeyManager {
  return {
    name: 'idp',
    type: 'oidc',
    issuer: idp.issuer,
    discoveryUrl: idp.discoveryUrl,
    ...extra,
  };
}

/** A fetch that delegates to the real one and records every URL. */
function countingFetch(): { calls: string[]; fetch: typeof fetch } {
  const calls: string[] = [];
  return {
    calls,
    fetch: (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    },
  };
}

function validator(kms: KeyManager[], deps: JwtValidatorDeps = {}): JwtValidator {
  const created = createJwtValidator(kms, deps);
  validators.push(created);
  return created;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function expectFailure(result: JwtResult, reason: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.reason).toBe(reason);
    expect(result.description.length).toBeGreaterThan(0);
  }
}

describe('JWT access tokens from an external key manager', () => {
  it('accepts a valid token and maps its consumer key to an application and key type', async () => {
    const check = validator([keyManager()]);
    const token = await idp.token({ clientId: 'client-a', scope: 'pets:read admin' });
    const result = await check.validate(token, { audiences: [API] });
    expect(result).toMatchObject({
      ok: true,
      keyManager: 'idp',
      consumerKey: 'client-a',
      subject: 'client-a',
    });
    if (!result.ok) return;
    expect(result.scopes.sort()).toEqual(['admin', 'pets:read']);
    expect(hasScopes(['pets:read'], result.scopes)).toBe(true);
    expect(hasScopes(['pets:write'], result.scopes)).toBe(false);

    const index = createCredentialIndex([
      {
        id: 'mobile',
        name: 'Mobile',
        keys: [
          { keyType: 'SANDBOX', apiKeyHashes: [], consumerKey: 'client-a', keyManager: 'idp' },
        ],
      },
    ]);
    expect(index.byConsumerKey(result.keyManager, result.consumerKey ?? '')).toEqual({
      applicationId: 'mobile',
      keyType: 'SANDBOX',
    });
  });

  it('works from a JWKS URL as well as from discovery', async () => {
    const check = validator([keyManager({ discoveryUrl: undefined, jwksUrl: idp.jwksUrl })]);
    expect((await check.validate(await idp.token({ clientId: 'client-b' }), {})).ok).toBe(true);
  });

  it('refuses a token for another audience with AUDIENCE', async () => {
    const check = validator([keyManager()]);
    const token = await idp.token({ clientId: 'client-a', resource: 'https://other.example' });
    expectFailure(await check.validate(token, { audiences: [API] }), 'AUDIENCE');
    // The same token is fine for an API that names its audience.
    expect((await check.validate(token, { audiences: [API, 'https://other.example'] })).ok).toBe(
      true,
    );
  });

  it('applies the key manager audiences too', async () => {
    const check = validator([keyManager({ audiences: ['https://gateway.example'] })]);
    expectFailure(await check.validate(await idp.token({ clientId: 'client-a' }), {}), 'AUDIENCE');
    const token = await idp.token({ clientId: 'client-a', resource: 'https://gateway.example' });
    expect((await check.validate(token, {})).ok).toBe(true);
  });

  it('refuses an expired token with EXPIRED, honouring the clock skew', async () => {
    const token = await idp.token({ clientId: 'client-a' });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp: number;
    };
    const at = (seconds: number) =>
      validator([keyManager({ clockSkewSec: 30 })], { now: () => seconds * 1000 });
    expect((await at(exp + 29).validate(token, {})).ok).toBe(true);
    expectFailure(await at(exp + 30).validate(token, {}), 'EXPIRED');
    expectFailure(await at(exp + 3600).validate(token, {}), 'EXPIRED');
  });

  it('refuses a token whose nbf is beyond the skew with EXPIRED and accepts one within it', async () => {
    const check = validator([keyManager({ clockSkewSec: 60 })]);
    const now = Math.floor(Date.now() / 1000);
    const later = await idp.token({ clientId: 'client-a', extraClaims: { nbf: now + 3600 } });
    expectFailure(await check.validate(later, {}), 'EXPIRED');
    const soon = await idp.token({ clientId: 'client-a', extraClaims: { nbf: now + 30 } });
    expect((await check.validate(soon, {})).ok).toBe(true);
  });

  it('refuses a token from an unknown issuer with INVALID, without fetching anything', async () => {
    const { calls, fetch } = countingFetch();
    const check = validator([keyManager()], { fetch });
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ client_id: 'client-a', aud: API })
      .setProtectedHeader({ alg: 'RS256', kid: idp.kid })
      .setIssuer('https://unknown.example')
      .setExpirationTime('5m')
      .sign(privateKey);
    expectFailure(await check.validate(foreign, { audiences: [API] }), 'INVALID');
    expect(calls).toEqual([]);
  });

  it('refuses a token signed by a stranger under the right issuer and kid', async () => {
    const check = validator([keyManager()]);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ client_id: 'client-a' })
      .setProtectedHeader({ alg: 'RS256', kid: idp.kid })
      .setIssuer(idp.issuer)
      .setExpirationTime('5m')
      .sign(privateKey);
    expectFailure(await check.validate(forged, {}), 'INVALID');
  });

  it('refuses alg none', async () => {
    const check = validator([keyManager()]);
    const [, payload, signature] = (await idp.token({ clientId: 'client-a' })).split('.');
    for (const header of [
      { alg: 'none' },
      { alg: 'none', kid: idp.kid },
      { alg: 'None', typ: 'JWT' },
    ]) {
      expectFailure(await check.validate(`${b64(header)}.${payload}.`, {}), 'INVALID');
      expectFailure(await check.validate(`${b64(header)}.${payload}.${signature}`, {}), 'INVALID');
    }
  });

  it('refuses HS256 signed with the key manager public key as the HMAC secret', async () => {
    const check = validator([keyManager()]);
    const jwks = (await (
      await fetch(idp.jwksUrl, { signal: AbortSignal.timeout(10_000) })
    ).json()) as { keys: JWK[] };
    const publicJwk = jwks.keys[0];
    if (!publicJwk) throw new Error('the test IdP published no key');
    const publicKey = await importJWK(publicJwk, 'RS256');
    if (publicKey instanceof Uint8Array) throw new Error('expected an RSA public key');
    const pem = await exportSPKI(publicKey);
    const claims = {
      iss: idp.issuer,
      client_id: 'client-a',
      aud: API,
      exp: Math.floor(Date.now() / 1000) + 300,
    };
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: idp.kid })}.${b64(claims)}`;
    for (const secret of [pem, pem.trim(), JSON.stringify(publicJwk), publicJwk.n ?? '']) {
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
      expectFailure(
        await check.validate(`${signingInput}.${mac}`, { audiences: [API] }),
        'INVALID',
      );
    }
  });

  it('refuses malformed tokens with INVALID before any network call', async () => {
    const { calls, fetch } = countingFetch();
    const check = validator([keyManager()], { fetch });
    const [header, payload, signature] = (await idp.token({ clientId: 'client-a' })).split('.') as [
      string,
      string,
      string,
    ];
    const malformed = [
      '',
      'garbage',
      `${header}.${payload}`,
      `${header}.${payload}.${signature}.${signature}`,
      `${header}.${payload}=.${signature}`,
      `${header}.${payload} .${signature}`,
      `${header}.${payload}.${signature.replace(/[-_]/g, '+')}+/`,
      `${header}.${payload.slice(0, -1)}!.${signature}`,
      `${b64([1, 2])}.${payload}.${signature}`,
      `${b64({ alg: 'RS256' })}.${b64('not an object')}.${signature}`,
      '\u0000.\u0000.\u0000',
    ];
    for (const token of malformed) expectFailure(await check.validate(token, {}), 'INVALID');
    expect(calls).toEqual([]);
  });

  it('follows a key rotation with one JWKS refresh and fetches discovery once', async () => {
    let now = Date.now();
    const { calls, fetch } = countingFetch();
    const check = validator([keyManager()], { fetch, now: () => now, refreshCooldownMs: 5_000 });
    const before = await idp.token({ clientId: 'client-a' });
    expect((await check.validate(before, {})).ok).toBe(true);
    expect(calls).toEqual([idp.discoveryUrl, idp.jwksUrl]);

    await idp.rotateKeys();
    const after = await idp.token({ clientId: 'client-a' });
    now += 5_000;
    expect((await check.validate(after, {})).ok).toBe(true);
    expect(calls).toEqual([idp.discoveryUrl, idp.jwksUrl, idp.jwksUrl]);

    // The rotated-out key is gone, and the cooldown keeps a flood of them from refetching.
    for (let i = 0; i < 5; i += 1) expectFailure(await check.validate(before, {}), 'INVALID');
    expect((await check.validate(after, {})).ok).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('answers KEY_MANAGER_UNAVAILABLE when the JWKS port is closed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const check = validator(
      [keyManager({ discoveryUrl: undefined, jwksUrl: `http://127.0.0.1:${port}/jwks` })],
      { timeoutMs: 2_000 },
    );
    expectFailure(
      await check.validate(await idp.token({ clientId: 'client-a' }), {}),
      'KEY_MANAGER_UNAVAILABLE',
    );
  });

  describe('a key manager that accepts connections and never answers', () => {
    let blackHole: Server;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      blackHole = createServer(() => {});
      blackHole.on('connection', (socket) => sockets.add(socket));
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    });

    it('answers KEY_MANAGER_UNAVAILABLE within the timeout instead of hanging', async () => {
      const { port } = blackHole.address() as AddressInfo;
      const check = validator(
        [keyManager({ discoveryUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration` })],
        { timeoutMs: 300 },
      );
      const started = performance.now();
      const result = await check.validate(await idp.token({ clientId: 'client-a' }), {});
      expectFailure(result, 'KEY_MANAGER_UNAVAILABLE');
      if (!result.ok) expect(result.description).toContain('300 ms');
      // Generous bound: the point is that it returns at all.
      expect(performance.now() - started).toBeLessThan(15_000);
    });
  });

  describe('scopes', () => {
    it('reads a space-separated scope string', async () => {
      const check = validator([keyManager()]);
      const result = await check.validate(
        await idp.token({ clientId: 'client-b', scope: 'pets:write pets:read' }),
        {},
      );
      expect(result.ok && result.scopes.sort()).toEqual(['pets:read', 'pets:write']);
    });

    it('reads an array of scopes (Okta scp)', async () => {
      const okta = validator([keyManager({ type: 'okta', consumerKeyClaim: 'client_id' })]);
      const token = await idp.token({
        clientId: 'client-b',
        extraClaims: { scp: ['pets:read', 'admin'] },
      });
      const result = await okta.validate(token, {});
      expect(result).toMatchObject({
        ok: true,
        consumerKey: 'client-b',
        scopes: ['pets:read', 'admin'],
      });
    });

    it('follows a configured scopes claim', async () => {
      const custom = validator([keyManager({ scopesClaim: 'permissions' })]);
      const token = await idp.token({
        clientId: 'client-a',
        scope: 'admin',
        extraClaims: { permissions: ['pets:read'] },
      });
      expect(await custom.validate(token, {})).toMatchObject({ ok: true, scopes: ['pets:read'] });
    });
  });
});
