/**
 * Admin actions on throttling, on one gateway: application throttle reset, a plan
 * change mid-window, approval of an ON_HOLD subscription, the denylist with its
 * filters, and what health and metrics say about the counter store.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import type { GatewayBundleInput } from '../../gateway-runtime/src/model/bundle.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, type Backend } from './helpers/backend.js';

let backend: Backend;
const gateways: TestGateway[] = [];
let now = Date.now();

beforeAll(async () => {
  backend = await startBackend();
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gw) => gw.close()));
});
afterAll(async () => {
  await backend?.close();
});

const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' as const });
const prod = { apikey: keys.production };
const other = { apikey: keys.other };

function bundle(overrides: Partial<GatewayBundleInput> = {}): GatewayBundleInput {
  return testBundle(
    [
      testApi(backend.url, { operations: [] }),
      testApi(backend.url, {
        id: 'second',
        context: '/second',
        isDefaultVersion: false,
        operations: [],
      }),
    ],
    {
      applications: [
        {
          id: 'app-1',
          name: 'One',
          throttlingPolicy: 'app-4',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
        },
        {
          id: 'app-2',
          name: 'Two',
          throttlingPolicy: 'app-4',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
        },
      ],
      policies: {
        subscription: [
          { name: 'Gold', limit: perMin(3) },
          { name: 'Bronze', limit: perMin(2) },
        ],
        application: [{ name: 'app-4', limit: perMin(4) }],
        api: [],
      },
      ...overrides,
    },
  );
}

async function gateway(input: GatewayBundleInput = bundle()): Promise<TestGateway> {
  const gw = await startGateway(input, { clock: () => now });
  gateways.push(gw);
  return gw;
}

async function statuses(
  gw: TestGateway,
  count: number,
  path = '/svc/v1/x',
  headers: Record<string, string> = prod,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await send(gw.url, path, { headers })).status);
  return out;
}

const patch = (body: unknown) => ({ method: 'PATCH', body: JSON.stringify(body) });

describe('throttling administration', () => {
  it('resets every counter of one application: its policy and all its subscriptions, nobody else’s', async () => {
    const gw = await gateway();
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]); // Gold on svc
    expect(await statuses(gw, 2, '/second/v1/x')).toEqual([200, 429]); // application policy: 4 in all
    expect(await statuses(gw, 3, '/svc/v1/x', other)).toEqual([200, 200, 429]); // Bronze
    const reset = await gw.adminFetch('/admin/v1/applications/app-1/reset-throttle', {
      method: 'POST',
    });
    expect(await reset.json()).toEqual({ applicationId: 'app-1', cleared: 3 });
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(gw, 1, '/svc/v1/x', other)).toEqual([429]);
  });

  it('changes a live subscription’s plan mid-window: the next request counts under the new plan', async () => {
    const gw = await gateway();
    expect(await statuses(gw, 3, '/svc/v1/x', other)).toEqual([200, 200, 429]); // Bronze: 2
    const toGold = await gw.adminFetch(
      '/admin/v1/subscriptions/sub-2-svc',
      patch({ plan: 'Gold' }),
    );
    expect(await toGold.json()).toMatchObject({ plan: 'Gold', status: 'UNBLOCKED' });
    const next = await send(gw.url, '/svc/v1/x', { headers: other });
    expect(next.status).toBe(200);
    expect(next.headers['ratelimit-policy']).toContain('"subscription:Gold";q=3;w=60');
    expect(await statuses(gw, 2, '/svc/v1/x', other)).toEqual([200, 429]); // application policy app-4: 4 in all
    now += 60_000;
    // Back to Bronze: its own counter has refilled meanwhile.
    await gw.adminFetch('/admin/v1/subscriptions/sub-2-svc', patch({ plan: 'Bronze' }));
    expect(await statuses(gw, 3, '/svc/v1/x', other)).toEqual([200, 200, 429]);
  });

  it('approves an ON_HOLD subscription, which then counts against its plan', async () => {
    const input = bundle();
    input.subscriptions = input.subscriptions?.map((s) =>
      s.id === 'sub-1-svc' ? { ...s, status: 'ON_HOLD' as const } : s,
    );
    const gw = await gateway(input);
    const held = await send(gw.url, '/svc/v1/x', { headers: prod });
    expect(held.status).toBe(403);
    expect(held.json()).toMatchObject({ code: 'SUBSCRIPTION_ON_HOLD' });
    await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', patch({ status: 'UNBLOCKED' }));
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]);
    await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', patch({ status: 'REJECTED' }));
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).json()).toMatchObject({
      code: 'SUBSCRIPTION_REJECTED',
    });
  });

  it('blocks by API (id or context/version), application and IP; disables without deleting; filters the list', async () => {
    const gw = await gateway();
    const add = async (entry: Record<string, unknown>) =>
      (
        await gw.adminFetch('/admin/v1/denylist', { method: 'POST', body: JSON.stringify(entry) })
      ).json() as Promise<{ id: string }>;
    const api = await add({ type: 'API', value: '/second/v1' });
    await add({ id: 'app', type: 'APPLICATION', value: 'app-2' });
    await add({ id: 'range', type: 'IP_RANGE', value: '10.0.0.0/8' });
    await add({ id: 'ip', type: 'IP', value: '127.0.0.1', enabled: false });
    expect((await send(gw.url, '/second/v1/x', { headers: prod })).json()).toMatchObject({
      code: 'DENYLISTED',
    });
    expect((await send(gw.url, '/svc/v1/x', { headers: other })).json()).toMatchObject({
      code: 'DENYLISTED',
    });
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).status).toBe(200);
    await gw.adminFetch('/admin/v1/denylist/ip', patch({ enabled: true }));
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).status).toBe(403);

    const ids = async (query: string) =>
      (
        (await (await gw.adminFetch(`/admin/v1/denylist${query}`)).json()) as {
          entries: { id: string }[];
        }
      ).entries
        .map((e) => e.id)
        .sort();
    expect(await ids('')).toEqual(['app', 'ip', 'range', api.id].sort());
    expect(await ids('?type=IP')).toEqual(['ip']);
    expect(await ids('?value=app-2')).toEqual(['app']);
    await gw.adminFetch('/admin/v1/denylist/range', patch({ enabled: false }));
    expect(await ids('?enabled=false')).toEqual(['range']);
    expect(await ids('?enabled=true&type=API')).toEqual([api.id]);
    expect(await ids('?type=IP_RANGE&enabled=true')).toEqual([]);
    const bad = await gw.adminFetch('/admin/v1/denylist?enabled=maybe');
    expect(await bad.json()).toMatchObject({
      code: 'ADMIN_BAD_REQUEST',
      issues: [{ path: 'enabled' }],
    });
  });

  it('reports memory counters in health and metrics', async () => {
    const gw = await gateway();
    expect(await (await gw.adminFetch('/admin/v1/health')).json()).toEqual({
      status: 'ok',
      revision: 'r-1',
    });
    expect(await (await gw.adminFetch('/metrics')).text()).toMatch(
      /portico_counter_store_up\{store="memory"\} 1/,
    );
  });
});
