/**
 * Load runs with autocannon's programmatic API: a fixed connection count for
 * saturation, or a fixed overall rate for latency at partial load. Latencies are
 * taken from autocannon's per-response event (float milliseconds) rather than its
 * histogram, which rounds to whole milliseconds: "under 2 ms added" needs better.
 */
import autocannon from 'autocannon';
import { percentile } from './stats.js';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  /** Requests per second over all connections (coordinated-omission corrected by autocannon). */
  overallRate?: number;
  /** Stop after this many requests instead of after `durationSec`. */
  amount?: number;
}

export interface LoadResult {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  elapsedMs: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSec,
        headers: options.headers ?? {},
        timeout: 10,
        ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
        ...(options.amount !== undefined && { amount: options.amount }),
      },
      (error, res) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const elapsedMs = performance.now() - started;
  const seconds = options.amount !== undefined ? elapsedMs / 1000 : result.duration;
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedMs,
  };
}
