/**
 * Sequences inside the gateway pipeline (stages 6-8 for APIs that use them). The
 * request body is buffered (up to the smaller of the API's and the sequences' body
 * limits), then: the request flow; the endpoint (a sequence, or the HTTP endpoint
 * unless the request flow already `send`-ed); the response flow (skipped when a step
 * responded early); and, when any of these failed, the fault flow, which sees the
 * error response as its message and `variables.error`. Only failures from these
 * stages reach the fault flow: authentication, subscription and throttling
 * rejections answer directly.
 */
import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors.js';
import type { GatewayBundle } from '../model/bundle.js';
import type { Sequence } from '../model/sequences.js';
import type { RequestContext } from '../pipeline/context.js';
import { upstreamHeaders, type CompiledEndpoint } from '../pipeline/endpoint.js';
import { readRequestBody } from '../pipeline/request-body.js';
import type { Deployment } from '../runtime/deployment.js';
import type { PipelineRuntime } from '../pipeline/handler.js';
import { messageOf, outgoingHeaders, serializeBody } from './body.js';
import { resolveLimits, runSequence, type RunResult } from './engine.js';
import { faultResponse, type FaultResponse } from './faults.js';
import { forwardMessage } from './steps/send.js';
import type { HeaderMap, Message, RequestView, RunHost, TraceEntry } from './types.js';

const byBundle = new WeakMap<GatewayBundle, Map<string, Sequence>>();

/** The bundle's sequences by name, indexed once per bundle. */
export function sequencesOf(bundle: GatewayBundle): Map<string, Sequence> {
  let index = byBundle.get(bundle);
  if (!index) {
    index = new Map(bundle.sequences.map((s) => [s.name, s]));
    byBundle.set(bundle, index);
  }
  return index;
}

/** True when the request must go through the sequence engine rather than the plain proxy. */
export function usesSequences(ctx: RequestContext, endpoint: CompiledEndpoint): boolean {
  return endpoint.type === 'sequence' || Boolean(ctx.api?.hasMediation);
}

