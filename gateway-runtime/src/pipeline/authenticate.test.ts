import { afterAll, describe, expect, it } from 'vitest';
import { parsed, testApi, testBundle } from '../../test-support/bundles.js';
import { fakeContext, type FakeRequest } from '../../test-support/context.js';
import type { JwtResult } from '../auth/types.js';
import { GatewayError } from '../errors.js';
import type { ApiSpecInput } from '../model/bundle.js';
import { compileDeployment } from '../runtime/deployment.js';
import { authenticate, type AuthServices } from './authenticate.js';
import { route } from './route.js';

const cert = Buffer.from('client-cert-der');
const services: AuthServices = {
  byApiKey: (raw) =>
    raw === 'good'
      ? { applicationId: 'app-1', keyType: 'PRODUCTION' }
      : raw === 'sand'
        ? { applicationId: 'app-1', keyType: 'SANDBOX' }
        : null,
  byConsumerKey: (km, ck) =>
    km === 'idp' && ck === 'client-1' ? { applicationId: 'app-2', keyType: 'SANDBOX' } : null,
  validateJwt: (token): Promise<JwtResult> => {
    const verified = (consumerKey: string | null, keyManager = 'idp'): JwtResult => ({
      ok: true,
      keyManager,
      claims: { sub: 'alice' },
      subject: 'alice',
      consumerKey,
      scopes: ['read'],
    });
    const table: Record<string, JwtResult> = {
      valid: verified('client-1'),
      stranger: verified('client-unknown'),
      other: verified('client-1', 'other-idp'),
      expired: { ok: false, reason: 'EXPIRED', description: 'expired' },
      audience: { ok: false, reason: 'AUDIENCE', description: 'wrong aud' },
      down: { ok: false, reason: 'KEY_MANAGER_UNAVAILABLE', description: 'down' },
    };
    return Promise.resolve(
      table[token] ?? { ok: false, reason: 'INVALID', description: 'bad signature' },
    );
  },
  matchClientCertificate: (_certs, der) =>
    der.equals(cert) ? { alias: 'partner', keyType: 'SANDBOX', plan: 'Gold' } : null,
  hasScopes: (required, granted) => required.every((s) => granted.includes(s)),
};

const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
const apis: ApiSpecInput[] = [
  testApi('http://127.0.0.1:1', {
    operations: [
      { method: 'GET', target: '/items' },
      { method: 'POST', target: '/items', scopes: ['write'] },
      { method: 'GET', target: '/open', auth: 'none' },
    ],
    security: { apiKey: { header: 'X-Key' }, oauth2: { keyManagers: ['idp'] } },
  }),
  testApi('http://127.0.0.1:1', {
    id: 'mtls',
    context: '/mtls',
    operations: [],
    security: {
      mtls: {
        mandatory: true,
        certificates: [{ alias: 'partner', keyType: 'SANDBOX', pem, plan: 'Gold' }],
      },
    },
  }),
  testApi('http://127.0.0.1:1', {
    id: 'keys-only',
    context: '/keys',
    operations: [],
    security: { apiKey: { header: 'apikey' } },
  }),
];
const deployment = compileDeployment(
  parsed(
    testBundle(apis, {
      keyManagers: [
        { name: 'idp', type: 'oidc', issuer: 'https://idp', jwksUrl: 'https://idp/jwks' },
        { name: 'other-idp', type: 'oidc', issuer: 'https://other', jwksUrl: 'https://other/jwks' },
      ],
    }),
  ),
);
afterAll(() => deployment.resources.retire());

async function run(req: FakeRequest) {
  const ctx = fakeContext(req);
  route(ctx, deployment.routes);
  await authenticate(ctx, services, { clientCaConfigured: false });
  return ctx;
}

