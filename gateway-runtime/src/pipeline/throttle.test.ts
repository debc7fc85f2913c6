import { describe, expect, it } from 'vitest';
import { fakeContext } from '../../test-support/context.js';
import { MemoryCounterStore } from '../stores/memory.js';
import { createThrottler, throttle } from './throttle.js';

describe('throttle', () => {
  it('admits every request in this release', async () => {
    const store = new MemoryCounterStore();
    const ctx = fakeContext();
    await expect(throttle(ctx, createThrottler(store))).resolves.toBeUndefined();
    expect(ctx.throttledBy).toBeNull();
    await store.close();
  });

  it('answers 429 with Retry-After and records the policy when a throttler rejects', async () => {
    const ctx = fakeContext();
    const rejecting = { check: () => Promise.resolve({ admit: false as const, policy: 'Gold', retryAfterSec: 7 }) };
    await expect(throttle(ctx, rejecting)).rejects.toMatchObject({ code: 'THROTTLED', status: 429, headers: { 'retry-after': '7' } });
    expect(ctx.throttledBy).toBe('Gold');
  });
});
