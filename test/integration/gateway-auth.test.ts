/**
 * Authentication and subscriptions through a running gateway: API keys, JWTs from
 * the resident key manager and from a real OIDC provider (with signing-key
 * rotation), audiences, scopes, key-type routing, every subscription status, and
 * client certificates on the HTTPS listener.
 */
import { request as httpsRequest } from 'node:https';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import type { ApiSpecInput, SubscriptionStatus } from '../../gateway-runtime/src/model/bundle.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, type Backend, type RecordedRequest } from './helpers/backend.js';
import {
  createTestCertificates,
  type TestCertificate,
  type TestCertificates,
} from './helpers/certs.js';
import { startOidcProvider, type TestOidcProvider } from './helpers/oidc.js';

const AUD = 'https://api.portico.test/svc';
const statuses: SubscriptionStatus[] = [
  'UNBLOCKED',
  'BLOCKED',
  'PROD_ONLY_BLOCKED',
  'ON_HOLD',
  'REJECTED',
];

let backend: Backend;
let idp: TestOidcProvider;
let certs: TestCertificates;
let residentKey: CryptoKey;
let gw: TestGateway;
let clockOffsetMs = 0;

beforeAll(async () => {
  backend = await startBackend();
  idp = await startOidcProvider({
    clients: ['client-a', 'client-b', 'client-x'],
    scopes: ['pets:read', 'pets:write'],
    defaultResource: AUD,
  });
  certs = await createTestCertificates({ clients: ['partner-a', 'partner-b'] });
  const pair = await generateKeyPair('ES256', { extractable: true });
  residentKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'local-1', alg: 'ES256' };

  const statusApis: ApiSpecInput[] = statuses.map((status) =>
    testApi(backend.url, {
      id: `st-${status}`,
      context: `/st-${status.toLowerCase()}`,
      operations: [],
    }),
  );
  const bundle = testBundle(
    [
      testApi(backend.url, {
        operations: [
          { method: 'GET', target: '/items' },
          { method: 'POST', target: '/items', scopes: ['pets:write'] },
        ],
        security: {
          apiKey: { header: 'apikey' },
          oauth2: { keyManagers: ['*'], audiences: [AUD] },
        },
      }),
      testApi(backend.url, {
        id: 'idp-only',
        context: '/idp-only',
        operations: [],
        security: { oauth2: { keyManagers: ['idp'] } },
      }),
      testApi(backend.url, {
        id: 'open',
        context: '/open',
        operations: [],
        subscriptionRequired: false,
      }),
      testApi(backend.url, {
        id: 'mtls',
        context: '/mtls',
        operations: [],
        security: {
          mtls: {
            mandatory: true,
            certificates: [
              {
                alias: 'partner-a',
                keyType: 'SANDBOX',
                pem: (certs.clients['partner-a'] as TestCertificate).certPem,
                plan: 'Bronze',
              },
            ],
          },
        },
      }),
      ...statusApis,
    ],
    {
      keyManagers: [
        { name: 'idp', type: 'oidc', issuer: idp.issuer, discoveryUrl: idp.discoveryUrl },
        {
          name: 'local',
          type: 'resident',
          issuer: 'portico-local',
          consumerKeyClaim: 'azp',
          jwks: { keys: [publicJwk] },
        },
      ],
      applications: [
        {
          id: 'app-1',
          name: 'One',
          keys: [
            {
              keyType: 'PRODUCTION',
              apiKeyHashes: [hashApiKey(keys.production)],
              consumerKey: 'client-a',
              keyManager: 'idp',
            },
            {
              keyType: 'SANDBOX',
              apiKeyHashes: [hashApiKey(keys.sandbox)],
              consumerKey: 'client-b',
              keyManager: 'idp',
            },
            {
              keyType: 'PRODUCTION',
              apiKeyHashes: [],
              consumerKey: 'local-client',
              keyManager: 'local',
            },
          ],
        },
        {
          id: 'app-2',
          name: 'Two',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
        },
      ],
    },
  );
  bundle.subscriptions = [
    { id: 'sub-svc', applicationId: 'app-1', apiId: 'svc', plan: 'Gold' },
    { id: 'sub-idp', applicationId: 'app-1', apiId: 'idp-only', plan: 'Gold' },
    ...statuses.map((status) => ({
      id: `sub-${status}`,
      applicationId: 'app-1',
      apiId: `st-${status}`,
      plan: 'Gold',
      status,
    })),
  ];
  gw = await startGateway(bundle, {
    https: { port: 0, cert: certs.server.certPem, key: certs.server.keyPem },
    clock: () => Date.now() + clockOffsetMs,
  });
});

