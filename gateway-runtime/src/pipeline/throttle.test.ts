import { afterAll, describe, expect, it } from 'vitest';
import { parsed, testApi, testBundle } from '../../test-support/bundles.js';
import { fakeContext } from '../../test-support/context.js';
import type { GatewayBundleInput } from '../model/bundle.js';
import { compileDeployment, type Deployment } from '../runtime/deployment.js';
import { MemoryCounterStore } from '../stores/memory.js';
import type { RequestContext } from './context.js';
import { createThrottler, throttle, type Throttler } from './throttle.js';

const now = 1_700_000_000_000;
const stores: MemoryCounterStore[] = [];
const deployments: Deployment[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  deployments.forEach((d) => d.resources.retire());
});

const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' as const });

function setup(
  overrides: Partial<GatewayBundleInput> = {},
  api: Parameters<typeof testApi>[1] = {},
) {
  const subscriptions = [
    { id: 's', applicationId: 'app-1', apiId: 'svc', plan: api.plans?.[0] ?? 'Unlimited' },
  ];
  const bundle = parsed(
    testBundle([testApi('http://127.0.0.1:9', api)], { subscriptions, ...overrides }),
  );
  const deployment = compileDeployment(bundle);
  deployments.push(deployment);
  const store = new MemoryCounterStore({ now: () => now });
  stores.push(store);
  return { deployment, throttler: createThrottler(store) };
}

/** A request of `app-1` on `svc`, GET /items, under `plan`. */
function request(
  deployment: Deployment,
  init: { app?: string | null; plan?: string | null; headers?: Record<string, string> } = {},
): RequestContext {
  const ctx = fakeContext({ url: '/svc/v1/items', ...(init.headers && { headers: init.headers }) });
  ctx.api = deployment.apis.get('svc') ?? null;
  ctx.operation = {
    method: 'GET',
    template: '/items',
    auth: 'required',
    scopes: [],
    throttlingPolicy: deployment.bundle.apis[0]?.operations[0]?.throttlingPolicy ?? null,
  };
  const app = init.app === undefined ? 'app-1' : init.app;
  if (app) {
    ctx.applicationId = app;
    ctx.credential = { kind: 'apiKey', applicationId: app, keyType: 'PRODUCTION' };
  }
  ctx.plan = init.plan === undefined ? 'Gold' : init.plan;
  return ctx;
}

/** Runs `count` requests and returns, per request, the policy that threw (or 'ok'). */
async function run(
  throttler: Throttler,
  deployment: Deployment,
  count: number,
  init: Parameters<typeof request>[1] = {},
): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i++) {
    const ctx = request(deployment, init);
    outcomes.push(
      await throttle(ctx, throttler, deployment).then(
        () => 'ok',
        () => ctx.throttledBy ?? 'error',
      ),
    );
  }
  return outcomes;
}

