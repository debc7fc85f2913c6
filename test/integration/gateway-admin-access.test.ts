/**
 * The admin API's access controls on a live gateway: subscription changes in place,
 * the denylist, and an application's throttle reset. The rest of the admin API is
 * in gateway-admin.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { counterKeys } from '../../gateway-runtime/src/stores/counter-store.js';
import { send, startBackend, type Backend } from './helpers/backend.js';

let b: Backend;
const gateways: TestGateway[] = [];

async function gateway(bundle: unknown): Promise<TestGateway> {
  const gw = await startGateway(bundle);
  gateways.push(gw);
  return gw;
}

beforeAll(async () => {
  b = await startBackend();
});

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gw) => gw.close()));
});

afterAll(async () => {
  await b?.close();
});

const bundleOn = (backend: Backend, revision: string) => ({
  ...testBundle([testApi(backend.url, { operations: [] })]),
  revision,
});
const prod = { apikey: keys.production };

describe('admin API: subscriptions, denylist and throttle reset', () => {
  it('changes a subscription in place: approving ON_HOLD and changing the plan take effect on the next request', async () => {
    const bundle = bundleOn(b, 'r-subs');
    bundle.subscriptions = bundle.subscriptions?.map((s) =>
      s.applicationId === 'app-1' ? { ...s, status: 'ON_HOLD' as const } : s,
    );
    const gw = await gateway(bundle);
    const held403 = await send(gw.url, '/svc/v1/x', { headers: prod });
    expect(held403.status).toBe(403);
    expect(held403.json()).toMatchObject({ code: 'SUBSCRIPTION_ON_HOLD' });

    const approve = await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', {
      method: 'PATCH',
      body: JSON.stringify({ status: 'UNBLOCKED' }),
    });
    expect(await approve.json()).toMatchObject({
      id: 'sub-1-svc',
      status: 'UNBLOCKED',
      plan: 'Gold',
    });
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).status).toBe(200);

    const replan = await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', {
      method: 'PATCH',
      body: JSON.stringify({ plan: 'Bronze' }),
    });
    expect(await replan.json()).toMatchObject({ plan: 'Bronze', status: 'UNBLOCKED' });
    const after = await send(gw.url, '/svc/v1/y', { headers: prod });
    const event = await gw.eventFor(after.headers['x-request-id']);
    expect(event?.subscriptionPlan).toBe('Bronze');
    const bundleNow = (await (await gw.adminFetch('/admin/v1/bundle')).json()) as {
      subscriptions: { id: string; plan: string }[];
    };
    expect(bundleNow.subscriptions.find((s) => s.id === 'sub-1-svc')?.plan).toBe('Bronze');

    const unknownPlan = await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', {
      method: 'PATCH',
      body: JSON.stringify({ plan: 'Platinum' }),
    });
    expect(unknownPlan.status).toBe(400);
    const block = await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', {
      method: 'PATCH',
      body: JSON.stringify({ status: 'BLOCKED' }),
    });
    expect(block.status).toBe(200);
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).json()).toMatchObject({
      code: 'SUBSCRIPTION_BLOCKED',
    });
    expect(
      (
        await gw.adminFetch('/admin/v1/subscriptions/nope', {
          method: 'PATCH',
          body: '{"status":"BLOCKED"}',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await gw.adminFetch('/admin/v1/subscriptions/sub-1-svc', {
          method: 'PATCH',
          body: '{"status":"MAYBE"}',
        })
      ).status,
    ).toBe(400);
  });

  it('manages the denylist with filters, and blocking takes effect at once', async () => {
    const gw = await gateway(bundleOn(b, 'r-deny'));
    const created = await gw.adminFetch('/admin/v1/denylist', {
      method: 'POST',
      body: JSON.stringify({ type: 'IP', value: '127.0.0.1' }),
    });
    expect(created.status).toBe(201);
    const entry = (await created.json()) as { id: string; enabled: boolean };
    expect(entry).toMatchObject({
      id: expect.any(String),
      type: 'IP',
      value: '127.0.0.1',
      enabled: true,
    });
    await gw.adminFetch('/admin/v1/denylist', {
      method: 'POST',
      body: JSON.stringify({ id: 'r1', type: 'IP_RANGE', value: '2001:db8::/32', enabled: false }),
    });
    await gw.adminFetch('/admin/v1/denylist', {
      method: 'POST',
      body: JSON.stringify({ id: 'u1', type: 'USER', value: 'mallory' }),
    });

    const blocked = await send(gw.url, '/svc/v1/x', { headers: prod });
    expect(blocked.status).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'DENYLISTED' });

    const list = async (query: string) =>
      (
        (await (await gw.adminFetch(`/admin/v1/denylist${query}`)).json()) as {
          entries: { id: string }[];
        }
      ).entries
        .map((e) => e.id)
        .sort();
    expect(await list('')).toEqual([entry.id, 'r1', 'u1'].sort());
    expect(await list('?type=IP_RANGE')).toEqual(['r1']);
    expect(await list('?enabled=false')).toEqual(['r1']);
    expect(await list('?value=mallory&enabled=true')).toEqual(['u1']);
    expect((await gw.adminFetch('/admin/v1/denylist?type=COUNTRY')).status).toBe(400);

    const patched = await gw.adminFetch(`/admin/v1/denylist/${entry.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ enabled: false }),
    });
    expect(await patched.json()).toMatchObject({ enabled: false });
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).status).toBe(200);
    expect(
      (await gw.adminFetch(`/admin/v1/denylist/${entry.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(await list('')).toEqual(['r1', 'u1']);

    const invalid = await gw.adminFetch('/admin/v1/denylist', {
      method: 'POST',
      body: JSON.stringify({ type: 'IP_RANGE', value: '10.0.0.1' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: 'ADMIN_BAD_REQUEST',
      issues: [{ path: 'value' }],
    });
  });

  it('clears only the named application’s throttle counters', async () => {
    const gw = await gateway(bundleOn(b, 'r-throttle'));
    const { counters } = gw.gateway;
    await counters.increment(counterKeys.application('app-1', 'Unlimited'), 60_000);
    await counters.increment(counterKeys.subscription('app-1', 'svc', 'requests'), 60_000);
    await counters.increment(counterKeys.subscription('app-2', 'svc', 'requests'), 60_000);
    const res = await gw.adminFetch('/admin/v1/applications/app-1/reset-throttle', {
      method: 'POST',
    });
    expect(await res.json()).toEqual({ applicationId: 'app-1', cleared: 2 });
    expect(await counters.get(counterKeys.subscription('app-1', 'svc', 'requests'))).toBeNull();
    expect(await counters.get(counterKeys.subscription('app-2', 'svc', 'requests'))).toMatchObject({
      count: 1,
    });
    expect(
      (await gw.adminFetch('/admin/v1/applications/ghost/reset-throttle', { method: 'POST' }))
        .status,
    ).toBe(404);
  });
});
