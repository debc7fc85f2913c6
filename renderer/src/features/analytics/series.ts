/**
 * Shaping summary rows for charts: one point per bucket (empty buckets as zeros),
 * and per-key series (tokens, cost) as one column per key.
 */
import type { AnalyticsRow } from '../../../../main/ipc/contract';

export interface TotalsPoint {
  bucket: string;
  requests: number;
  errors: number;
  throttled: number;
  p50: number;
  p95: number;
  p99: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cost: number;
}

/** The `all` rows of a bucketed summary, one point per bucket start. */
export function totalsSeries(
  rows: readonly AnalyticsRow[],
  buckets: readonly string[],
): TotalsPoint[] {
  const byBucket = new Map(rows.map((r) => [r.bucket ?? '', r]));
  return buckets.map((bucket) => {
    const r = byBucket.get(bucket);
    return {
      bucket,
      requests: r?.requests ?? 0,
      errors: r?.errors ?? 0,
      throttled: r?.throttled ?? 0,
      p50: r?.p50 ?? 0,
      p95: r?.p95 ?? 0,
      p99: r?.p99 ?? 0,
      promptTokens: r?.promptTokens ?? 0,
      completionTokens: r?.completionTokens ?? 0,
      totalTokens: r?.totalTokens ?? 0,
      cost: r?.cost ?? 0,
    };
  });
}

/** The label of a row's key; null keys (no API, anonymous) read as "(none)". */
export const keyLabel = (key: string | null): string => key ?? '(none)';

/** `{ bucket, <key>: value, ... }` per bucket for a per-key metric, and the keys in order. */
export function perKeySeries(
  rows: readonly AnalyticsRow[],
  buckets: readonly string[],
  metric: (row: AnalyticsRow) => number,
): { keys: string[]; points: Record<string, number | string>[] } {
  const keys = [...new Set(rows.filter((r) => metric(r) > 0).map((r) => keyLabel(r.key)))].sort();
  const points = buckets.map((bucket) => {
    const point: Record<string, number | string> = { bucket };
    for (const key of keys) point[key] = 0;
    for (const r of rows)
      if (r.bucket === bucket && keys.includes(keyLabel(r.key)))
        point[keyLabel(r.key)] = Number(point[keyLabel(r.key)] ?? 0) + metric(r);
    return point;
  });
  return { keys, points };
}
