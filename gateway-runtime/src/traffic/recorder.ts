/**
 * The traffic capture: taps a request's body as the pipeline reads it and the
 * response as the pipeline writes it, and, when the response closes, stores one
 * redacted entry in a ring buffer. Created only when capture is on, so the request
 * handler's cost when it is off is one null check.
 */
import type { ServerResponse } from 'node:http';
import type { AnalyticsEvent } from '../analytics/event.js';
import type { RequestContext } from '../pipeline/context.js';
import { BodyCapture } from './body-capture.js';
import { decisionsOf } from './decisions.js';
import { redactHeaders } from './redact.js';
import { RingBuffer } from './ring-buffer.js';
import type { TrafficCaptureOptions, TrafficEntry } from './types.js';

/** The capture of one request in flight. */
export interface TrafficTap {
  /** Stores the entry; call once, when the response has closed. */
  finish(event: AnalyticsEvent): void;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

type Write = ServerResponse['write'];
type End = ServerResponse['end'];

export class TrafficRecorder {
  readonly entries: RingBuffer<Omit<TrafficEntry, 'seq'>>;
  readonly maxBodyBytes: number;

  constructor(options: TrafficCaptureOptions = {}) {
    this.entries = new RingBuffer(options.capacity ?? 1000);
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  }

  /** Entries after `since`, oldest first. */
  list(since = 0, limit = 500): TrafficEntry[] {
    return this.entries.since(since, limit);
  }

  begin(ctx: RequestContext): TrafficTap {
    const { req, res } = ctx;
    const requestBody = new BodyCapture(this.maxBodyBytes);
    const responseBody = new BodyCapture(this.maxBodyBytes);

    // Readable emits 'data' for every chunk it hands out, whether piped, iterated or
    // read(): wrapping emit sees them all without switching the stream to flowing.
    const emit = req.emit.bind(req);
    req.emit = ((name: string | symbol, ...args: unknown[]) => {
      if (name === 'data') requestBody.add(args[0]);
      return emit(name, ...args);
    }) as typeof req.emit;

    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      responseBody.add(
        chunk,
        typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined,
      );
      return write(chunk, ...rest);
    }) as Write;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function')
        responseBody.add(
          chunk,
          typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined,
        );
      return end(chunk, ...rest);
    }) as End;

    return {
      finish: (event) => {
        const apiKeyHeader = ctx.api?.security.apiKeyHeader ?? null;
        const requestHeaders = redactHeaders(req.headers, apiKeyHeader);
        const responseHeaders = redactHeaders(res.getHeaders());
        const response = responseBody.result(responseHeaders['content-type']);
        const backendMs = event.backendLatencyMs;
        const entry: Omit<TrafficEntry, 'seq'> = {
          requestId: ctx.requestId,
          timestamp: event.timestamp,
          request: {
            method: event.method,
            url: `${ctx.protocol}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
            path: ctx.path,
            query: ctx.query,
            httpVersion: `HTTP/${req.httpVersion}`,
            clientIp: ctx.clientIp,
            headers: requestHeaders,
            body: requestBody.result(requestHeaders['content-type']),
          },
          response: { status: event.status, headers: responseHeaders, body: response },
          timings: {
            totalMs: event.latencyMs,
            backendMs,
            gatewayMs: round(Math.max(0, event.latencyMs - (backendMs ?? 0))),
          },
          decisions: decisionsOf(
            ctx,
            event,
            responseHeaders,
            response?.encoding === 'utf8' ? response.text : null,
          ),
        };
        if (event.ai) entry.ai = event.ai;
        this.entries.push(entry);
      },
    };
  }
}
