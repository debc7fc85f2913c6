/**
 * The dashboards' time ranges: each with a bucket width that gives 24-30 points, so a
 * chart reads well and an environment (one call per bucket) stays cheap.
 */

export const timeRanges = [
  { id: '15m', label: 'Last 15 minutes', spanMs: 15 * 60_000, intervalSec: 30 },
  { id: '1h', label: 'Last hour', spanMs: 3_600_000, intervalSec: 120 },
  { id: '6h', label: 'Last 6 hours', spanMs: 6 * 3_600_000, intervalSec: 900 },
  { id: '24h', label: 'Last 24 hours', spanMs: 24 * 3_600_000, intervalSec: 3600 },
  { id: '7d', label: 'Last 7 days', spanMs: 7 * 24 * 3_600_000, intervalSec: 6 * 3600 },
] as const;

export type TimeRangeId = (typeof timeRanges)[number]['id'];

export interface Window {
  from: string;
  to: string;
  intervalSec: number;
}

/** The query window of a range ending now; `to` is rounded up to a whole bucket so the last bucket is complete. */
export function windowOf(id: TimeRangeId, now: number): Window {
  const range = timeRanges.find((r) => r.id === id) ?? timeRanges[1];
  const interval = range.intervalSec * 1000;
  const to = Math.ceil((now + 1) / interval) * interval;
  return {
    from: new Date(to - range.spanMs).toISOString(),
    to: new Date(to).toISOString(),
    intervalSec: range.intervalSec,
  };
}

/** Every bucket start of a window (ISO), so empty buckets still show as zero. */
export function bucketStarts(window: Window): string[] {
  const interval = window.intervalSec * 1000;
  const out: string[] = [];
  for (let t = Date.parse(window.from); t < Date.parse(window.to); t += interval)
    out.push(new Date(t).toISOString());
  return out;
}

/** A short axis label for a bucket: time of day, or day and hour for long ranges. */
export function bucketLabel(iso: string, intervalSec: number): string {
  const d = new Date(iso);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  const ss = String(d.getSeconds()).padStart(2, '0');
  if (intervalSec >= 3600) return `${d.getMonth() + 1}/${d.getDate()} ${hh}:00`;
  return intervalSec < 60 ? `${hh}:${mm}:${ss}` : `${hh}:${mm}`;
}
