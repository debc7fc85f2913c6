import { describe, expect, it } from 'vitest';
import type { AnalyticsRow } from '../../ipc/contract.js';
import { bucketsOf, mergeRows } from './merge.js';

const row = (key: string, fields: Partial<AnalyticsRow> = {}): AnalyticsRow => ({
  key,
  requests: 0,
  errors: 0,
  throttled: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cost: 0,
  aiCost: 0,
  estimated: 0,
  ...fields,
});

describe('mergeRows', () => {
  it('adds counts, tokens and cost of equal keys and keeps the highest percentiles', () => {
    const nodeA = [
      row('petstore', { requests: 3, errors: 1, p95: 20, totalTokens: 10, cost: 1.5 }),
    ];
    const nodeB = [
      row('petstore', { requests: 2, throttled: 1, p95: 35, totalTokens: 5, cost: 0.5 }),
      row('orders', { requests: 1, p95: 4 }),
    ];
    expect(mergeRows([nodeA, nodeB])).toEqual([
      row('orders', { requests: 1, p95: 4 }),
      row('petstore', {
        requests: 5,
        errors: 1,
        throttled: 1,
        p95: 35,
        totalTokens: 15,
        cost: 2,
      }),
    ]);
  });

  it('keeps buckets apart and orders by bucket', () => {
    const a = [row('x', { bucket: '2026-01-01T00:01:00.000Z', requests: 1 })];
    const b = [row('x', { bucket: '2026-01-01T00:00:00.000Z', requests: 2 })];
    expect(mergeRows([a, b]).map((r) => [r.bucket, r.requests])).toEqual([
      ['2026-01-01T00:00:00.000Z', 2],
      ['2026-01-01T00:01:00.000Z', 1],
    ]);
  });

  it('folds relabelled rows into one overall row', () => {
    const byStatus = [row('200', { requests: 4 }), row('429', { requests: 1, throttled: 1 })];
    expect(mergeRows([byStatus.map((r) => ({ ...r, key: 'all' }))])).toEqual([
      row('all', { requests: 5, throttled: 1 }),
    ]);
  });
});

describe('bucketsOf', () => {
  it('aligns bucket starts to the interval and covers the range', () => {
    expect(bucketsOf(65_000, 185_000, 60_000)).toEqual([60_000, 120_000, 180_000]);
    expect(bucketsOf(0, 0, 1000)).toEqual([]);
  });
});
