/**
 * Prometheus metrics for `GET /metrics`: a registry per gateway (never the global
 * one, so several gateways in one process, as in tests, stay apart).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'portico_requests_total',
    help: 'Requests handled, by API, method and status',
    labelNames: ['api', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'portico_request_duration_seconds',
    help: 'Time from request to end of response, by API',
    labelNames: ['api'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly backendLatency = new Histogram({
    name: 'portico_backend_duration_seconds',
    help: 'Time spent on the backend call, by API',
    labelNames: ['api'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly inflight = new Gauge({
    name: 'portico_inflight_requests',
    help: 'Requests in progress',
    registers: [this.registry],
  });
  private readonly deployment = new Gauge({
    name: 'portico_deployment_info',
    help: 'The deployed revision (value 1)',
    labelNames: ['revision'] as const,
    registers: [this.registry],
  });

  private readonly counterStoreUp = new Gauge({
    name: 'portico_counter_store_up',
    help: 'Whether throttling counters are shared as configured (1) or counted on this node alone (0), by store',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  /** Reports the counter store: `memory` is always up; `redis` is 0 while the node counts locally. */
  setCounterStore(store: 'memory' | 'redis', up: boolean): void {
    this.counterStoreUp.reset();
    this.counterStoreUp.set({ store }, up ? 1 : 0);
  }

  observe(
    api: string | null,
    method: string,
    status: number,
    latencyMs: number,
    backendLatencyMs: number | null,
  ): void {
    const apiLabel = api ?? '';
    this.requests.inc({ api: apiLabel, method, status: String(status) });
    this.latency.observe({ api: apiLabel }, latencyMs / 1000);
    if (backendLatencyMs !== null)
      this.backendLatency.observe({ api: apiLabel }, backendLatencyMs / 1000);
  }

  setRevision(revision: string | null): void {
    this.deployment.reset();
    if (revision !== null) this.deployment.set({ revision }, 1);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
