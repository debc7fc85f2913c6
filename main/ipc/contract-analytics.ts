/**
 * The IPC contract of the analytics dashboards: aggregates from the local gateway or
 * from every node of an environment, by a dimension and optionally by time bucket.
 * Part of the one contract in `contract.ts`. This file may import only zod.
 */
import { z } from 'zod';

/** Dimensions of a summary; `all` is one row per bucket (overall figures). */
export const analyticsGroupBy = z.enum(
  ['api', 'application', 'plan', 'model', 'vendor', 'status', 'all'],
  { error: 'groupBy: one of api, application, plan, model, vendor, status, all' },
);
export type AnalyticsGroupBy = z.infer<typeof analyticsGroupBy>;

/** Where the figures come from. */
export const analyticsSource = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('local') }),
    z.object({
      kind: z.literal('environment'),
      name: z.string().min(1, 'source.name: the environment name is required'),
    }),
  ],
  { error: 'source: { kind: "local" } or { kind: "environment", name }' },
);
export type AnalyticsSource = z.infer<typeof analyticsSource>;

const isoTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time' });

/** One aggregate row, as the gateway's `GET /admin/v1/analytics/summary` defines it. */
export const analyticsRow = z.object({
  key: z.string().nullable(),
  /** Start of the time bucket (ISO) when the query had an interval. */
  bucket: z.string().optional(),
  requests: z.number(),
  errors: z.number(),
  throttled: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
  cost: z.number(),
  aiCost: z.number().default(0),
  estimated: z.number().default(0),
});
export type AnalyticsRow = z.infer<typeof analyticsRow>;

export const analyticsChannels = {
  /**
   * Aggregates over `[from, to)` by `groupBy`, split into `interval` buckets when given.
   * From an environment the rows are summed over its nodes; latency percentiles are
   * then the highest node's (an upper bound), and each node's failure is reported.
   */
  'analytics.summary': {
    request: z.object({
      source: analyticsSource,
      groupBy: analyticsGroupBy,
      from: isoTime.optional(),
      to: isoTime.optional(),
      /** Bucket width in seconds (at least 1). */
      intervalSec: z
        .number()
        .int()
        .min(1, 'intervalSec: at least 1 second')
        .max(31 * 86_400, 'intervalSec: at most 31 days')
        .optional(),
    }),
    response: z.object({
      groupBy: analyticsGroupBy,
      rows: z.array(analyticsRow),
      nodes: z.array(z.object({ node: z.string(), ok: z.boolean(), error: z.string().optional() })),
    }),
  },
} as const;
