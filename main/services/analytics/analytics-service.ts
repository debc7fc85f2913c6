/**
 * The dashboards' data: the local gateway's analytics summary over its admin API,
 * or the same summary from every node of an environment, merged. Environments are
 * read through the environments service (it owns their admin URLs and tokens); it
 * has no time buckets, so a time series from an environment is one call per bucket.
 */
import type { AnalyticsGroupBy, AnalyticsRow, AnalyticsSource } from '../../ipc/contract.js';
import { StudioError } from '../errors.js';
import { bucketsOf, mergeRows, summaryAnswer } from './merge.js';

type NodeGroup = Exclude<AnalyticsGroupBy, 'all'>;

/** What the service needs of the gateway host and the environments service. */
export interface AnalyticsDeps {
  gateway: {
    admin(method: 'GET', path: string): Promise<{ status: number; body: unknown } | null>;
  };
  environments: {
    analytics(
      name: string,
      query: { groupBy: NodeGroup; from?: string; to?: string },
    ): Promise<{ node: string; summary: unknown; error?: string }[]>;
  };
  /** Epoch ms; default `Date.now`. */
  now?: () => number;
}

export interface AnalyticsQuery {
  source: AnalyticsSource;
  groupBy: AnalyticsGroupBy;
  from?: string;
  to?: string;
  intervalSec?: number;
}

export interface AnalyticsReport {
  groupBy: AnalyticsGroupBy;
  rows: AnalyticsRow[];
  nodes: { node: string; ok: boolean; error?: string }[];
}

/** Most time slices an environment series may ask its nodes for. */
export const MAX_ENVIRONMENT_BUCKETS = 48;

function describe(body: unknown): string {
  const b = body as { message?: unknown; description?: unknown } | null;
  const text = [b?.message, b?.description].filter((v) => typeof v === 'string' && v).join(': ');
  return text || 'no details';
}

export class AnalyticsService {
  private readonly now: () => number;

  constructor(private readonly deps: AnalyticsDeps) {
    this.now = deps.now ?? Date.now;
  }

  async summary(query: AnalyticsQuery): Promise<AnalyticsReport> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to))
      throw new StudioError('VALIDATION', 'from: must be before to');
    return query.source.kind === 'local'
      ? this.local(query)
      : this.environment(query.source.name, query);
  }

  private async local(query: AnalyticsQuery): Promise<AnalyticsReport> {
    const params = new URLSearchParams({ groupBy: query.groupBy });
    if (query.from) params.set('from', String(Date.parse(query.from)));
    if (query.to) params.set('to', String(Date.parse(query.to)));
    if (query.intervalSec) params.set('interval', `${query.intervalSec}s`);
    const res = await this.deps.gateway.admin('GET', `/admin/v1/analytics/summary?${params}`);
    if (!res)
      throw new StudioError(
        'GATEWAY_UNAVAILABLE',
        'The local gateway is not running: start it to see its analytics',
      );
    if (res.status !== 200)
      throw new StudioError(
        'INTERNAL',
        `The local gateway refused the summary (${res.status}): ${describe(res.body)}`,
      );
    const { rows } = summaryAnswer.parse(res.body);
    return { groupBy: query.groupBy, rows, nodes: [{ node: 'local', ok: true }] };
  }

  private async environment(name: string, query: AnalyticsQuery): Promise<AnalyticsReport> {
    // Nodes know no `all`: group by status (a few rows) and fold them into one.
    const groupBy: NodeGroup = query.groupBy === 'all' ? 'status' : query.groupBy;
    const label = (rows: AnalyticsRow[], bucket?: string): AnalyticsRow[] =>
      rows.map((row) => ({
        ...row,
        ...(query.groupBy === 'all' && { key: 'all' }),
        ...(bucket !== undefined && { bucket }),
      }));
    const slices = this.slices(query);
    const errors = new Map<string, string>();
    const seen = new Set<string>();
    const groups = await Promise.all(
      slices.map(async (slice) => {
        const answers = await this.deps.environments.analytics(name, {
          groupBy,
          ...(slice.from && { from: slice.from }),
          ...(slice.to && { to: slice.to }),
        });
        return answers.map((answer) => {
          seen.add(answer.node);
          if (answer.error !== undefined) {
            errors.set(answer.node, answer.error);
            return [];
          }
          const parsed = summaryAnswer.safeParse(answer.summary);
          if (!parsed.success) {
            errors.set(answer.node, 'answered a summary this studio cannot read');
            return [];
          }
          return label(parsed.data.rows, slice.bucket);
        });
      }),
    );
    return {
      groupBy: query.groupBy,
      rows: mergeRows(groups.flat()),
      nodes: [...seen].map((node) => {
        const error = errors.get(node);
        return error === undefined ? { node, ok: true } : { node, ok: false, error };
      }),
    };
  }

  /** The time slices to ask an environment for: one per bucket, or the whole range. */
  private slices(query: AnalyticsQuery): { from?: string; to?: string; bucket?: string }[] {
    if (!query.intervalSec)
      return [{ ...(query.from && { from: query.from }), ...(query.to && { to: query.to }) }];
    const interval = query.intervalSec * 1000;
    const to = query.to ? Date.parse(query.to) : this.now();
    const from = query.from ? Date.parse(query.from) : to - 3_600_000;
    const starts = bucketsOf(from, to, interval);
    if (starts.length > MAX_ENVIRONMENT_BUCKETS)
      throw new StudioError(
        'VALIDATION',
        `intervalSec: ${starts.length} buckets is too many for an environment (at most ${MAX_ENVIRONMENT_BUCKETS}); widen the interval or narrow the range`,
      );
    return starts.map((start) => ({
      from: new Date(Math.max(start, from)).toISOString(),
      to: new Date(Math.min(start + interval, to)).toISOString(),
      bucket: new Date(start).toISOString(),
    }));
  }
}
