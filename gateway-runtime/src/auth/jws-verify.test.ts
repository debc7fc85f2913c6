import { createHmac } from 'node:crypto';
import {
  CompactSign,
  SignJWT,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyManager } from '../model/bundle.js';
import { createJwsVerifier } from './jws-verify.js';

/** A public JWK as the bundle schema types it (kty required). */
type PublicJwk = JWK & { kty: string };

interface Pair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: PublicJwk;
}

async function pair(alg: string, kid: string | undefined, extra: Partial<JWK> = {}): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: PublicJwk = {
    kty: 'unset',
    ...(await exportJWK(publicKey)),
    alg,
    use: 'sig',
    ...extra,
  };
  if (kid !== undefined) jwk.kid = kid;
  return { privateKey, publicKey, jwk };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payload = new TextEncoder().encode('{"hello":"world"}');

function sign(
  p: Pair,
  alg: string,
  header: Record<string, unknown> = {},
  kid = p.jwk.kid,
): Promise<string> {
  return new CompactSign(payload)
    .setProtectedHeader({ alg, ...(kid === undefined ? {} : { kid }), ...header })
    .sign(p.privateKey);
}

function resident(keys: PublicJwk[], extra: Partial<KeyManager> = {}): KeyManager {
  return { name: 'local', type: 'resident', issuer: 'portico-local', jwks: { keys }, ...extra };
}

let rsa: Pair;
let ec: Pair;
let ed: Pair;
let pss: Pair;

beforeAll(async () => {
  [rsa, ec, ed, pss] = await Promise.all([
    pair('RS256', 'rsa-1'),
    pair('ES256', 'ec-1'),
    pair('EdDSA', 'ed-1'),
    pair('PS256', 'pss-1'),
  ]);
});

