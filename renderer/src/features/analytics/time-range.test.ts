import { describe, expect, it } from 'vitest';
import { bucketStarts, windowOf } from './time-range';

describe('windowOf', () => {
  it('ends on a whole bucket after now and spans the range', () => {
    const now = Date.parse('2026-05-01T10:07:31.000Z');
    const w = windowOf('1h', now);
    expect(w).toEqual({
      from: '2026-05-01T09:08:00.000Z',
      to: '2026-05-01T10:08:00.000Z',
      intervalSec: 120,
    });
    expect(bucketStarts(w)).toHaveLength(30);
    expect(bucketStarts(w)[29]).toBe('2026-05-01T10:06:00.000Z');
  });

  it('keeps every range within 48 buckets (what an environment series allows)', () => {
    for (const id of ['15m', '1h', '6h', '24h', '7d'] as const)
      expect(
        bucketStarts(windowOf(id, Date.parse('2026-05-01T00:00:00Z'))).length,
      ).toBeLessThanOrEqual(48);
  });
});
