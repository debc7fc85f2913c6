/**
 * Runs the stages in order for one request and makes sure exactly one analytics
 * event comes out of it, whatever happens: the event is recorded when the
 * response closes, whether it finished, failed or the client left.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Deployment } from '../runtime/deployment.js';
import type { AnalyticsStore } from '../stores/analytics-store.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { SecretStore } from '../stores/secret-store.js';
import type { TrafficRecorder } from '../traffic/recorder.js';
import { authenticate } from './authenticate.js';
import { createContext, type RequestContext } from './context.js';
import { denyAfterAuth, denyBeforeAuth } from './denylist.js';
import { proxy } from './endpoint.js';
import { proxyAi } from './endpoint-ai.js';
import { mediate } from './mediate.js';
import { serveWithSequences, usesSequences } from '../sequences/pipeline.js';
import { costOf, respondWithError, toEvent } from './respond.js';
import { route } from './route.js';
import { subscribe } from './subscribe.js';
import { throttle, type Throttler } from './throttle.js';

export interface PipelineRuntime {
  /** The deployment new requests start on (null: nothing deployed). */
  current(): Deployment | null;
  dispatcher: Dispatcher;
  throttler: Throttler;
  analytics: AnalyticsStore;
  metrics: GatewayMetrics;
  /** Epoch ms. */
  clock: () => number;
  /** True when the HTTPS listener verifies client certificates against a CA. */
  clientCaConfigured: boolean;
  logger: Logger;
  /** Where AI endpoints find their vendor keys. */
  secrets?: SecretStore;
  /** Counters of AI endpoints' backend limits. */
  counters?: CounterStore;
  /** The traffic log; null (the default) captures nothing and costs one check per request. */
  traffic?: TrafficRecorder | null;
}

async function run(
  ctx: RequestContext,
  deployment: Deployment | null,
  runtime: PipelineRuntime,
): Promise<void> {
  route(ctx, deployment?.routes ?? null);
  if (!deployment) return;
  denyBeforeAuth(ctx, deployment.denylist);
  await authenticate(ctx, deployment.auth, { clientCaConfigured: runtime.clientCaConfigured });
  denyAfterAuth(ctx, deployment.denylist);
  subscribe(ctx, deployment.subscriptions);
  await throttle(ctx, runtime.throttler, deployment);
  const endpoint = mediate(ctx);
  if (usesSequences(ctx, endpoint)) await serveWithSequences(ctx, endpoint, deployment, runtime);
  else if (endpoint.type === 'http') await proxy(ctx, endpoint, runtime.dispatcher);
  else if (endpoint.type === 'ai') await proxyAi(ctx, endpoint, runtime);
}

/** The `request` listener of the traffic servers. */
export function createRequestHandler(runtime: PipelineRuntime, protocol: 'http' | 'https') {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const deployment = runtime.current();
    deployment?.resources.acquire();
    runtime.metrics.inflight.inc();
    const ctx = createContext({
      req,
      res,
      requestId: randomUUID(),
      receivedAt: runtime.clock(),
      startedAt: performance.now(),
      protocol,
    });
    res.setHeader('x-request-id', ctx.requestId);
    const tap = runtime.traffic ? runtime.traffic.begin(ctx) : null;
    res.once('close', () => {
      // Unfinished with no stage error recorded: the client left first.
      if (!res.writableFinished && ctx.errorCode === null) ctx.clientAborted = true;
      const event = toEvent(ctx, performance.now());
      // Only answered requests are billed; rejections and failures cost nothing.
      const billed = ctx.plan !== null && event.status < 400;
      runtime.analytics.record(
        event,
        billed ? costOf(deployment?.billing.get(ctx.plan ?? ''), event.ai) : 0,
      );
      if (tap) tap.finish(event);
      runtime.metrics.observe(
        event.apiId,
        event.method,
        event.status,
        event.latencyMs,
        event.backendLatencyMs,
      );
      runtime.metrics.inflight.dec();
      deployment?.resources.release();
    });
    run(ctx, deployment, runtime).catch((error: unknown) => {
      if (!(error instanceof GatewayError))
        runtime.logger.error('request failed', { requestId: ctx.requestId, error: String(error) });
      respondWithError(ctx, error);
    });
  };
}
