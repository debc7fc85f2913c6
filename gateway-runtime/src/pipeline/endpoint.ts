/**
 * Stage 7, endpoint: the HTTP proxy. Bodies stream both ways through an undici
 * Agent (keep-alive pools per backend origin); nothing is buffered. Hop-by-hop
 * headers and the consumed credential are dropped, `X-Forwarded-*` and the request
 * id added. Timeouts answer 504, connection failures 502, bodies over the API's
 * limit 413, and a client that goes away aborts the backend request. AI endpoints
 * take their own path (endpoint-ai.ts).
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { GatewayError } from '../errors.js';
import { compileAiTargets, type AiTarget } from '../ai/targets.js';
import type { AiVendor, Endpoint, HttpMethod } from '../model/bundle.js';
import type { RequestContext } from './context.js';

export type CompiledEndpoint =
  | { type: 'http'; origin: string; basePath: string; timeoutMs: number }
  | { type: 'sequence'; sequence: string }
  | {
      type: 'ai';
      vendor: string;
      url: string;
      secretRef: string | null;
      timeoutMs: number;
      /** The primary (index 0) then each fallback, vendors resolved. */
      targets: AiTarget[];
    };

export interface CompiledEndpoints {
  production: CompiledEndpoint | null;
  sandbox: CompiledEndpoint | null;
}

/** Compiles an endpoint; AI endpoints resolve their vendors against the bundle's `aiVendors`. */
export function compileEndpoint(
  endpoint: Endpoint | null | undefined,
  aiVendors: readonly AiVendor[] = [],
): CompiledEndpoint | null {
  if (!endpoint) return null;
  switch (endpoint.type) {
    case 'http': {
      const url = new URL(endpoint.url);
      return {
        type: 'http',
        origin: url.origin,
        basePath: url.pathname.replace(/\/+$/, ''),
        timeoutMs: endpoint.timeoutMs,
      };
    }
    case 'sequence':
      return { type: 'sequence', sequence: endpoint.sequence };
    case 'ai':
      return {
        type: 'ai',
        vendor: endpoint.vendor,
        url: endpoint.url,
        secretRef: endpoint.secretRef ?? null,
        timeoutMs: endpoint.timeoutMs,
        targets: compileAiTargets(endpoint, aiVendors),
      };
  }
}

