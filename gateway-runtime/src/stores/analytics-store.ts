/**
 * Analytics events, buffered in memory and written to SQLite in one transaction
 * every `flushIntervalMs` or `batchSize` events, so a request never waits on disk.
 * `close()` flushes what is left; reads flush first so they see every event.
 */
import type { AnalyticsEvent } from '../analytics/event.js';
import { summarize, type SummaryQuery, type SummaryResult } from '../analytics/summary.js';
import type { Db } from './database.js';

export interface AnalyticsStoreOptions {
  flushIntervalMs?: number;
  batchSize?: number;
  /** Called when a flush fails; events of that batch are dropped. */
  onError?: (error: unknown) => void;
}

/** Query of raw events: `since` (epoch ms, inclusive) and `limit`, oldest first. */
export interface EventsQuery {
  since?: number;
  limit?: number;
}

interface EventRow {
  ts: number;
  request_id: string;
  api_id: string | null;
  api_version: string | null;
  method: string;
  operation: string | null;
  application_id: string | null;
  plan: string | null;
  key_type: AnalyticsEvent['keyType'];
  status: number;
  latency_ms: number;
  backend_latency_ms: number | null;
  error_code: string | null;
  throttled_by: string | null;
  ai_vendor: string | null;
  ai_model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
  ai_estimated: number | null;
  ai_cost: number | null;
  ai_endpoint_index: number | null;
  trace: string | null;
}

export class AnalyticsStore {
  private buffer: { event: AnalyticsEvent; cost: number }[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly insert;
  private readonly writeBatch;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: AnalyticsStoreOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.insert = db.prepare(
      `INSERT INTO events (ts, request_id, api_id, api_version, method, operation, application_id, plan, key_type,
         status, latency_ms, backend_latency_ms, error_code, throttled_by, ai_vendor, ai_model, prompt_tokens,
         completion_tokens, total_tokens, cached_tokens, reasoning_tokens, ai_estimated, ai_cost, ai_endpoint_index, trace, cost)
       VALUES (${Array(26).fill('?').join(', ')})`,
    );
    this.writeBatch = db.transaction((batch: { event: AnalyticsEvent; cost: number }[]) => {
      // Positional values: binding by name costs a lookup per column per row.
      for (const { event, cost } of batch) this.insert.run(...toValues(event), cost);
    });
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  /** Queues one event; `cost` is what the request costs under its plan's billing. */
  record(event: AnalyticsEvent, cost = 0): void {
    if (this.closed) return;
    this.buffer.push({ event, cost });
    if (this.buffer.length >= this.batchSize) setImmediate(() => this.flush());
  }

  /** Events waiting for the next flush. */
  get pending(): number {
    return this.buffer.length;
  }

  flush(): void {
    if (this.buffer.length === 0 || !this.db.open) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      this.writeBatch(batch);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  events(query: EventsQuery = {}): AnalyticsEvent[] {
    this.flush();
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 10_000);
    const rows = this.db
      .prepare('SELECT * FROM events WHERE ts >= ? ORDER BY ts, id LIMIT ?')
      .all(query.since ?? 0, limit) as EventRow[];
    return rows.map(fromRow);
  }

  summary(query: SummaryQuery): SummaryResult {
    this.flush();
    return summarize(this.db, query);
  }

  /** Flushes and stops the timer; later events are ignored. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
    this.closed = true;
  }
}

/** An event's columns in the INSERT's order (the EventRow columns, `cost` excluded). */
function toValues(e: AnalyticsEvent): (string | number | null)[] {
  const ai = e.ai;
  return [
    Date.parse(e.timestamp),
    e.requestId,
    e.apiId,
    e.apiVersion,
    e.method,
    e.operation,
    e.applicationId,
    e.subscriptionPlan,
    e.keyType,
    e.status,
    e.latencyMs,
    e.backendLatencyMs,
    e.errorCode,
    e.throttledBy,
    ai?.vendor ?? null,
    ai?.model ?? null,
    ai?.promptTokens ?? null,
    ai?.completionTokens ?? null,
    ai?.totalTokens ?? null,
    ai?.cachedTokens ?? null,
    ai?.reasoningTokens ?? null,
    ai ? Number(ai.estimated) : null,
    ai?.cost ?? null,
    ai?.endpointIndex ?? null,
    e.trace ? JSON.stringify(e.trace) : null,
  ];
}

function fromRow(r: EventRow): AnalyticsEvent {
  const event: AnalyticsEvent = {
    timestamp: new Date(r.ts).toISOString(),
    requestId: r.request_id,
    apiId: r.api_id,
    apiVersion: r.api_version,
    method: r.method,
    operation: r.operation,
    applicationId: r.application_id,
    subscriptionPlan: r.plan,
    keyType: r.key_type,
    status: r.status,
    latencyMs: r.latency_ms,
    backendLatencyMs: r.backend_latency_ms,
    errorCode: r.error_code,
    throttledBy: r.throttled_by,
  };
  if (r.ai_vendor !== null) {
    event.ai = {
      vendor: r.ai_vendor,
      model: r.ai_model,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      totalTokens: r.total_tokens,
      cachedTokens: r.cached_tokens,
      reasoningTokens: r.reasoning_tokens,
      estimated: r.ai_estimated === 1,
      cost: r.ai_cost,
    };
    if (r.ai_endpoint_index !== null) event.ai.endpointIndex = r.ai_endpoint_index;
  }
  if (r.trace !== null) event.trace = JSON.parse(r.trace) as NonNullable<AnalyticsEvent['trace']>;
  return event;
}