/** `?a=1&a=2&b=3` as `{ a: ['1', '2'], b: '3' }`. */
export function queryRecord(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const prior = out[key];
    out[key] =
      prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

/** A message that is still a request, answered as a 200 response (request headers dropped). */
export function asResponse(message: Message): Message {
  if (message.status !== null) return message;
  const headers: HeaderMap = {};
  const type = message.headers['content-type'];
  if (message.raw && type) headers['content-type'] = type;
  return { ...message, status: 200, headers };
}

function writeMessage(res: ServerResponse, message: Message): void {
  const { bytes, contentType } = serializeBody(message);
  const headers = outgoingHeaders(message, contentType);
  res.writeHead(message.status ?? 200, { ...headers, 'content-length': bytes.length });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

function faultMessage(fault: FaultResponse): Message {
  return { status: fault.status, headers: { ...fault.headers }, body: fault.body, raw: null };
}

/** The analytics view of a trace: no variables, no payloads. */
function forEvent(trace: TraceEntry[]): NonNullable<RequestContext['trace']> {
  return trace.map(({ step, type, durationMs, outcome, sequence }) => ({
    step,
    type,
    durationMs,
    outcome,
    sequence,
  }));
}

/** Serves a request of an API whose endpoint is a sequence or that attaches mediation sequences. */
export async function serveWithSequences(
  ctx: RequestContext,
  endpoint: CompiledEndpoint,
  deployment: Deployment,
  runtime: PipelineRuntime,
): Promise<void> {
  const api = ctx.api;
  if (!api) throw new GatewayError('INTERNAL_ERROR');
  const sequences = sequencesOf(deployment.bundle);
  const named = (name: string | null | undefined) => (name ? sequences.get(name) : undefined);
  const mediation = api.spec.mediation;
  const flows = {
    request: named(mediation?.request),
    endpoint: endpoint.type === 'sequence' ? named(endpoint.sequence) : undefined,
    response: named(mediation?.response),
    fault: named(mediation?.fault),
  };
  const first = flows.request ?? flows.endpoint ?? flows.response ?? flows.fault;
  const bodyLimit = Math.min(api.maxRequestBodyBytes, resolveLimits(first?.limits).maxBodyBytes);

  const client = new AbortController();
  const onClose = () => {
    if (ctx.res.writableFinished) return;
    ctx.clientAborted = true;
    client.abort(new GatewayError('CLIENT_CLOSED_REQUEST'));
  };
  ctx.res.once('close', onClose);

  const raw = await readRequestBody(ctx.req, bodyLimit);
  const headers = upstreamHeaders(ctx);
  const request: RequestView = {
    method: ctx.req.method ?? 'GET',
    path: ctx.rest,
    pathParams: ctx.pathParams,
    query: queryRecord(ctx.query),
    headers,
    body: messageOf(null, headers, raw).body,
  };
  const host: RunHost = {
    dispatcher: runtime.dispatcher,
    logger: runtime.logger,
    requestId: ctx.requestId,
    signal: client.signal,
    sendTarget:
      endpoint.type === 'http'
        ? {
            origin: endpoint.origin,
            basePath: endpoint.basePath,
            timeoutMs: endpoint.timeoutMs,
            query: ctx.query,
          }
        : null,
    sendUnavailable: `the API's ${ctx.keyType === 'SANDBOX' ? 'sandbox' : 'production'} endpoint is a ${endpoint.type}, not an HTTP endpoint`,
    onBackendLatency: (ms) => {
      ctx.backendLatencyMs = (ctx.backendLatencyMs ?? 0) + ms;
    },
  };
  const trace: TraceEntry[] = [];
  const run = async (sequence: Sequence, message: Message, variables?: Record<string, unknown>) => {
    const result: RunResult = await runSequence(
      sequence,
      { request, message, ...(variables && { variables }) },
      host,
    );
    trace.push(...result.trace);
    return result;
  };

  let current: Message = { status: null, headers: { ...headers }, body: request.body, raw };
  let response: Message | null = null;
  let fault: FaultResponse | null = null;
  let respondedEarly = false;
  if (flows.request) {
    const result = await run(flows.request, current);
    if (result.outcome === 'faulted') fault = result.fault;
    else if (result.outcome === 'responded') {
      response = result.message;
      respondedEarly = true;
    } else if (result.sent) response = result.message;
    else current = result.message;
  }
  if (!fault && !response) {
    if (flows.endpoint) {
      const result = await run(flows.endpoint, current);
      if (result.outcome === 'faulted') fault = result.fault;
      else response = asResponse(result.message);
    } else if (host.sendTarget) {
      try {
        response = await forwardMessage(host, host.sendTarget, request, current, {
          signal: client.signal,
          maxBodyBytes: resolveLimits(flows.response?.limits).maxBodyBytes,
        });
      } catch (error) {
        fault = faultResponse(error);
      }
    }
  }
  if (!fault && response && flows.response && !respondedEarly) {
    const result = await run(flows.response, response);
    if (result.outcome === 'faulted') fault = result.fault;
    else response = asResponse(result.message);
  }
  if (fault) {
    ctx.errorCode = fault.errorCode;
    response = null;
    if (flows.fault && fault.errorCode !== 'CLIENT_CLOSED_REQUEST') {
      const error = { status: fault.status, ...fault.body };
      const result = await run(flows.fault, faultMessage(fault), { error });
      if (result.outcome === 'faulted') fault = result.fault;
      else response = asResponse(result.message);
    }
  }
  ctx.res.off('close', onClose);
  if (trace.length > 0) ctx.trace = forEvent(trace);
  if (ctx.clientAborted || client.signal.aborted) {
    ctx.errorCode = 'CLIENT_CLOSED_REQUEST';
    return;
  }
  writeMessage(
    ctx.res,
    response ?? faultMessage(fault ?? faultResponse(new GatewayError('INTERNAL_ERROR'))),
  );
}
