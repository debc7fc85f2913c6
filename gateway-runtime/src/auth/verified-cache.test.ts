import { describe, expect, it } from 'vitest';
import { VerifiedCache } from './verified-cache.js';

describe('VerifiedCache', () => {
  const keysA = {};
  const keysB = {};

  it('answers only under the key set that verified the token', () => {
    const cache = new VerifiedCache<object, string>(() => 0);
    cache.set('t1', keysA, 'payload');
    expect(cache.get('t1', keysA)).toBe('payload');
    expect(cache.get('t2', keysA)).toBeUndefined();
    // New keys (a refetch): the entry is dropped, not kept for a later switch back.
    expect(cache.get('t1', keysB)).toBeUndefined();
    expect(cache.get('t1', keysA)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets an entry after its maximum age', () => {
    let now = 0;
    const cache = new VerifiedCache<object, string>(() => now, { maxAgeMs: 1_000 });
    cache.set('t', keysA, 'p');
    now = 999;
    expect(cache.get('t', keysA)).toBe('p');
    now = 1_000;
    expect(cache.get('t', keysA)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest first', () => {
    const cache = new VerifiedCache<object, number>(() => 0, { maxEntries: 3 });
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, keysA, i);
    expect(cache.size).toBe(3);
    expect(cache.get('t0', keysA)).toBeUndefined();
    expect(cache.get('t1', keysA)).toBeUndefined();
    expect([2, 3, 4].map((i) => cache.get(`t${i}`, keysA))).toEqual([2, 3, 4]);
    // Re-storing a present token does not evict another.
    cache.set('t4', keysA, 40);
    expect(cache.size).toBe(3);
    expect(cache.get('t2', keysA)).toBe(2);
  });
});
