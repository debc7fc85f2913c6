import { afterEach, describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../analytics/event.js';
import { percentile } from '../analytics/summary.js';
import { AnalyticsStore } from './analytics-store.js';
import { openDatabase, type Db } from './database.js';

let db: Db;
let store: AnalyticsStore;

function open(options = {}) {
  db = openDatabase(null);
  store = new AnalyticsStore(db, { flushIntervalMs: 60_000, ...options });
  return store;
}

afterEach(() => {
  store.close();
  db.close();
});

let n = 0;
function event(overrides: Partial<AnalyticsEvent> = {}): AnalyticsEvent {
  n++;
  return {
    timestamp: new Date(Date.UTC(2026, 0, 1, 10, 0, n % 60)).toISOString(),
    requestId: `r-${n}`,
    apiId: 'svc',
    apiVersion: 'v1',
    method: 'GET',
    operation: '/x',
    applicationId: 'app-1',
    subscriptionPlan: 'Gold',
    keyType: 'PRODUCTION',
    status: 200,
    latencyMs: 10,
    backendLatencyMs: 5,
    errorCode: null,
    throttledBy: null,
    ...overrides,
  };
}

describe('AnalyticsStore', () => {
  it('buffers events until a flush and returns them unchanged, oldest first', () => {
    open();
    const ai = {
      vendor: 'openai',
      model: 'gpt-x',
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
      cachedTokens: null,
      reasoningTokens: 2,
      estimated: true,
      cost: 0.0042,
      endpointIndex: 1,
    };
    const first = event({ ai });
    const second = event({
      timestamp: new Date(Date.UTC(2025, 0, 1)).toISOString(),
      status: 401,
      errorCode: 'MISSING_CREDENTIALS',
      backendLatencyMs: null,
    });
    store.record(first);
    store.record(second);
    expect(store.pending).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS c FROM events').get()).toEqual({ c: 0 });
    expect(store.events()).toEqual([second, first]);
    expect(store.pending).toBe(0);
    expect(store.events({ since: Date.parse(first.timestamp) })).toEqual([first]);
    expect(store.events({ limit: 1 })).toEqual([second]);
  });

  it('flushes once the batch size is reached, and on close', async () => {
    open({ batchSize: 3 });
    for (let i = 0; i < 3; i++) store.record(event());
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.prepare('SELECT COUNT(*) AS c FROM events').get()).toEqual({ c: 3 });
    store.record(event());
    store.close();
    expect(db.prepare('SELECT COUNT(*) AS c FROM events').get()).toEqual({ c: 4 });
  });

  it('summarizes requests, errors (>= 400 but 429), throttled (429), percentiles, tokens and cost', () => {
    open();
    const latencies = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    latencies.forEach((latencyMs, i) =>
      store.record(event({ latencyMs, status: i < 7 ? 200 : i < 9 ? 500 : 429 }), 0.25),
    );
    store.record(
      event({
        apiId: 'other',
        ai: {
          vendor: 'v',
          model: 'm',
          promptTokens: 3,
          completionTokens: 4,
          totalTokens: 7,
          cachedTokens: 1,
          reasoningTokens: null,
          estimated: false,
          cost: 0.5,
        },
      }),
    );
    expect(store.summary({ groupBy: 'api' }).rows).toEqual([
      {
        key: 'other',
        requests: 1,
        errors: 0,
        throttled: 0,
        p50: 10,
        p95: 10,
        p99: 10,
        promptTokens: 3,
        completionTokens: 4,
        totalTokens: 7,
        cachedTokens: 1,
        reasoningTokens: 0,
        cost: 0,
        aiCost: 0.5,
        estimated: 0,
      },
      {
        key: 'svc',
        requests: 10,
        errors: 2,
        throttled: 1,
        p50: 5,
        p95: 10,
        p99: 10,
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        cachedTokens: 0,
        reasoningTokens: 0,
        cost: 2.5,
        aiCost: 0,
        estimated: 0,
      },
    ]);
    expect(store.summary({ groupBy: 'model' }).rows.map((r) => [r.key, r.requests])).toEqual([
      [null, 10],
      ['m', 1],
    ]);
  });

  it('splits rows by time bucket and honours from/to', () => {
    open();
    store.record(event({ timestamp: '2026-01-01T10:00:10.000Z' }));
    store.record(event({ timestamp: '2026-01-01T10:00:50.000Z' }));
    store.record(event({ timestamp: '2026-01-01T10:01:05.000Z', status: 404 }));
    const rows = store.summary({ groupBy: 'status', interval: 60_000 }).rows;
    expect(rows.map((r) => [r.bucket, r.key, r.requests])).toEqual([
      ['2026-01-01T10:00:00.000Z', '200', 2],
      ['2026-01-01T10:01:00.000Z', '404', 1],
    ]);
    const windowed = store.summary({
      groupBy: 'api',
      from: Date.parse('2026-01-01T10:00:30Z'),
      to: Date.parse('2026-01-01T10:01:00Z'),
    });
    expect(windowed.rows.map((r) => r.requests)).toEqual([1]);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });
});
