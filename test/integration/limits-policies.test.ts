/**
 * Rate limits on one gateway (library, memory counters, an injected clock): each
 * policy level alone and together, burst, exact admission under 300 parallel
 * requests, window roll-over, stopOnQuotaReach, and what the responses and
 * analytics say. Conditional groups are in limits-conditions.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import { keys } from '../../gateway-runtime/test-support/bundles.js';
import { send } from './helpers/backend.js';
import {
  eventOf,
  other,
  perHour,
  perMin,
  policies,
  prod,
  statuses,
  throttled,
  useLimitsHarness,
} from './helpers/limits.js';

const h = useLimitsHarness();

describe('each policy level alone', () => {
  it('application policy: counts every API of the application', async () => {
    const gw = await h.gateway(
      {
        ...policies({ application: [{ name: 'app-3', limit: perMin(3) }] }),
        applications: [
          {
            id: 'app-1',
            name: 'One',
            throttlingPolicy: 'app-3',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
          },
          {
            id: 'app-2',
            name: 'Two',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
          },
        ],
      },
      {},
    );
    expect(await statuses(gw, 2, '/svc/v1/items')).toEqual([200, 200]);
    expect(await statuses(gw, 1, '/svc/v1/items/7')).toEqual([200]);
    const res = await throttled(gw, '/svc/v1/items/8');
    expect(res.json()).toMatchObject({ code: 'THROTTLED' });
    expect(res.headers['retry-after']).toBe('20');
    expect(res.headers.ratelimit).toBe('"application:app-3";r=0;t=60');
    expect((await eventOf(gw, res)).throttledBy).toBe('application:app-3');
    expect(await statuses(gw, 5, '/svc/v1/items', other)).toEqual([200, 200, 200, 200, 200]);
  });

  it('subscription plan: per application and API', async () => {
    const gw = await h.gateway(
      policies({
        subscription: [
          { name: 'Gold', limit: perMin(2) },
          { name: 'Bronze', limit: perMin(4) },
        ],
      }),
    );
    expect(await statuses(gw, 3)).toEqual([200, 200, 429]);
    expect(await statuses(gw, 5, '/svc/v1/items', other)).toEqual([200, 200, 200, 200, 429]);
    const ok = await send(gw.url, '/svc/v1/items', { headers: other });
    expect(ok.headers['ratelimit-policy']).toBe('"subscription:Bronze";q=4;w=60');
    expect((await eventOf(gw, ok)).throttledBy).toBe('subscription:Bronze');
  });

  it('API policy: shared by every caller of the API', async () => {
    const gw = await h.gateway(policies({ api: [{ name: 'api-3', limit: perMin(3) }] }), {
      throttlingPolicy: 'api-3',
    });
    expect([
      ...(await statuses(gw, 2)),
      ...(await statuses(gw, 2, '/svc/v1/items', other)),
    ]).toEqual([200, 200, 200, 429]);
    expect((await eventOf(gw, await throttled(gw))).throttledBy).toBe('api:api-3');
  });

  it('operation policy: per operation, anonymous callers included', async () => {
    const gw = await h.gateway(policies({ api: [{ name: 'op-2', limit: perMin(2) }] }), {
      operations: [
        { method: 'GET', target: '/items', throttlingPolicy: 'op-2' },
        { method: 'GET', target: '/open', auth: 'none', throttlingPolicy: 'op-2' },
        { method: 'GET', target: '/free' },
      ],
    });
    expect(await statuses(gw, 3)).toEqual([200, 200, 429]);
    expect(await statuses(gw, 3, '/svc/v1/open', {})).toEqual([200, 200, 429]);
    expect(await statuses(gw, 3, '/svc/v1/free')).toEqual([200, 200, 200]);
    expect((await eventOf(gw, await throttled(gw))).throttledBy).toBe('operation:op-2');
  });

  it('burst: caps a spike inside the plan window and refills within a second', async () => {
    const gw = await h.gateway(
      policies({
        subscription: [
          { name: 'Gold', limit: perMin(100), burst: { requests: 2, per: 'sec' } },
          { name: 'Bronze' },
        ],
      }),
    );
    expect(await statuses(gw, 3)).toEqual([200, 200, 429]);
    const res = await throttled(gw);
    expect(res.headers['retry-after']).toBe('1');
    expect((await eventOf(gw, res)).throttledBy).toBe('subscription:Gold:burst');
    h.now += 500;
    expect(await statuses(gw, 2)).toEqual([200, 429]);
  });
});

describe('levels together', () => {
  it('checks every level and spends nothing at earlier levels for a request a later one denies', async () => {
    const gw = await h.gateway(
      {
        ...policies({
          application: [{ name: 'app-10', limit: perMin(10) }],
          subscription: [
            { name: 'Gold', limit: perMin(8) },
            { name: 'Bronze', limit: perMin(8) },
          ],
          api: [
            { name: 'api-6', limit: perMin(6) },
            { name: 'op-1', limit: perMin(1) },
          ],
        }),
        applications: [
          {
            id: 'app-1',
            name: 'One',
            throttlingPolicy: 'app-10',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
          },
          { id: 'app-2', name: 'Two', keys: [] },
        ],
      },
      {
        throttlingPolicy: 'api-6',
        operations: [
          { method: 'GET', target: '/items', throttlingPolicy: 'op-1' },
          { method: 'GET', target: '/other' },
        ],
      },
    );
    expect(await statuses(gw, 5)).toEqual([200, 429, 429, 429, 429]);
    // Four denied by the operation policy cost nothing at the application, plan or API level.
    const next = await send(gw.url, '/svc/v1/other', { headers: prod });
    expect(next.status).toBe(200);
    expect(next.headers.ratelimit).toBe(
      '"application:app-10";r=8;t=12, "subscription:Gold";r=6;t=15, "api:api-6";r=4;t=20',
    );
    expect(await statuses(gw, 5, '/svc/v1/other')).toEqual([200, 200, 200, 200, 429]);
    expect((await eventOf(gw, await throttled(gw, '/svc/v1/other'))).throttledBy).toBe('api:api-6');
  });

  it('admits exactly the limit out of 300 parallel requests', async () => {
    const gw = await h.gateway(
      policies({
        subscription: [
          { name: 'Gold', limit: perHour(50) },
          { name: 'Bronze', limit: perHour(1000) },
        ],
        api: [{ name: 'api-70', limit: perHour(70) }],
      }),
      { throttlingPolicy: 'api-70' },
    );
    const all = await Promise.all(
      Array.from({ length: 300 }, (_, i) => send(gw.url, `/svc/v1/items/${i}`, { headers: prod })),
    );
    const counts = all.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ 200: 50, 429: 250 });
    // The API policy counted only the 50 admitted: 20 left for others.
    const more = await Promise.all(
      Array.from({ length: 40 }, () => send(gw.url, '/svc/v1/items', { headers: other })),
    );
    expect(more.filter((r) => r.status === 200)).toHaveLength(20);
  });

  it('rolls the window over: one unit back every T/N, the whole quota after T', async () => {
    const gw = await h.gateway(
      policies({
        subscription: [
          { name: 'Gold', limit: perMin(3) },
          { name: 'Bronze', limit: perMin(3) },
        ],
      }),
    );
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]);
    h.now += 19_999;
    expect(await statuses(gw, 1)).toEqual([429]);
    h.now += 1;
    expect(await statuses(gw, 2)).toEqual([200, 429]);
    h.now += 60_000;
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 429]);
  });

  it('stopOnQuotaReach: false lets traffic through, marked in analytics but not counted as throttled', async () => {
    const gw = await h.gateway(
      policies({
        subscription: [
          { name: 'Gold', limit: perMin(2), stopOnQuotaReach: false },
          { name: 'Bronze', limit: perMin(2) },
        ],
      }),
    );
    expect(await statuses(gw, 4)).toEqual([200, 200, 200, 200]);
    const over = await send(gw.url, '/svc/v1/items', { headers: prod });
    expect(over.headers.ratelimit).toBe('"subscription:Gold";r=0;t=60');
    expect(await eventOf(gw, over)).toMatchObject({
      status: 200,
      throttledBy: 'subscription:Gold',
    });
    const summary = gw.gateway.analytics.summary({ groupBy: 'plan' });
    expect(summary.rows.find((r) => r.key === 'Gold')).toMatchObject({ requests: 5, throttled: 0 });
  });

  it('counts a subscription-less API against its API policy and the application policy', async () => {
    const gw = await h.gateway(
      {
        ...policies({
          application: [{ name: 'app-4', limit: perMin(4) }],
          api: [{ name: 'api-2', limit: perMin(2) }],
        }),
        applications: [
          {
            id: 'app-1',
            name: 'One',
            throttlingPolicy: 'app-4',
            keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
          },
        ],
        subscriptions: [],
      },
      { subscriptionRequired: false, throttlingPolicy: 'api-2' },
    );
    const first = await send(gw.url, '/svc/v1/items', { headers: prod });
    expect(first.headers['ratelimit-policy']).toBe(
      '"application:app-4";q=4;w=60, "api:api-2";q=2;w=60',
    );
    expect(await statuses(gw, 2)).toEqual([200, 429]);
  });
});
