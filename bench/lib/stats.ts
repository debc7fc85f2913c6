/**
 * Small statistics over repeated runs. Every figure the bench reports is the median
 * of its measured runs with their min and max, so one noisy run on a shared 2-core
 * machine moves the spread, not the headline.
 */

/** One figure over repeated runs. */
export interface Stat {
  unit: string;
  median: number;
  min: number;
  max: number;
  /** Each measured run, in order (warm-ups excluded). */
  runs: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(values: Float64Array | readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function stat(unit: string, runs: readonly number[]): Stat {
  return {
    unit,
    median: median(runs),
    min: Math.min(...runs),
    max: Math.max(...runs),
    runs: [...runs],
  };
}

/**
 * One `Stat` per named figure, each read from every run, e.g.
 * `statsOf(runs, { p99: ['ms', (r) => r.p99] })`: a table row's figures in one place.
 */
export function statsOf<T, K extends string>(
  runs: readonly T[],
  figures: Record<K, readonly [unit: string, pick: (run: T) => number]>,
): Record<K, Stat> {
  const entries = Object.entries<readonly [string, (run: T) => number]>(figures);
  return Object.fromEntries(
    entries.map(([name, [unit, pick]]) => [name, stat(unit, runs.map(pick))]),
  ) as Record<K, Stat>;
}

/** A ratio of medians (min/max are the ratios of the extremes, the widest plausible spread). */
export function ratio(numerator: Stat, denominator: Stat): Stat {
  return {
    unit: 'x',
    median: numerator.median / denominator.median,
    min: numerator.min / denominator.max,
    max: numerator.max / denominator.min,
    runs: [],
  };
}

/** A difference of medians, e.g. latency added by a proxy over the direct path. */
export function difference(value: Stat, base: Stat): Stat {
  return {
    unit: value.unit,
    median: value.median - base.median,
    min: value.min - base.max,
    max: value.max - base.min,
    runs: [],
  };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
