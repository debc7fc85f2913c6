import { describe, expect, it } from 'vitest';
import type { AnalyticsRow } from '../../../../main/ipc/contract';
import { perKeySeries, totalsSeries } from './series';

const row = (key: string | null, bucket: string, fields: Partial<AnalyticsRow>): AnalyticsRow => ({
  key,
  bucket,
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

describe('totalsSeries', () => {
  it('gives every bucket a point, zero where nothing happened', () => {
    const points = totalsSeries(
      [row('all', 'b2', { requests: 3, errors: 1, p95: 12 })],
      ['b1', 'b2'],
    );
    expect(points.map((p) => [p.bucket, p.requests, p.errors, p.p95])).toEqual([
      ['b1', 0, 0, 0],
      ['b2', 3, 1, 12],
    ]);
  });
});

describe('perKeySeries', () => {
  it('makes one column per key that has any value', () => {
    const rows = [
      row('gpt-4o', 'b1', { totalTokens: 100 }),
      row('mistral', 'b2', { totalTokens: 40 }),
      row(null, 'b2', { totalTokens: 0 }),
    ];
    expect(perKeySeries(rows, ['b1', 'b2'], (r) => r.totalTokens)).toEqual({
      keys: ['gpt-4o', 'mistral'],
      points: [
        { bucket: 'b1', 'gpt-4o': 100, mistral: 0 },
        { bucket: 'b2', 'gpt-4o': 0, mistral: 40 },
      ],
    });
  });
});