describe('throttle', () => {
  it('admits everything when no policy applies, and sends no RateLimit headers', async () => {
    const { deployment, throttler } = setup(
      {
        policies: { subscription: [], application: [], api: [] },
        subscriptions: [{ id: 's', applicationId: 'app-1', apiId: 'svc', plan: 'Unlimited' }],
      },
      { plans: [] },
    );
    const ctx = request(deployment, { plan: 'Unlimited' });
    await expect(throttle(ctx, throttler, deployment)).resolves.toBeUndefined();
    expect(ctx.throttledBy).toBeNull();
    expect(ctx.res.getHeader('ratelimit')).toBeUndefined();
  });

  it('answers 429 with Retry-After and records the policy when a throttler rejects', async () => {
    const ctx = fakeContext();
    const rejecting = {
      check: () => Promise.resolve({ admit: false as const, policy: 'Gold', retryAfterSec: 7 }),
    };
    await expect(throttle(ctx, rejecting)).rejects.toMatchObject({
      code: 'THROTTLED',
      status: 429,
      headers: { 'retry-after': '7' },
    });
    expect(ctx.throttledBy).toBe('Gold');
  });

  it('checks burst, application, subscription, API and operation policies, naming the first one over', async () => {
    const { deployment, throttler } = setup(
      {
        applications: [{ id: 'app-1', name: 'One', throttlingPolicy: 'app-5' }],
        subscriptions: [{ id: 's', applicationId: 'app-1', apiId: 'svc', plan: 'Gold' }],
        policies: {
          subscription: [{ name: 'Gold', limit: perMin(4), burst: { requests: 3, per: 'sec' } }],
          application: [{ name: 'app-5', limit: perMin(5) }],
          api: [
            { name: 'api-2', limit: perMin(2) },
            { name: 'op-1', limit: perMin(1) },
          ],
        },
      },
      {
        plans: ['Gold'],
        throttlingPolicy: 'api-2',
        operations: [{ method: 'GET', target: '/items', throttlingPolicy: 'op-1' }],
      },
    );
    expect(await run(throttler, deployment, 2)).toEqual(['ok', 'operation:op-1']);
    const ctx = request(deployment);
    const error = await throttle(ctx, throttler, deployment).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, headers: { 'retry-after': '60' } });
    expect((error as { headers: Record<string, string> }).headers.ratelimit).toBe(
      '"subscription:Gold:burst";r=2;t=1, "application:app-5";r=4;t=12, "subscription:Gold";r=3;t=15, "api:api-2";r=1;t=30, "operation:op-1";r=0;t=60',
    );
  });

  it('names the earliest level when several are over', async () => {
    const { deployment, throttler } = setup(
      {
        applications: [{ id: 'app-1', name: 'One', throttlingPolicy: 'one' }],
        policies: {
          subscription: [{ name: 'Gold', limit: perMin(1) }],
          application: [{ name: 'one', limit: perMin(1) }],
          api: [],
        },
      },
      { plans: ['Gold'] },
    );
    expect(await run(throttler, deployment, 2)).toEqual(['ok', 'application:one']);
  });

  it('sends RateLimit-Policy and RateLimit on admitted responses', async () => {
    const { deployment, throttler } = setup(
      {
        policies: {
          subscription: [{ name: 'Gold', limit: { requests: 100, unitTime: 1, timeUnit: 'hour' } }],
          application: [],
          api: [],
        },
      },
      { plans: ['Gold'] },
    );
    const ctx = request(deployment);
    await throttle(ctx, throttler, deployment);
    expect(ctx.res.getHeader('ratelimit-policy')).toBe('"subscription:Gold";q=100;w=3600');
    expect(ctx.res.getHeader('ratelimit')).toBe('"subscription:Gold";r=99;t=36');
  });

  it('lets requests over a stopOnQuotaReach: false plan through and marks them', async () => {
    const { deployment, throttler } = setup(
      {
        policies: {
          subscription: [{ name: 'Gold', limit: perMin(2), stopOnQuotaReach: false }],
          application: [],
          api: [],
        },
      },
      { plans: ['Gold'] },
    );
    expect(await run(throttler, deployment, 3)).toEqual(['ok', 'ok', 'ok']);
    const ctx = request(deployment);
    await throttle(ctx, throttler, deployment);
    expect(ctx.throttledBy).toBe('subscription:Gold');
  });

  it('counts a client certificate against its plan, per certificate', async () => {
    const { deployment, throttler } = setup(
      {
        policies: { subscription: [{ name: 'Gold', limit: perMin(1) }], application: [], api: [] },
      },
      { plans: ['Gold'] },
    );
    const byCert = (alias: string) => {
      const ctx = request(deployment, { app: null, plan: 'Gold' });
      ctx.credential = { kind: 'certificate', alias, keyType: 'PRODUCTION', plan: 'Gold' };
      return throttle(ctx, throttler, deployment).then(
        () => 'ok',
        () => ctx.throttledBy,
      );
    };
    expect([await byCert('a'), await byCert('a'), await byCert('b')]).toEqual([
      'ok',
      'subscription:Gold',
      'ok',
    ]);
  });

  it('counts conditional groups instead of the default, and the default only for the rest', async () => {
    const { deployment, throttler } = setup(
      {
        policies: {
          subscription: [],
          application: [],
          api: [
            {
              name: 'tiered',
              limit: perMin(3),
              conditions: [
                { match: { header: { name: 'x-tier', value: 'free' } }, limit: perMin(1) },
              ],
            },
          ],
        },
      },
      { plans: [], throttlingPolicy: 'tiered' },
    );
    const free = { plan: 'Unlimited', headers: { 'x-tier': 'free' } };
    expect(await run(throttler, deployment, 2, free)).toEqual(['ok', 'api:tiered:condition[0]']);
    expect(await run(throttler, deployment, 4, { plan: 'Unlimited' })).toEqual([
      'ok',
      'ok',
      'ok',
      'api:tiered',
    ]);
  });
});
