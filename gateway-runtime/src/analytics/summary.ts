/**
 * Analytics aggregates. Definitions (documented in the README):
 * - `requests`: every event; `errors`: status >= 400 except 429; `throttled`: status 429.
 * - `p50`/`p95`/`p99`: nearest-rank percentiles of `latencyMs`.
 * - tokens: sums of the AI usage figures (absent counts as 0).
 * - `cost`: sum of each request's price under its plan's billing at the time of the
 *   request (`pricePerRequest` + tokens x price per million tokens).
 * - `aiCost`: sum of what AI calls cost at their vendors' price tables (what the
 *   provider charges, where `cost` is what the consumer is billed).
 * - `estimated`: AI calls whose figures the gateway estimated (vendor reported none).
 * With `interval`, rows are split by time bucket and carry `bucket` (ISO start).
 */
import type { Db } from '../stores/database.js';

/** `all` puts every event in one group (key `"all"`): overall figures and time series. */
export const summaryGroups = [
  'api',
  'application',
  'plan',
  'model',
  'vendor',
  'status',
  'all',
] as const;
export type SummaryGroup = (typeof summaryGroups)[number];

const groupColumn: Record<SummaryGroup, string> = {
  api: 'api_id',
  application: 'application_id',
  plan: 'plan',
  model: 'ai_model',
  vendor: 'ai_vendor',
  status: 'CAST(status AS TEXT)',
  all: "'all'",
};

export interface SummaryQuery {
  groupBy: SummaryGroup;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Bucket width in ms. */
  interval?: number;
}

export interface SummaryRow {
  key: string | null;
  /** Start of the time bucket (ISO), present when the query had an interval. */
  bucket?: string;
  requests: number;
  errors: number;
  throttled: number;
  p50: number;
  p95: number;
  p99: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  cost: number;
  aiCost: number;
  /** AI calls whose token figures were estimated. */
  estimated: number;
}

export interface SummaryResult {
  groupBy: SummaryGroup;
  rows: SummaryRow[];
}

interface Row {
  k: string | null;
  b: number;
  latency_ms: number;
  status: number;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
  ai_estimated: number | null;
  ai_cost: number | null;
  cost: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarize(db: Db, query: SummaryQuery): SummaryResult {
  const interval = query.interval && query.interval > 0 ? Math.floor(query.interval) : 0;
  const bucket = interval ? `(ts / ${interval}) * ${interval}` : '0';
  const statement = db.prepare(
    `SELECT ${groupColumn[query.groupBy]} AS k, ${bucket} AS b, latency_ms, status,
       prompt_tokens, completion_tokens, total_tokens, cached_tokens, reasoning_tokens, ai_estimated, ai_cost, cost
     FROM events WHERE ts >= ? AND ts < ? ORDER BY b, k, latency_ms`,
  );
  const rows: SummaryRow[] = [];
  let current: { row: SummaryRow; latencies: number[]; k: string | null; b: number } | null = null;
  const finish = () => {
    if (!current) return;
    const { row, latencies } = current;
    row.p50 = round(percentile(latencies, 50), 3);
    row.p95 = round(percentile(latencies, 95), 3);
    row.p99 = round(percentile(latencies, 99), 3);
    row.cost = round(row.cost, 6);
    row.aiCost = round(row.aiCost, 9);
    rows.push(row);
  };
  for (const r of statement.iterate(
    query.from ?? 0,
    query.to ?? Number.MAX_SAFE_INTEGER,
  ) as IterableIterator<Row>) {
    if (!current || current.k !== r.k || current.b !== r.b) {
      finish();
      const row: SummaryRow = {
        key: r.k,
        requests: 0,
        errors: 0,
        throttled: 0,
        p50: 0,
        p95: 0,
        p99: 0,
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        cachedTokens: 0,
        reasoningTokens: 0,
        cost: 0,
        aiCost: 0,
        estimated: 0,
      };
      if (interval) row.bucket = new Date(r.b).toISOString();
      current = { row, latencies: [], k: r.k, b: r.b };
    }
    const { row } = current;
    row.requests++;
    if (r.status === 429) row.throttled++;
    else if (r.status >= 400) row.errors++;
    row.promptTokens += r.prompt_tokens ?? 0;
    row.completionTokens += r.completion_tokens ?? 0;
    row.totalTokens += r.total_tokens ?? 0;
    row.cachedTokens += r.cached_tokens ?? 0;
    row.reasoningTokens += r.reasoning_tokens ?? 0;
    row.cost += r.cost;
    row.aiCost += r.ai_cost ?? 0;
    if (r.ai_estimated === 1) row.estimated++;
    current.latencies.push(r.latency_ms);
  }
  finish();
  return { groupBy: query.groupBy, rows };
}
