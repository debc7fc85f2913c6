/**
 * The rate-limit tests' harness: one gateway per test on a bundle whose one API
 * (`svc`) takes overrides, memory counters and an injected clock, a resident key
 * manager whose signing key the tests hold, and small senders.
 */
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type {
  ApiSpecInput,
  GatewayBundleInput,
} from '../../../gateway-runtime/src/model/bundle.js';
import { keys, testApi, testBundle } from '../../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, type Backend, type SimpleResponse } from './backend.js';

export const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' as const });
export const perHour = (requests: number) => ({
  requests,
  unitTime: 1,
  timeUnit: 'hour' as const,
});
export const prod = { apikey: keys.production };
export const other = { apikey: keys.other };

export interface LimitsHarness {
  /** The gateways' clock (epoch ms); tests move it forward, each test starts at the same time. */
  now: number;
  /** Signs tokens the resident key manager `local` (issuer `portico-local`, kid `k1`) accepts. */
  readonly signingKey: CryptoKey;
  /** A gateway on a bundle whose one API (`svc`) takes `api` overrides. */
  gateway(
    overrides: Partial<GatewayBundleInput>,
    api?: Partial<ApiSpecInput>,
  ): Promise<TestGateway>;
}

/** Registers the suite's hooks (backend, key pair, gateways closed after each test). */
export function useLimitsHarness(): LimitsHarness {
  const start = Date.now();
  const gateways: TestGateway[] = [];
  let backend: Backend | undefined;
  let signingKey: CryptoKey | undefined;
  let publicJwk: Record<string, unknown> = {};
  const harness: LimitsHarness = {
    now: start,
    get signingKey() {
      if (!signingKey) throw new Error('the harness starts in beforeAll');
      return signingKey;
    },
    async gateway(overrides, api = {}) {
      if (!backend) throw new Error('the harness starts in beforeAll');
      const bundle = testBundle([testApi(backend.url, { plans: ['Gold', 'Bronze'], ...api })], {
        keyManagers: [
          {
            name: 'local',
            type: 'resident',
            issuer: 'portico-local',
            consumerKeyClaim: 'azp',
            jwks: { keys: [publicJwk] },
          },
        ],
        ...overrides,
      });
      const gw = await startGateway(bundle, { clock: () => harness.now });
      gateways.push(gw);
      return gw;
    },
  };
  beforeAll(async () => {
    backend = await startBackend();
    const pair = await generateKeyPair('ES256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gw) => gw.close()));
    harness.now = start;
  });
  afterAll(async () => {
    await backend?.close();
  });
  return harness;
}

export const policies = (p: Partial<NonNullable<GatewayBundleInput['policies']>>) => ({
  // Plans without a limit count nothing, so each test sees only the policies it sets.
  policies: {
    subscription: [{ name: 'Gold' }, { name: 'Bronze' }],
    application: [],
    api: [],
    ...p,
  },
});

/** Sends `count` requests one after another; returns their statuses. */
export async function statuses(
  gw: TestGateway,
  count: number,
  path = '/svc/v1/items',
  headers: Record<string, string> = prod,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await send(gw.url, path, { headers })).status);
  return out;
}

export async function throttled(
  gw: TestGateway,
  path = '/svc/v1/items',
  headers: Record<string, string> = prod,
): Promise<SimpleResponse> {
  const res = await send(gw.url, path, { headers });
  expect(res.status, res.body).toBe(429);
  return res;
}

export function eventOf(gw: TestGateway, res: SimpleResponse) {
  return gw.eventFor(res.headers['x-request-id']);
}