afterAll(async () => {
  await gw?.close();
  await idp?.close();
  await backend?.close();
  await certs?.cleanup();
});

async function residentToken(
  claims: Record<string, unknown> = {},
  audience = AUD,
): Promise<string> {
  return new SignJWT({ azp: 'local-client', scope: 'pets:read', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
    .setIssuer('portico-local')
    .setSubject('alice')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(residentKey);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('gateway authentication', () => {
  it('accepts a resident-key-manager JWT, maps it to its application, and hides the token from the backend', async () => {
    const res = await send(gw.url, '/svc/v1/items', { headers: bearer(await residentToken()) });
    expect(res.status).toBe(200);
    const seen = res.json<RecordedRequest>();
    expect(seen.url).toBe('/prod/items');
    expect(seen.headers.authorization).toBeUndefined();
    const event = await gw.eventFor(res.headers['x-request-id']);
    expect(event).toMatchObject({
      applicationId: 'app-1',
      keyType: 'PRODUCTION',
      subscriptionPlan: 'Gold',
      status: 200,
    });
  });

  it('answers 401 with error="invalid_token" for a bad, expired or wrong-audience token', async () => {
    const forged = (await residentToken()).slice(0, -4) + 'AAAA';
    const expired = await new SignJWT({ azp: 'local-client' })
      .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
      .setIssuer('portico-local')
      .setAudience(AUD)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(residentKey);
    const cases = [
      [forged, 'INVALID_CREDENTIALS'],
      [expired, 'TOKEN_EXPIRED'],
      [await residentToken({}, 'https://elsewhere.test'), 'INVALID_AUDIENCE'],
      [await residentToken({ azp: 'nobody' }), 'UNKNOWN_APPLICATION'],
    ] as const;
    for (const [token, code] of cases) {
      const res = await send(gw.url, '/svc/v1/items', { headers: bearer(token) });
      expect(res.status, code).toBe(401);
      expect(res.json().code).toBe(code);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="portico", error="invalid_token"');
    }
    const none = await send(gw.url, '/svc/v1/items');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="portico"');
  });

  it('answers 403 when the token lacks the operation’s scope, and passes with it', async () => {
    const without = await send(gw.url, '/svc/v1/items', {
      method: 'POST',
      headers: bearer(await residentToken()),
    });
    expect(without.status).toBe(403);
    expect(without.json().code).toBe('INSUFFICIENT_SCOPE');
    const withScope = await send(gw.url, '/svc/v1/items', {
      method: 'POST',
      headers: bearer(await residentToken({ scope: 'pets:read pets:write' })),
    });
    expect(withScope.status).toBe(200);
  });

  it('accepts tokens from an external OIDC provider, routes by the key type of the client, and survives key rotation', async () => {
    const prodToken = await idp.token({ clientId: 'client-a', scope: 'pets:read' });
    expect(
      (await send(gw.url, '/svc/v1/items', { headers: bearer(prodToken) })).json<RecordedRequest>()
        .url,
    ).toBe('/prod/items');
    const sandboxToken = await idp.token({ clientId: 'client-b', scope: 'pets:read' });
    expect(
      (
        await send(gw.url, '/svc/v1/items', { headers: bearer(sandboxToken) })
      ).json<RecordedRequest>().url,
    ).toBe('/sandbox/items');

    await idp.rotateKeys();
    const rotated = await idp.token({ clientId: 'client-a', scope: 'pets:read' });
    // Key managers refetch keys for an unknown kid at most once per cooldown (5 s): move the clock past it.
    clockOffsetMs += 6_000;
    const res = await send(gw.url, '/svc/v1/items', { headers: bearer(rotated) });
    expect(res.status).toBe(200);

    const unknownClient = await idp.token({ clientId: 'client-x', scope: 'pets:read' });
    expect(
      (await send(gw.url, '/svc/v1/items', { headers: bearer(unknownClient) })).json().code,
    ).toBe('UNKNOWN_APPLICATION');
    const wrongAudience = await idp.token({
      clientId: 'client-a',
      resource: 'https://other.test/',
    });
    expect(
      (await send(gw.url, '/svc/v1/items', { headers: bearer(wrongAudience) })).json().code,
    ).toBe('INVALID_AUDIENCE');
  });

  it('refuses tokens of a key manager the API does not accept', async () => {
    const res = await send(gw.url, '/idp-only/v1/x', { headers: bearer(await residentToken()) });
    expect(res.status).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    expect(
      (
        await send(gw.url, '/idp-only/v1/x', {
          headers: bearer(await idp.token({ clientId: 'client-a' })),
        })
      ).status,
    ).toBe(200);
  });

  it('lets any valid credential through a subscription-less API', async () => {
    const res = await send(gw.url, '/open/v1/x', { headers: { apikey: keys.other } });
    expect(res.status).toBe(200);
    expect((await send(gw.url, '/open/v1/x')).status).toBe(401);
  });

  it.each([
    ['UNBLOCKED', 200, 200],
    ['BLOCKED', 403, 403],
    ['PROD_ONLY_BLOCKED', 403, 200],
    ['ON_HOLD', 403, 403],
    ['REJECTED', 403, 403],
  ] as const)(
    'enforces subscription status %s (production %i, sandbox %i)',
    async (status, prodStatus, sandboxStatus) => {
      const path = `/st-${status.toLowerCase()}/v1/x`;
      const prodRes = await send(gw.url, path, { headers: { apikey: keys.production } });
      const sandboxRes = await send(gw.url, path, { headers: { apikey: keys.sandbox } });
      expect([prodRes.status, sandboxRes.status]).toEqual([prodStatus, sandboxStatus]);
      if (status === 'ON_HOLD')
        expect(prodRes.json()).toMatchObject({
          code: 'SUBSCRIPTION_ON_HOLD',
          message: 'The subscription is pending approval',
        });
      if (sandboxStatus === 200) expect(sandboxRes.json<RecordedRequest>().url).toBe('/sandbox/x');
    },
  );
});

function httpsGet(
  path: string,
  client: TestCertificate | null,
): Promise<{ status: number; body: string }> {
  const url = new URL(gw.listeners.https ?? '');
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        ca: certs.ca.certPem,
        agent: false,
        ...(client && { cert: client.certPem, key: client.keyPem }),
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('mTLS on the HTTPS listener', () => {
  it('authenticates a registered client certificate, routing by its key type and counting against its plan', async () => {
    const res = await httpsGet('/mtls/v1/x', certs.clients['partner-a'] ?? null);
    expect(res.status).toBe(200);
    const seen = JSON.parse(res.body) as RecordedRequest;
    expect(seen.url).toBe('/sandbox/x');
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    const event = await gw.eventFor(seen.headers['x-request-id']);
    expect(event).toMatchObject({
      apiId: 'mtls',
      keyType: 'SANDBOX',
      subscriptionPlan: 'Bronze',
      applicationId: null,
    });
  });

  it('answers 401 without a certificate, with an unregistered one, and over plain HTTP', async () => {
    for (const client of [null, certs.clients['partner-b'] ?? null, certs.stranger]) {
      const res = await httpsGet('/mtls/v1/x', client);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'CLIENT_CERTIFICATE_REQUIRED' });
    }
    expect(
      (await send(gw.url, '/mtls/v1/x', { headers: { apikey: keys.production } })).status,
    ).toBe(401);
  });

  it('serves API-key traffic on the HTTPS listener too', async () => {
    const url = new URL(gw.listeners.https ?? '');
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/svc/v1/items',
          ca: certs.ca.certPem,
          agent: false,
          headers: { apikey: keys.production },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
