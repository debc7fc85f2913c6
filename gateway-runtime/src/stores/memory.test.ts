import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { rateOf } from '../limits/gcra.js';
import { counterKeys, type RateCheck } from './counter-store.js';
import { MemoryCounterStore } from './memory.js';

describe('MemoryCounterStore', () => {
  let now = 1_000;
  const store = new MemoryCounterStore({ now: () => now });
  afterAll(() => store.close());
  afterEach(async () => {
    await store.deleteByPrefix('');
  });

  it('counts within a window and restarts after it ends', async () => {
    expect(await store.increment('k', 1000)).toEqual({ count: 1, resetAt: 2000 });
    expect(await store.increment('k', 1000, 5)).toEqual({ count: 6, resetAt: 2000 });
    now = 2000;
    expect(await store.get('k')).toBeNull();
    expect(await store.increment('k', 1000)).toEqual({ count: 1, resetAt: 3000 });
  });

  it('keeps concurrent increments exact', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.increment('c', 10_000)),
    );
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('deletes an application’s counters by prefix and leaves others', async () => {
    await store.increment(counterKeys.application('app-1', 'Gold'), 60_000);
    await store.increment(counterKeys.subscription('app-1', 'petstore', 'requests'), 60_000);
    await store.increment(counterKeys.subscription('app-10', 'petstore', 'requests'), 60_000);
    expect(await store.deleteByPrefix(counterKeys.applicationPrefix('app-1'))).toBe(2);
    expect(
      await store.get(counterKeys.subscription('app-10', 'petstore', 'requests')),
    ).not.toBeNull();
    expect(await store.get(counterKeys.application('app-1', 'Gold'))).toBeNull();
  });
});

describe('MemoryCounterStore rate counters', () => {
  let now = 1_000_000;
  const store = new MemoryCounterStore({ now: () => now });
  afterAll(() => store.close());
  afterEach(async () => {
    await store.deleteByPrefix('');
  });
  const perMinute = (limit: number) => rateOf(limit, 60_000);
  const check = (key: string, limit: number, extra: Partial<RateCheck> = {}): RateCheck => ({
    key,
    rate: perMinute(limit),
    cost: 1,
    hard: true,
    consume: true,
    ...extra,
  });

  it('admits exactly the limit of concurrent requests', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 300 }, () => store.consume([check('c', 120)])),
    );
    expect(decisions.filter((d) => d.admitted)).toHaveLength(120);
    expect(decisions.at(-1)?.results[0]).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterMs: 500,
    });
  });

  it('consumes nothing when a later counter denies', async () => {
    const first = check('first', 10);
    await store.consume([check('second', 1)]);
    for (let i = 0; i < 5; i++)
      expect((await store.consume([first, check('second', 1)])).admitted).toBe(false);
    const after = await store.consume([first]);
    expect(after.results[0]).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('lets a soft counter over its quota pass, without consuming it further', async () => {
    const soft = check('soft', 2, { hard: false });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.consume([soft, check('api', 100)]));
    expect(results.map((r) => [r.admitted, r.results[0]?.allowed])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, false],
    ]);
    expect(results[3]?.results[1]?.remaining).toBe(96);
    now += 30_000;
    expect((await store.consume([soft])).results[0]?.allowed).toBe(true);
  });

  it('checks without consuming, and charges whatever the state', async () => {
    const tokens = { key: 'tokens', rate: perMinute(1000) };
    const peek = { ...tokens, cost: 1, hard: true, consume: false };
    expect((await store.consume([peek])).results[0]).toMatchObject({
      allowed: true,
      remaining: 1000,
    });
    expect((await store.consume([peek])).results[0]).toMatchObject({ remaining: 1000 });
    await store.charge([{ ...tokens, cost: 1500 }]);
    const over = await store.consume([peek]);
    expect(over).toMatchObject({
      admitted: false,
      results: [{ allowed: false, retryAfterMs: 30_060 }],
    });
  });

  it('clears rate counters by prefix and drains what is still counted', async () => {
    await store.consume([check(counterKeys.application('app-1', 'Gold'), 10), check('api:x', 10)]);
    expect(await store.deleteByPrefix(counterKeys.applicationPrefix('app-1'))).toBe(1);
    expect(
      (
        await store.consume([
          check(counterKeys.application('app-1', 'Gold'), 10, { consume: false }),
        ])
      ).results[0]?.remaining,
    ).toBe(10);
    const debts = store.drainRateDebts();
    expect(debts).toEqual([{ key: 'api:x', ms: 6000, frac: 0, denom: 1 }]);
    expect(store.drainRateDebts()).toEqual([]);
  });
});
