import { describe, expect, it } from 'vitest';
import type { AnalyticsRow } from '../../ipc/contract.js';
import { AnalyticsService, type AnalyticsDeps } from './analytics-service.js';

const row = (key: string | null, fields: Partial<AnalyticsRow> = {}): AnalyticsRow => ({
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

type EnvQuery = Parameters<AnalyticsDeps['environments']['analytics']>[1];

function service(
  answer: (query: EnvQuery) => { node: string; summary: unknown; error?: string }[],
  local: { status: number; body: unknown } | null = null,
) {
  const paths: string[] = [];
  const queries: EnvQuery[] = [];
  const analytics = new AnalyticsService({
    gateway: {
      admin: async (_method, path) => {
        paths.push(path);
        return local;
      },
    },
    environments: {
      analytics: async (_name, query) => {
        queries.push(query);
        return answer(query);
      },
    },
    now: () => Date.parse('2026-05-01T10:00:00Z'),
  });
  return { analytics, paths, queries };
}

describe('AnalyticsService', () => {
  it('asks the local gateway with epoch times and an interval in seconds', async () => {
    const { analytics, paths } = service(() => [], {
      status: 200,
      body: { groupBy: 'all', rows: [row('all', { requests: 3, bucket: 'b' })] },
    });
    const report = await analytics.summary({
      source: { kind: 'local' },
      groupBy: 'all',
      from: '2026-05-01T09:00:00Z',
      to: '2026-05-01T10:00:00Z',
      intervalSec: 120,
    });
    expect(paths).toEqual([
      `/admin/v1/analytics/summary?groupBy=all&from=${Date.parse('2026-05-01T09:00:00Z')}&to=${Date.parse('2026-05-01T10:00:00Z')}&interval=120s`,
    ]);
    expect(report.rows[0]?.requests).toBe(3);
  });

  it('says the local gateway is not running when it is not', async () => {
    const { analytics } = service(() => []);
    await expect(
      analytics.summary({ source: { kind: 'local' }, groupBy: 'api' }),
    ).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
  });

  it('sums an environment’s nodes and reports the node that failed', async () => {
    const { analytics } = service(() => [
      { node: 'gw1', summary: { rows: [row('petstore', { requests: 2, p95: 10 })] } },
      { node: 'gw2', summary: { rows: [row('petstore', { requests: 3, p95: 30 })] } },
      { node: 'gw3', summary: null, error: 'connect ECONNREFUSED' },
    ]);
    const report = await analytics.summary({
      source: { kind: 'environment', name: 'staging' },
      groupBy: 'api',
    });
    expect(report.rows).toEqual([row('petstore', { requests: 5, p95: 30 })]);
    expect(report.nodes).toEqual([
      { node: 'gw1', ok: true },
      { node: 'gw2', ok: true },
      { node: 'gw3', ok: false, error: 'connect ECONNREFUSED' },
    ]);
  });

  it('builds an environment time series from one call per bucket, folding statuses into "all"', async () => {
    const { analytics, queries } = service((query) => [
      {
        node: 'gw1',
        summary: {
          rows:
            query.from === '2026-05-01T09:58:00.000Z'
              ? [row('200', { requests: 4 }), row('429', { requests: 1, throttled: 1 })]
              : [],
        },
      },
    ]);
    const report = await analytics.summary({
      source: { kind: 'environment', name: 'staging' },
      groupBy: 'all',
      from: '2026-05-01T09:56:00.000Z',
      to: '2026-05-01T10:00:00.000Z',
      intervalSec: 120,
    });
    expect(queries.map((q) => [q.groupBy, q.from, q.to])).toEqual([
      ['status', '2026-05-01T09:56:00.000Z', '2026-05-01T09:58:00.000Z'],
      ['status', '2026-05-01T09:58:00.000Z', '2026-05-01T10:00:00.000Z'],
    ]);
    expect(report.rows).toEqual([
      row('all', { bucket: '2026-05-01T09:58:00.000Z', requests: 5, throttled: 1 }),
    ]);
  });

  it('refuses an environment series of too many buckets, naming the field', async () => {
    const { analytics } = service(() => []);
    await expect(
      analytics.summary({
        source: { kind: 'environment', name: 'staging' },
        groupBy: 'all',
        from: '2026-05-01T00:00:00.000Z',
        to: '2026-05-01T10:00:00.000Z',
        intervalSec: 60,
      }),
    ).rejects.toThrow(/intervalSec: 600 buckets is too many/);
  });
});
