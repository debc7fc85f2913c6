import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { counterKeys } from './counter-store.js';
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
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment('c', 10_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('deletes an application’s counters by prefix and leaves others', async () => {
    await store.increment(counterKeys.application('app-1', 'Gold'), 60_000);
    await store.increment(counterKeys.subscription('app-1', 'petstore', 'requests'), 60_000);
    await store.increment(counterKeys.subscription('app-10', 'petstore', 'requests'), 60_000);
    expect(await store.deleteByPrefix(counterKeys.applicationPrefix('app-1'))).toBe(2);
    expect(await store.get(counterKeys.subscription('app-10', 'petstore', 'requests'))).not.toBeNull();
    expect(await store.get(counterKeys.application('app-1', 'Gold'))).toBeNull();
  });
});