describe('createJwsVerifier', () => {
  it('verifies RS256, ES256, EdDSA and PS256 signatures with the key manager keys', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk, ec.jwk, ed.jwk, pss.jwk]));
    for (const [p, alg] of [
      [rsa, 'RS256'],
      [ec, 'ES256'],
      [ed, 'EdDSA'],
      [pss, 'PS256'],
    ] as const) {
      const result = await verifier.verify(await sign(p, alg));
      expect(result, alg).toMatchObject({ ok: true, header: { alg } });
      if (result.ok) expect(new TextDecoder().decode(result.payload)).toBe('{"hello":"world"}');
    }
  });

  it('refuses a tampered payload or signature', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk]));
    const [h, , s] = (await sign(rsa, 'RS256')).split('.') as [string, string, string];
    expect(await verifier.verify(`${h}.${b64({ hello: 'mallory' })}.${s}`)).toMatchObject({
      ok: false,
      reason: 'INVALID',
    });
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    expect(await verifier.verify(`${h}.${b64({ hello: 'world' })}.${flipped}`)).toMatchObject({
      ok: false,
      reason: 'INVALID',
    });
  });

  it('refuses alg none, with or without a signature', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk]));
    const body = Buffer.from(payload).toString('base64url');
    expect(await verifier.verify(`${b64({ alg: 'none' })}.${body}.`)).toMatchObject({
      reason: 'INVALID',
    });
    expect(
      await verifier.verify(`${b64({ alg: 'none', kid: 'rsa-1' })}.${body}.AAAA`),
    ).toMatchObject({ reason: 'INVALID' });
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk]));
    const pem = await exportSPKI(rsa.publicKey);
    const signingInput = `${b64({ alg: 'HS256', kid: 'rsa-1' })}.${Buffer.from(payload).toString('base64url')}`;
    for (const secret of [pem, pem.trim(), JSON.stringify(rsa.jwk)]) {
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
      expect(await verifier.verify(`${signingInput}.${mac}`)).toMatchObject({
        ok: false,
        reason: 'INVALID',
      });
    }
  });

  it('refuses an algorithm outside the key manager allowlist', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk, ec.jwk], { algorithms: ['ES256'] }));
    expect(await verifier.verify(await sign(rsa, 'RS256'))).toMatchObject({ reason: 'INVALID' });
    expect((await verifier.verify(await sign(ec, 'ES256'))).ok).toBe(true);
  });

  it('honours the family of a JWK alg: an RS256 key does not verify a PS256 signature', async () => {
    const verifier = createJwsVerifier(resident([rsa.jwk]));
    // The same RSA private key, imported for PSS: the signature is mathematically sound.
    const asPss = await importJWK(await exportJWK(rsa.privateKey), 'PS256');
    const token = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'PS256', kid: 'rsa-1' })
      .sign(asPss);
    expect(await verifier.verify(token)).toMatchObject({ reason: 'INVALID' });
    const unlabelled = createJwsVerifier(resident([{ ...rsa.jwk, alg: undefined }]));
    expect((await unlabelled.verify(token)).ok).toBe(true);
  });

  it('ignores a key embedded in the token header', async () => {
    const attacker = await pair('ES256', 'ec-1');
    const verifier = createJwsVerifier(resident([ec.jwk]));
    const forged = await sign(attacker, 'ES256', { jwk: attacker.jwk });
    expect(await verifier.verify(forged)).toMatchObject({ reason: 'INVALID' });
  });

  it('never verifies with a symmetric key, even one listed in the JWKS', async () => {
    const secret = Buffer.alloc(32, 7);
    const verifier = createJwsVerifier(
      resident([{ kty: 'oct', k: secret.toString('base64url'), kid: 'hmac', alg: 'HS256' }]),
    );
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'hmac' })
      .sign(secret);
    expect(await verifier.verify(token)).toMatchObject({ reason: 'INVALID' });
  });

  it('tries every key when several match a token without kid', async () => {
    const a = await pair('RS256', undefined);
    const b = await pair('RS256', undefined);
    const verifier = createJwsVerifier(resident([a.jwk, b.jwk]));
    expect((await verifier.verify(await sign(b, 'RS256', {}, undefined))).ok).toBe(true);
    const stranger = await pair('RS256', undefined);
    expect(await verifier.verify(await sign(stranger, 'RS256', {}, undefined))).toMatchObject({
      reason: 'INVALID',
    });
  });

  describe('with remote keys', () => {
    const jwksUrl = 'https://idp/jwks';
    const remote: KeyManager = { name: 'idp', type: 'oidc', issuer: 'https://idp', jwksUrl };

    function server(initial: PublicJwk[]) {
      const state = { keys: initial, calls: 0, down: false };
      const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
        state.calls += 1;
        if (state.down || String(input) !== jwksUrl) throw new TypeError('fetch failed');
        return new Response(JSON.stringify({ keys: state.keys }), { status: 200 });
      }) as typeof fetch;
      return { state, fetchImpl };
    }

    it('refetches once for an unknown kid and then verifies (rotation)', async () => {
      let t = 0;
      const { state, fetchImpl } = server([rsa.jwk]);
      const verifier = createJwsVerifier(remote, {
        fetch: fetchImpl,
        now: () => t,
        refreshCooldownMs: 5_000,
      });
      expect((await verifier.verify(await sign(rsa, 'RS256'))).ok).toBe(true);
      expect(state.calls).toBe(1);
      const next = await pair('RS256', 'rsa-2');
      state.keys = [next.jwk];
      t += 5_000;
      expect((await verifier.verify(await sign(next, 'RS256'))).ok).toBe(true);
      expect(state.calls).toBe(2);
      // The rotated-out key is gone after the refresh. RS256 signatures are deterministic, so
      // this is the very token verified first: its cached verification went with the old keys.
      expect(await verifier.verify(await sign(rsa, 'RS256'))).toMatchObject({ reason: 'INVALID' });
    });

    it('refetches at most once per cooldown for garbage kids', async () => {
      let t = 0;
      const { state, fetchImpl } = server([rsa.jwk]);
      const verifier = createJwsVerifier(remote, {
        fetch: fetchImpl,
        now: () => t,
        refreshCooldownMs: 5_000,
      });
      await verifier.verify(await sign(rsa, 'RS256'));
      t += 5_000;
      for (let i = 0; i < 20; i += 1) {
        expect(await verifier.verify(await sign(rsa, 'RS256', {}, `garbage-${i}`))).toMatchObject({
          reason: 'INVALID',
        });
      }
      expect(state.calls).toBe(2);
    });

    it('reports an unreachable key manager as KEY_MANAGER_UNAVAILABLE', async () => {
      const { state, fetchImpl } = server([rsa.jwk]);
      state.down = true;
      const verifier = createJwsVerifier(remote, { fetch: fetchImpl, now: () => 0 });
      expect(await verifier.verify(await sign(rsa, 'RS256'))).toMatchObject({
        ok: false,
        reason: 'KEY_MANAGER_UNAVAILABLE',
      });
    });

    it('reports a failed rotation refetch as KEY_MANAGER_UNAVAILABLE', async () => {
      let t = 0;
      const { state, fetchImpl } = server([rsa.jwk]);
      const verifier = createJwsVerifier(remote, { fetch: fetchImpl, now: () => t });
      await verifier.verify(await sign(rsa, 'RS256'));
      state.down = true;
      t += 60_000;
      const next = await pair('RS256', 'rsa-9');
      expect(await verifier.verify(await sign(next, 'RS256'))).toMatchObject({
        reason: 'KEY_MANAGER_UNAVAILABLE',
      });
    });

    it('fetches nothing for malformed tokens or disallowed algorithms', async () => {
      const { state, fetchImpl } = server([rsa.jwk]);
      const verifier = createJwsVerifier(remote, { fetch: fetchImpl, now: () => 0 });
      for (const token of [
        '',
        'a.b',
        'not a token',
        `${b64({ alg: 'HS256' })}.e30.AAAA`,
        `${b64({ alg: 'none' })}.e30.AAAA`,
      ]) {
        expect(await verifier.verify(token)).toMatchObject({ reason: 'INVALID' });
      }
      expect(state.calls).toBe(0);
    });
  });
});