async function failure(req: FakeRequest): Promise<GatewayError> {
  try {
    await run(req);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('authenticated');
}

describe('authenticate', () => {
  it('accepts an API key in the API’s header and records application and key type', async () => {
    const ctx = await run({ url: '/svc/v1/items', headers: { 'x-key': 'sand' } });
    expect(ctx.credential).toEqual({ kind: 'apiKey', applicationId: 'app-1', keyType: 'SANDBOX' });
    expect(ctx.keyType).toBe('SANDBOX');
  });

  it('answers 401 with a Bearer challenge without credentials, and for a bad API key', async () => {
    const missing = await failure({ url: '/svc/v1/items' });
    expect(missing.code).toBe('MISSING_CREDENTIALS');
    expect(missing.headers?.['www-authenticate']).toBe('Bearer realm="portico"');
    const bad = await failure({ url: '/svc/v1/items', headers: { 'x-key': 'nope' } });
    expect(bad.code).toBe('INVALID_CREDENTIALS');
    expect(bad.status).toBe(401);
  });

  it('maps a verified JWT to its application through the consumer key', async () => {
    const ctx = await run({ url: '/svc/v1/items', headers: { authorization: 'Bearer valid' } });
    expect(ctx.credential).toMatchObject({
      kind: 'jwt',
      applicationId: 'app-2',
      keyType: 'SANDBOX',
      subject: 'alice',
    });
    expect(ctx.subject).toBe('alice');
  });

  it.each([
    ['garbage', 'INVALID_CREDENTIALS', 401],
    ['expired', 'TOKEN_EXPIRED', 401],
    ['audience', 'INVALID_AUDIENCE', 401],
    ['stranger', 'UNKNOWN_APPLICATION', 401],
    ['other', 'INVALID_CREDENTIALS', 401],
    ['down', 'KEY_MANAGER_UNAVAILABLE', 503],
  ])('rejects token %s with %s and error="invalid_token"', async (token, code, status) => {
    const error = await failure({
      url: '/svc/v1/items',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    if (status === 401)
      expect(error.headers?.['www-authenticate']).toBe(
        'Bearer realm="portico", error="invalid_token"',
      );
  });

  it('answers 403 when the token lacks a scope, and for API keys on scoped operations', async () => {
    const jwt = await failure({
      method: 'POST',
      url: '/svc/v1/items',
      headers: { authorization: 'Bearer valid' },
    });
    expect(jwt.code).toBe('INSUFFICIENT_SCOPE');
    expect(jwt.status).toBe(403);
    const key = await failure({
      method: 'POST',
      url: '/svc/v1/items',
      headers: { 'x-key': 'good' },
    });
    expect(key.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('lets anonymous operations through without a credential', async () => {
    const ctx = await run({ url: '/svc/v1/open' });
    expect(ctx.credential).toEqual({ kind: 'anonymous' });
  });

  it('ignores bearer tokens on an API without OAuth2', async () => {
    const error = await failure({ url: '/keys/v1/x', headers: { authorization: 'Bearer valid' } });
    expect(error.code).toBe('MISSING_CREDENTIALS');
  });

  it('authenticates a registered client certificate on HTTPS, with its key type and plan', async () => {
    const ctx = await run({ url: '/mtls/v1/x', protocol: 'https', peer: { raw: cert } });
    expect(ctx.credential).toEqual({
      kind: 'certificate',
      alias: 'partner',
      keyType: 'SANDBOX',
      plan: 'Gold',
    });
    expect(ctx.plan).toBe('Gold');
  });

  it('requires a registered certificate when mTLS is mandatory', async () => {
    expect((await failure({ url: '/mtls/v1/x', protocol: 'https' })).code).toBe(
      'CLIENT_CERTIFICATE_REQUIRED',
    );
    expect(
      (await failure({ url: '/mtls/v1/x', protocol: 'https', peer: { raw: Buffer.from('other') } }))
        .code,
    ).toBe('CLIENT_CERTIFICATE_REQUIRED');
    // Plain HTTP never carries a certificate.
    expect((await failure({ url: '/mtls/v1/x', peer: { raw: cert } })).code).toBe(
      'CLIENT_CERTIFICATE_REQUIRED',
    );
  });

  it('requires the chain to verify when a client CA is configured', async () => {
    const ctx = fakeContext({
      url: '/mtls/v1/x',
      protocol: 'https',
      peer: { raw: cert, authorized: false },
    });
    route(ctx, deployment.routes);
    await expect(authenticate(ctx, services, { clientCaConfigured: true })).rejects.toMatchObject({
      code: 'CLIENT_CERTIFICATE_REQUIRED',
    });
  });
});
