import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyManager } from '../model/bundle.js';
import {
  createKeySource,
  defaultKeySourceDeps,
  keyAllowsAlgorithm,
  publicKeysOnly,
  type KeySourceDeps,
} from './key-source.js';

let publicJwk: JWK & { kty: string };
let privateJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  publicJwk = {
    kty: 'EC',
    ...(await exportJWK(pair.publicKey)),
    kid: 'k1',
    alg: 'ES256',
    use: 'sig',
  };
  privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'k-private' };
});

type Handler = (url: string, signal: AbortSignal) => Promise<Response> | Response;

/** A fetch that serves from handlers by URL and records every call. */
function fakeFetch(routes: Record<string, Handler>) {
  const calls: string[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    const handler = routes[url];
    if (!handler) throw new TypeError('fetch failed');
    return handler(url, init?.signal ?? new AbortController().signal);
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function deps(
  fetchImpl: typeof fetch,
  now: () => number,
  extra: Partial<KeySourceDeps> = {},
): KeySourceDeps {
  return {
    ...defaultKeySourceDeps,
    fetch: fetchImpl,
    now,
    timeoutMs: 2_000,
    refreshCooldownMs: 5_000,
    maxAgeMs: 60_000,
    ...extra,
  };
}

const remote: KeyManager = {
  name: 'idp',
  type: 'oidc',
  issuer: 'https://idp',
  jwksUrl: 'https://idp/jwks',
};
const discovered: KeyManager = {
  name: 'idp',
  type: 'oidc',
  issuer: 'https://idp',
  discoveryUrl: 'https://idp/.well-known/openid-configuration',
};

describe('publicKeysOnly', () => {
  it('keeps asymmetric public keys and drops private, symmetric and malformed entries', () => {
    const kept = publicKeysOnly([
      publicJwk,
      privateJwk,
      { kty: 'oct', k: 'AAAA' },
      { kty: 'RSA', n: 'x', e: 'AQAB', d: 'y' },
      'junk',
      null,
    ]);
    expect(kept).toEqual([publicJwk]);
  });
});

describe('createKeySource', () => {
  it('serves inline keys without fetching, and has nothing to refresh', async () => {
    const { fetchImpl, calls } = fakeFetch({});
    const source = createKeySource(
      { name: 'local', type: 'resident', issuer: 'portico-local', jwks: { keys: [publicJwk] } },
      deps(fetchImpl, Date.now),
    );
    const keys = await source.current();
    expect(keys).toMatchObject({ ok: true, kids: ['k1'] });
    expect(await source.refresh()).toBeNull();
    expect(calls).toEqual([]);
  });

  it('fetches a JWKS URL once and then serves from the cache', async () => {
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': () => json({ keys: [publicJwk] }),
    });
    const source = createKeySource(remote, deps(fetchImpl, clock().now));
    expect(await source.current()).toMatchObject({ ok: true, kids: ['k1'] });
    expect(await source.current()).toMatchObject({ ok: true });
    expect(calls).toEqual(['https://idp/jwks']);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': () => json({ keys: [publicJwk] }),
    });
    const source = createKeySource(remote, deps(fetchImpl, clock().now));
    const results = await Promise.all([source.current(), source.current(), source.current()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('reads jwks_uri from the discovery document once', async () => {
    const c = clock();
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/.well-known/openid-configuration': () =>
        json({ issuer: 'https://idp', jwks_uri: 'https://idp/keys' }),
      'https://idp/keys': () => json({ keys: [publicJwk] }),
    });
    const source = createKeySource(discovered, deps(fetchImpl, c.now));
    expect((await source.current()).ok).toBe(true);
    c.advance(5_000);
    expect((await source.refresh())?.ok).toBe(true);
    expect(calls).toEqual([
      'https://idp/.well-known/openid-configuration',
      'https://idp/keys',
      'https://idp/keys',
    ]);
  });

  it('refuses a discovery document for another issuer', async () => {
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/.well-known/openid-configuration': () =>
        json({ issuer: 'https://evil', jwks_uri: 'https://evil/keys' }),
    });
    const result = await createKeySource(discovered, deps(fetchImpl, clock().now)).current();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.description).toContain('"https://evil"');
    expect(calls).toHaveLength(1);
  });

  it('refuses a discovery document without an http(s) jwks_uri', async () => {
    const { fetchImpl } = fakeFetch({
      'https://idp/.well-known/openid-configuration': () =>
        json({ issuer: 'https://idp', jwks_uri: 'file:///etc/passwd' }),
    });
    expect((await createKeySource(discovered, deps(fetchImpl, clock().now)).current()).ok).toBe(
      false,
    );
  });

  it('refetches on refresh at most once per cooldown', async () => {
    const c = clock();
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': () => json({ keys: [publicJwk] }),
    });
    const source = createKeySource(remote, deps(fetchImpl, c.now));
    await source.current();
    expect(await source.refresh()).toBeNull();
    c.advance(4_999);
    expect(await source.refresh()).toBeNull();
    c.advance(1);
    expect(await source.refresh()).toMatchObject({ ok: true });
    expect(await source.refresh()).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('answers unavailable after a failure without refetching until the cooldown passes', async () => {
    const c = clock();
    let up = false;
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': () => (up ? json({ keys: [publicJwk] }) : json({ error: 'down' }, 503)),
    });
    const source = createKeySource(remote, deps(fetchImpl, c.now));
    const first = await source.current();
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.description).toContain('HTTP 503');
    up = true;
    expect((await source.current()).ok).toBe(false);
    expect(calls).toHaveLength(1);
    c.advance(5_000);
    expect((await source.current()).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('gives up on a key manager that does not answer within the deadline', async () => {
    const { fetchImpl } = fakeFetch({
      'https://idp/jwks': (_url, signal) =>
        new Promise<Response>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    });
    const source = createKeySource(remote, deps(fetchImpl, clock().now, { timeoutMs: 50 }));
    const started = performance.now();
    const result = await source.current();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.description).toContain('did not answer within 50 ms');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses documents that are not JSON objects, lack keys, or are too large', async () => {
    const cases: Handler[] = [
      () => new Response('<html>', { status: 200 }),
      () => json([1, 2]),
      () => json({ keys: 'nope' }),
      () => new Response('x'.repeat(1024 * 1024 + 1), { status: 200 }),
    ];
    for (const handler of cases) {
      const { fetchImpl } = fakeFetch({ 'https://idp/jwks': handler });
      expect((await createKeySource(remote, deps(fetchImpl, clock().now)).current()).ok).toBe(
        false,
      );
    }
  });

  it('refetches keys older than the maximum age and keeps them if the refetch fails', async () => {
    const c = clock();
    let up = true;
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': () => (up ? json({ keys: [publicJwk] }) : json({}, 500)),
    });
    const source = createKeySource(remote, deps(fetchImpl, c.now));
    await source.current();
    c.advance(60_000);
    up = false;
    expect(await source.current()).toMatchObject({ ok: true, kids: ['k1'] });
    expect(calls).toHaveLength(2);
  });

  it('stops fetching once closed', async () => {
    const { fetchImpl, calls } = fakeFetch({
      'https://idp/jwks': (_url, signal) =>
        new Promise<Response>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    });
    const source = createKeySource(remote, deps(fetchImpl, clock().now, { timeoutMs: 60_000 }));
    const pending = source.current();
    source.close();
    expect((await pending).ok).toBe(false);
    expect((await source.current()).ok).toBe(false);
    expect(await source.refresh()).toBeNull();
    expect(calls).toHaveLength(1);
  });
});

describe('keyAllowsAlgorithm', () => {
  it('binds a labelled key to its family and, for RSA, to at least its hash', () => {
    expect(keyAllowsAlgorithm(undefined, 'RS256')).toBe(true);
    expect(keyAllowsAlgorithm('PS256', 'PS384')).toBe(true);
    expect(keyAllowsAlgorithm('PS512', 'PS256')).toBe(false);
    expect(keyAllowsAlgorithm('RS256', 'PS256')).toBe(false);
    expect(keyAllowsAlgorithm('PS256', 'RS256')).toBe(false);
    expect(keyAllowsAlgorithm('ES521', 'ES512')).toBe(true);
    expect(keyAllowsAlgorithm('ES256', 'RS256')).toBe(false);
    expect(keyAllowsAlgorithm('RS256', 'HS256')).toBe(false);
    expect(keyAllowsAlgorithm(undefined, 'none')).toBe(false);
  });
});
