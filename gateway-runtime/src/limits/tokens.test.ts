import { afterAll, describe, expect, it } from 'vitest';
import { parsed, testApi, testBundle } from '../../test-support/bundles.js';
import { fakeContext } from '../../test-support/context.js';
import { createThrottler, throttle } from '../pipeline/throttle.js';
import { compileDeployment } from '../runtime/deployment.js';
import { MemoryCounterStore } from '../stores/memory.js';
import { chargeTokens, hasTokenQuota } from './tokens.js';

let now = 1_700_000_000_000;
const store = new MemoryCounterStore({ now: () => now });
const bundle = parsed(
  testBundle([testApi('http://127.0.0.1:9', { plans: ['AI', 'Soft'] })], {
    applications: [
      { id: 'app-1', name: 'One', throttlingPolicy: 'app-tokens' },
      { id: 'app-2', name: 'Two' },
    ],
    subscriptions: [
      { id: 's1', applicationId: 'app-1', apiId: 'svc', plan: 'AI' },
      { id: 's2', applicationId: 'app-2', apiId: 'svc', plan: 'Soft' },
    ],
    policies: {
      subscription: [
        {
          name: 'AI',
          limit: { requests: null, unitTime: 1, timeUnit: 'min' },
          tokens: { total: 1000, prompt: 600, completion: null },
        },
        {
          name: 'Soft',
          limit: { requests: 100, unitTime: 1, timeUnit: 'min' },
          tokens: { total: 100 },
          stopOnQuotaReach: false,
        },
      ],
      application: [
        {
          name: 'app-tokens',
          limit: { requests: null, unitTime: 1, timeUnit: 'hour' },
          tokens: { total: 5000 },
        },
      ],
      api: [],
    },
  }),
);
const deployment = compileDeployment(bundle);
const throttler = createThrottler(store);
afterAll(async () => {
  deployment.resources.retire();
  await store.close();
});

function ctxOf(app: 'app-1' | 'app-2') {
  const ctx = fakeContext({ url: '/svc/v1/chat' });
  ctx.api = deployment.apis.get('svc') ?? null;
  ctx.applicationId = app;
  ctx.credential = { kind: 'apiKey', applicationId: app, keyType: 'PRODUCTION' };
  ctx.plan = app === 'app-1' ? 'AI' : 'Soft';
  return ctx;
}

async function call(
  app: 'app-1' | 'app-2',
  usage: { prompt: number; completion: number; total: number },
) {
  const ctx = ctxOf(app);
  const outcome = await throttle(ctx, throttler, deployment).then(
    () => 'ok',
    () => ctx.throttledBy,
  );
  if (outcome === 'ok') await chargeTokens(ctx, usage);
  return { outcome, ctx };
}

describe('token quotas', () => {
  it('checks before the call and charges after it: the call that goes over completes, the next is throttled', async () => {
    const first = await call('app-1', { prompt: 300, completion: 400, total: 700 });
    expect(first.outcome).toBe('ok');
    expect(hasTokenQuota(first.ctx)).toBe(false); // charged once, then forgotten
    // 300 of 1000 total left: this call is admitted and goes over (700 + 500).
    expect((await call('app-1', { prompt: 100, completion: 400, total: 500 })).outcome).toBe('ok');
    const third = ctxOf('app-1');
    const error = await throttle(third, throttler, deployment).catch((e: unknown) => e);
    expect(third.throttledBy).toBe('subscription:AI:totalTokens');
    // 1200 tokens of a 1000-per-minute quota: one more token fits after 12 s and 60 ms.
    expect(error).toMatchObject({ status: 429, headers: { 'retry-after': '13' } });
    now += 13_000;
    expect((await call('app-1', { prompt: 1, completion: 0, total: 1 })).outcome).toBe('ok');
  });

  it('throttles on the first dimension over its quota (prompt here)', async () => {
    now += 120_000;
    expect((await call('app-1', { prompt: 650, completion: 0, total: 650 })).outcome).toBe('ok');
    expect((await call('app-1', { prompt: 0, completion: 0, total: 0 })).outcome).toBe(
      'subscription:AI:promptTokens',
    );
  });

  it('charges the application policy too, and it throttles across plans', async () => {
    now += 3_600_000;
    // 5000 per hour drains about 83 a minute: six minutes of 1000 each leave it over.
    for (let i = 0; i < 6; i++) {
      now += 60_000;
      expect((await call('app-1', { prompt: 0, completion: 1000, total: 1000 })).outcome).toBe(
        'ok',
      );
    }
    now += 60_000;
    expect((await call('app-1', { prompt: 0, completion: 0, total: 0 })).outcome).toBe(
      'application:app-tokens:totalTokens',
    );
  });

  it('lets a stopOnQuotaReach: false plan through over its token quota, marked', async () => {
    expect((await call('app-2', { prompt: 0, completion: 150, total: 150 })).outcome).toBe('ok');
    const { outcome, ctx } = await call('app-2', { prompt: 0, completion: 0, total: 0 });
    expect(outcome).toBe('ok');
    expect(ctx.throttledBy).toBe('subscription:Soft:totalTokens');
  });

  it('does nothing for a request without token quotas', async () => {
    const ctx = fakeContext();
    await expect(
      chargeTokens(ctx, { prompt: 1, completion: 1, total: 2 }),
    ).resolves.toBeUndefined();
    expect(hasTokenQuota(ctx)).toBe(false);
  });
});
