/**
 * Folding summary rows from several sources (an environment's nodes, or several time
 * slices) into one table. Counts, tokens and costs add up; latency percentiles cannot
 * be merged without the raw samples, so the merged figure is the highest one (an
 * upper bound, labelled as such in the UI).
 */
import { z } from 'zod';
import { analyticsRow, type AnalyticsRow } from '../../ipc/contract.js';

/** A gateway's summary answer, checked before it is trusted. */
export const summaryAnswer = z.object({ rows: z.array(analyticsRow) });

const sums = [
  'requests',
  'errors',
  'throttled',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cost',
  'aiCost',
  'estimated',
] as const;
const maxima = ['p50', 'p95', 'p99'] as const;

/** Merges rows with the same bucket and key; the result is ordered by bucket, then key. */
export function mergeRows(groups: readonly (readonly AnalyticsRow[])[]): AnalyticsRow[] {
  const merged = new Map<string, AnalyticsRow>();
  for (const rows of groups) {
    for (const row of rows) {
      const id = `${row.bucket ?? ''}\u0000${row.key ?? '\u0001'}`;
      const into = merged.get(id);
      if (!into) {
        merged.set(id, { ...row });
        continue;
      }
      for (const field of sums) into[field] += row[field];
      for (const field of maxima) into[field] = Math.max(into[field], row[field]);
    }
  }
  return [...merged.values()].sort(
    (a, b) =>
      (a.bucket ?? '').localeCompare(b.bucket ?? '') || (a.key ?? '').localeCompare(b.key ?? ''),
  );
}

/** Bucket starts covering `[from, to)` aligned to `interval` as the gateway aligns them. */
export function bucketsOf(from: number, to: number, interval: number): number[] {
  const out: number[] = [];
  for (let start = Math.floor(from / interval) * interval; start < to; start += interval)
    out.push(start);
  return out;
}
