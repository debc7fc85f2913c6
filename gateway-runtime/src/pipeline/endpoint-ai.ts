/**
 * Stage 7 for AI endpoints. The client's body is read once (the model and stream
 * flag are in it); then the primary endpoint is called and, when it answers 429 or
 * 5xx, cannot be reached, times out, is over its backend limit or has no key, the
 * next fallback, for as long as no byte has reached the client. The response head
 * goes out with the first body chunk, so a vendor that stalls before its first byte
 * can still be replaced; after that the stream is never retried.
 *
 * The vendor key comes from the secret store and goes in the vendor's header; any
 * `Authorization`, `api-key` or `x-api-key` the client sent (meant for Portico) is
 * dropped. The body streams back chunk by chunk (undici `dispatch`, VendorCall) while
 * a ResponseMeter reads usage from each chunk after it was written; the usage is final
 * at the end of the body, or estimated when the client leaves first, and is then put
 * on the analytics event and charged to the token quotas (plan, application and
 * backend).
 */
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AiUsage } from '../analytics/event.js';
import { admitBackend, chargeBackend } from '../ai/backend-limits.js';
import { loadTokenizer } from '../ai/estimate.js';
import { promptText, readClientRequest, requestedModel, upstreamBody } from '../ai/request.js';
import { meterMode, ResponseMeter } from '../ai/response-meter.js';
import { upstreamTarget, type AiTarget } from '../ai/targets.js';
import type { VendorSpec } from '../ai/types.js';
import { UsageTracker, type Ending } from '../ai/usage.js';
import { VendorCall, type VendorHead } from '../ai/vendor-call.js';
import { GatewayError } from '../errors.js';
import { chargeTokens } from '../limits/tokens.js';
import type { Logger } from '../logger.js';
import type { HttpMethod } from '../model/bundle.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { SecretStore } from '../stores/secret-store.js';
import type { RequestContext } from './context.js';
import {
  downstreamHeaders,
  upstreamError,
  upstreamHeaders,
  type CompiledEndpoint,
} from './endpoint.js';
import { readRequestBody } from './request-body.js';

export type CompiledAiEndpoint = Extract<CompiledEndpoint, { type: 'ai' }>;

/** What the AI proxy needs of the gateway. */
export interface AiProxyRuntime {
  dispatcher: Dispatcher;
  secrets?: SecretStore | undefined;
  /** For backend limits; absent: they are not enforced. */
  counters?: CounterStore | undefined;
  logger: Logger;
}

/** Credentials a client may have sent for Portico (or a vendor): never forwarded as they are. */
const clientCredentials = ['authorization', 'api-key', 'x-api-key'];

/** A vendor answer that the next endpoint may do better on. */
const worthRetrying = (status: number) => status === 429 || status >= 500;

/** The headers sent to the vendor. */
export function aiUpstreamHeaders(
  ctx: RequestContext,
  spec: VendorSpec,
  key: string | null,
  bodyLength: number,
): Record<string, string | string[]> {
  const headers = upstreamHeaders(ctx);
  for (const name of [...clientCredentials, spec.auth.header, 'content-length', 'accept-encoding'])
    delete headers[name];
  for (const [name, value] of Object.entries(spec.headers)) headers[name] ??= value;
  if (key !== null) headers[spec.auth.header] = `${spec.auth.prefix}${key}`;
  // Usage is read from the body as it passes: it must come uncompressed.
  headers['accept-encoding'] = 'identity';
  if (bodyLength > 0) headers['content-length'] = String(bodyLength);
  return headers;
}

/** Writes what the meter forwards of one vendor chunk; false when the client's socket is full. */
function write(res: ServerResponse, parts: readonly Buffer[]): boolean {
  if (res.destroyed) return true;
  // One write per vendor chunk: the pieces the usage filter returns go out joined, as
  // one chunk on the wire rather than one each.
  const part = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  return part === undefined || part.length === 0 || res.write(part);
}

/** The `ai` block of a call whose tokens are not counted (a vendor error, no response). */
function unmetered(spec: VendorSpec, model: string | null, endpointIndex: number): AiUsage {
  return {
    vendor: spec.name,
    model,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    cachedTokens: null,
    reasoningTokens: null,
    estimated: false,
    cost: null,
    endpointIndex,
  };
}

interface Served {
  tracker: UsageTracker;
  target: AiTarget;
  metered: boolean;
}