/** Headers that describe one connection, not the message (RFC 9110 section 7.6.1), plus ones undici sets itself. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);
const notForwarded = new Set([...hopByHop, 'host', 'expect']);

function connectionTokens(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

/** The headers sent to the backend. */
export function upstreamHeaders(ctx: RequestContext): Record<string, string | string[]> {
  const incoming = ctx.req.headers;
  const drop = new Set(connectionTokens(incoming.connection));
  const credential = ctx.credential;
  if (credential?.kind === 'apiKey' && ctx.api?.security.apiKeyHeader)
    drop.add(ctx.api.security.apiKeyHeader);
  if (credential?.kind === 'jwt') drop.add('authorization');
  const out: Record<string, string | string[]> = {};
  for (const name of Object.keys(incoming)) {
    const value = incoming[name];
    if (value === undefined || notForwarded.has(name) || drop.has(name)) continue;
    out[name] = value;
  }
  const prior = incoming['x-forwarded-for'];
  out['x-forwarded-for'] = prior
    ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${ctx.clientIp}`
    : ctx.clientIp;
  out['x-forwarded-proto'] = ctx.protocol;
  if (incoming.host) out['x-forwarded-host'] = incoming.host;
  out['x-request-id'] = ctx.requestId;
  return out;
}

/** The backend's response headers minus hop-by-hop ones. */
export function downstreamHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const drop = new Set(connectionTokens(headers.connection));
  const out: OutgoingHttpHeaders = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined || hopByHop.has(name) || drop.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Maps an undici failure before the response headers to a catalogue error. */
export function upstreamError(error: unknown, timeoutMs: number): GatewayError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new GatewayError('BACKEND_TIMEOUT', `The backend did not answer within ${timeoutMs} ms`);
  }
  const reason = typeof code === 'string' ? ` (${code})` : '';
  return new GatewayError('BACKEND_UNREACHABLE', `The backend could not be reached${reason}`);
}

class BodyTooLarge extends Error {}

/** Streams a body of unknown length, failing once it passes `limit` bytes. */
async function* limited(source: Readable, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  // destroyOnReturn false: the socket must survive so the client can still read the 413.
  for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new BodyTooLarge();
    yield chunk;
  }
}

/** 413 for a body over the API's limit; the connection closes, the rest of the body is not read. */
export function tooLarge(limit: number): GatewayError {
  return new GatewayError('REQUEST_TOO_LARGE', `The request body exceeds ${limit} bytes`, {
    connection: 'close',
  });
}

/**
 * Proxies the request to an HTTP endpoint and streams the response back. It uses
 * undici's `dispatch` with a handler that writes each chunk straight into `res`
 * (pausing the backend while `res` is full): no response stream, no `pipeline`, no
 * per-request AbortController, which is most of what a proxy allocates per request.
 */
export function proxy(
  ctx: RequestContext,
  endpoint: Extract<CompiledEndpoint, { type: 'http' }>,
  dispatcher: Dispatcher,
): Promise<void> {
  const { req } = ctx;
  const limit = ctx.api?.maxRequestBodyBytes ?? Number.POSITIVE_INFINITY;
  const declared = req.headers['content-length'];
  let body: Readable | null = null;
  let streamed: Readable | null = null;
  if (declared !== undefined) {
    const length = Number(declared);
    if (length > limit) return Promise.reject(tooLarge(limit));
    // Node's parser already holds the body to exactly this length.
    if (length > 0) body = req;
  } else if (req.headers['transfer-encoding'] !== undefined) {
    streamed = Readable.from(limited(req, limit), { objectMode: false });
    body = streamed;
  }
  return new Promise((resolve, reject) => {
    const handler = new ProxyHandler(ctx, endpoint.timeoutMs, resolve, (error) => {
      if (
        streamed?.errored instanceof BodyTooLarge ||
        (error as Error | null)?.cause instanceof BodyTooLarge ||
        error instanceof BodyTooLarge
      ) {
        reject(tooLarge(limit));
      } else if (ctx.clientAborted) reject(new GatewayError('CLIENT_CLOSED_REQUEST'));
      else reject(upstreamError(error, endpoint.timeoutMs));
    });
    dispatcher.dispatch(
      {
        origin: endpoint.origin,
        path: endpoint.basePath + ctx.rest + ctx.query,
        method: (req.method ?? 'GET') as HttpMethod,
        headers: upstreamHeaders(ctx),
        body,
        headersTimeout: endpoint.timeoutMs,
        bodyTimeout: endpoint.timeoutMs,
      },
      handler,
    );
  });
}

/** One proxied exchange: undici calls it back; it writes to the client's response. */
class ProxyHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private readonly started = performance.now();
  private headersSent = false;
  private settled = false;

  constructor(
    private readonly ctx: RequestContext,
    private readonly timeoutMs: number,
    private readonly resolve: () => void,
    private readonly fail: (error: unknown) => void,
  ) {
    ctx.res.once('close', this.onClientClose);
  }

  /** The client went away before its response was complete: stop the backend request. */
  private readonly onClientClose = (): void => {
    if (this.ctx.res.writableFinished) return;
    this.ctx.clientAborted = true;
    this.controller?.abort(new Error('client closed the request'));
  };

  private readonly onDrain = (): void => this.controller?.resume();

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Queued behind other requests and the client left meanwhile.
    if (this.ctx.clientAborted) controller.abort(new Error('client closed the request'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.headersSent = true;
    this.ctx.res.writeHead(statusCode, downstreamHeaders(headers));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const res = this.ctx.res;
    if (!res.write(chunk)) {
      controller.pause();
      res.once('drain', this.onDrain);
    }
  }

  onResponseEnd(): void {
    this.measure();
    this.ctx.res.end();
    this.done();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.measure();
    if (!this.headersSent) {
      if (this.settled) return;
      this.settled = true;
      this.ctx.res.off('close', this.onClientClose);
      this.fail(error);
      return;
    }
    // Headers are out: a failure now can only cut the connection.
    if (!this.ctx.clientAborted) this.ctx.errorCode = upstreamError(error, this.timeoutMs).code;
    this.ctx.res.destroy();
    this.done();
  }

  /** Measured when the backend's body ends, which comes before the client's response closes. */
  private measure(): void {
    this.ctx.backendLatencyMs ??= performance.now() - this.started;
  }

  private done(): void {
    if (this.settled) return;
    this.settled = true;
    this.ctx.res.off('close', this.onClientClose);
    this.resolve();
  }
}
