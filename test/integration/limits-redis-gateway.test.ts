/**
 * Gateways (the library) that start while Redis is down: they serve with local
 * counters, say so, and once Redis appears they share counters and edits without a
 * restart. Closing never waits on an absent Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, within, type Backend } from './helpers/backend.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

let backend: Backend;
let redis: TestRedis;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  backend = await startBackend();
  redis = await startRedis();
});

afterAll(async () => {
  await within(Promise.all(gateways.map((gw) => gw.close())), 15_000, 'a gateway did not close');
  await redis?.close();
  await backend?.close();
});

async function until(ms: number, check: () => Promise<boolean>, message: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const health = async (gw: TestGateway) =>
  (await (await gw.adminFetch('/admin/v1/health')).json()) as { status: string; redis?: string };

describe('a cluster that starts without Redis', () => {
  it('serves locally, then shares counters and edits once Redis is up', async () => {
    await redis.kill();
    const bundle = testBundle([testApi(backend.url, { operations: [], plans: ['Gold'] })], {
      applications: [
        {
          id: 'app-1',
          name: 'One',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
        },
        {
          id: 'app-2',
          name: 'Two',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
        },
      ],
      subscriptions: [
        { id: 's1', applicationId: 'app-1', apiId: 'svc', plan: 'Gold' },
        { id: 's2', applicationId: 'app-2', apiId: 'svc', plan: 'Gold' },
      ],
      policies: {
        subscription: [{ name: 'Gold', limit: { requests: 20, unitTime: 1, timeUnit: 'hour' } }],
        application: [],
        api: [],
      },
    });
    const options = { redis: { url: redis.url, connectTimeoutMs: 300 } };
    const [a, b] = await Promise.all([
      startGateway(bundle, options),
      startGateway(bundle, options),
    ]);
    gateways.push(a, b);
    expect(await health(a)).toMatchObject({ status: 'ok', redis: 'down' });
    expect((await send(a.url, '/svc/v1/x', { headers: { apikey: keys.production } })).status).toBe(
      200,
    );

    await redis.restart();
    for (const gw of [a, b])
      await until(
        15_000,
        async () => (await health(gw)).redis === 'up',
        'a gateway never found Redis',
      );

    const all = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send(i % 2 ? a.url : b.url, '/svc/v1/x', { headers: { apikey: keys.other } }),
      ),
    );
    expect(all.filter((r) => r.status === 200)).toHaveLength(20);
    expect(all.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);

    // The subscriber that could not subscribe at start did once Redis came.
    await b.adminFetch('/admin/v1/denylist', {
      method: 'POST',
      body: JSON.stringify({ type: 'APPLICATION', value: 'app-1' }),
    });
    await until(
      5000,
      async () =>
        (await send(a.url, '/svc/v1/x', { headers: { apikey: keys.production } })).status === 403,
      'gateway A never applied the edit',
    );
  }, 60_000);
});