/** Proxies one request to an AI endpoint (with fallbacks) and meters its tokens. */
export async function proxyAi(
  ctx: RequestContext,
  endpoint: CompiledAiEndpoint,
  rt: AiProxyRuntime,
): Promise<void> {
  const { req, res } = ctx;
  const apiId = ctx.api?.spec.id ?? '';
  // Production and sandbox endpoints have budgets of their own.
  const keyType = ctx.keyType === 'SANDBOX' ? 'sandbox' : 'production';
  /** The vendor call in progress, stopped when the client leaves. */
  let call: VendorCall | null = null;
  let clientGone = false;
  let served: Served | null = null;
  let finished = false;

  /** Final usage: on the event, and charged. Runs once: at the body's end, or when the response closes first. */
  const finish = (ending: Ending) => {
    if (finished || !served) return;
    finished = true;
    if (!served.metered) return;
    const usage = served.tracker.toUsage(ending, served.target.index);
    ctx.ai = usage;
    const figures = {
      prompt: usage.promptTokens ?? 0,
      completion: usage.completionTokens ?? 0,
      total: usage.totalTokens ?? 0,
    };
    chargeTokens(ctx, figures).catch((error: unknown) =>
      rt.logger.warn('token charge failed', { error: String(error) }),
    );
    const { limit, label } = served.target;
    if (limit && rt.counters)
      void chargeBackend(rt.counters, apiId, `${keyType}:${label}`, limit, usage);
  };
  // Before the handler's own listener, so the analytics event it records carries the usage.
  res.prependOnceListener('close', () => {
    if (!res.writableFinished) {
      clientGone = true;
      call?.abort(new Error('client closed the request'));
    }
    finish('incomplete');
  });

  const body = await readRequestBody(req, ctx.api?.maxRequestBodyBytes ?? Number.POSITIVE_INFINITY);
  await loadTokenizer();
  const request = readClientRequest(body);
  const started = performance.now();
  let lastError: GatewayError | null = null;
  let throttledBy: string | null = null;
  let called = false;

  for (const target of endpoint.targets) {
    const last = target === endpoint.targets[endpoint.targets.length - 1];
    const spec = target.vendor.spec;
    const { path, pathOnly } = upstreamTarget(target, ctx.rest, ctx.query);
    const model = target.model ?? requestedModel(spec, request, req.headers, pathOnly);
    ctx.ai = unmetered(spec, model, target.index);

    if (target.limit && rt.counters) {
      const waitMs = await admitBackend(
        rt.counters,
        apiId,
        `${keyType}:${target.label}`,
        target.limit,
      );
      if (waitMs !== null) {
        throttledBy = `backend:${keyType}:${target.label}`;
        lastError = new GatewayError(
          'THROTTLED',
          `Over the backend limit of the ${target.label} AI endpoint`,
          {
            'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
          },
        );
        continue;
      }
    }
    const key = target.secretRef === null ? null : (rt.secrets?.get(target.secretRef) ?? null);
    if (target.secretRef !== null && key === null) {
      rt.logger.warn('AI vendor key secret is not set', { secret: target.secretRef });
      lastError = new GatewayError(
        'BACKEND_UNREACHABLE',
        `The vendor key secret "${target.secretRef}" is not set (PUT /admin/v1/secrets/${target.secretRef})`,
      );
      continue;
    }

    const prepared = upstreamBody(spec, request, target.model, pathOnly);
    called = true;
    if (clientGone) throw new GatewayError('CLIENT_CLOSED_REQUEST');
    const current = new VendorCall();
    call = current;
    rt.dispatcher.dispatch(
      {
        origin: target.origin,
        path,
        method: (req.method ?? 'POST') as HttpMethod,
        headers: aiUpstreamHeaders(ctx, spec, key, prepared.body.length),
        body: prepared.body.length > 0 ? prepared.body : null,
        headersTimeout: target.timeoutMs,
        bodyTimeout: target.timeoutMs,
      },
      current,
    );
    let head: VendorHead;
    try {
      head = await current.head();
      if (worthRetrying(head.statusCode) && !last) {
        current.discard();
        lastError = new GatewayError(
          'BACKEND_UNREACHABLE',
          `The ${target.label} AI endpoint answered ${head.statusCode}`,
        );
        continue;
      }
      await current.firstChunk();
    } catch (error) {
      if (clientGone) throw new GatewayError('CLIENT_CLOSED_REQUEST');
      lastError = upstreamError(error, target.timeoutMs);
      continue;
    }
    const tracker = new UsageTracker(spec, model, promptText(spec, request));
    served = { tracker, target, metered: head.statusCode < 400 };
    return stream(ctx, {
      call: current,
      head,
      tracker,
      target,
      injectedUsage: prepared.injectedUsage,
      started,
      served,
      finish,
      clientGone: () => clientGone,
    });
  }
  if (called) ctx.backendLatencyMs = performance.now() - started;
  if (lastError?.code === 'THROTTLED') ctx.throttledBy = throttledBy;
  throw lastError ?? new GatewayError('INTERNAL_ERROR');
}

interface StreamArgs {
  call: VendorCall;
  head: VendorHead;
  tracker: UsageTracker;
  target: AiTarget;
  injectedUsage: boolean;
  started: number;
  served: Served;
  finish: (ending: Ending) => void;
  clientGone: () => boolean;
}

/** Sends the chosen answer to the client chunk by chunk, metering it on the way; resolves at its end. */
function stream(ctx: RequestContext, a: StreamArgs): Promise<void> {
  const { res } = ctx;
  const { call, head, tracker } = a;
  const mode = a.served.metered ? meterMode(head.headers) : 'opaque';
  const meter = new ResponseMeter(tracker, mode, a.injectedUsage, a.target.vendor.handler);
  if (a.served.metered) tracker.readHeaders(head.headers);
  const headers = downstreamHeaders(head.headers);
  if (meter.altersBody) delete headers['content-length'];
  res.writeHead(head.statusCode, headers);
  const resume = () => call.resume();
  return new Promise((resolve) => {
    call.stream({
      data(chunk) {
        // Written first, read after: accounting never delays a byte.
        const flowing = write(res, meter.forward(chunk));
        meter.account(chunk);
        if (!flowing) res.once('drain', resume);
        return flowing;
      },
      end() {
        ctx.backendLatencyMs = performance.now() - a.started;
        const rest = meter.end();
        a.finish('complete');
        write(res, rest);
        res.end();
        resolve();
      },
      error(error) {
        ctx.backendLatencyMs ??= performance.now() - a.started;
        // Headers are out: a failure now can only cut the connection.
        if (!a.clientGone()) ctx.errorCode = upstreamError(error, a.target.timeoutMs).code;
        a.finish('incomplete');
        res.destroy();
        resolve();
      },
    });
  });
}
