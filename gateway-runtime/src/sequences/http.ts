/**
 * One buffered HTTP exchange for `call` and `send`, through the gateway's undici
 * dispatcher. Bounded three ways: the step's timeout (BACKEND_TIMEOUT), the run's
 * signal (its deadline), and the body limit on the response (SEQUENCE_LIMIT).
 */
import type { Dispatcher } from 'undici';
import { GatewayError } from '../errors.js';
import type { HttpMethod } from '../model/bundle.js';
import { downstreamHeaders, upstreamError } from '../pipeline/endpoint.js';
import { runError } from './faults.js';
import type { HeaderMap } from './types.js';

export interface ExchangeRequest {
  url: URL;
  method: HttpMethod;
  headers: HeaderMap;
  body: Buffer | null;
  timeoutMs: number;
  /** The run's signal: aborting it abandons the exchange with its reason. */
  signal: AbortSignal;
  maxBodyBytes: number;
}

export interface ExchangeResponse {
  status: number;
  headers: HeaderMap;
  raw: Buffer;
}

class TimedOut extends Error {}

/** Sends a request and reads the whole response (up to the body limit). */
export async function exchange(
  dispatcher: Dispatcher,
  request: ExchangeRequest,
): Promise<ExchangeResponse> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(new TimedOut()), request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timer.signal]);
  try {
    const response = await dispatcher.request({
      origin: request.url.origin,
      path: request.url.pathname + request.url.search,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
    });
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > request.maxBodyBytes) {
        response.body.destroy();
        throw runError(
          'SEQUENCE_LIMIT',
          `the response of ${request.method} ${request.url.origin}${request.url.pathname} is over the body limit of ${request.maxBodyBytes} bytes`,
        );
      }
      chunks.push(chunk);
    }
    const headers: HeaderMap = {};
    for (const [name, value] of Object.entries(downstreamHeaders(response.headers))) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
    }
    return { status: response.statusCode, headers, raw: Buffer.concat(chunks) };
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (request.signal.aborted) throw request.signal.reason;
    if (timer.signal.aborted)
      throw new GatewayError(
        'BACKEND_TIMEOUT',
        `${request.method} ${request.url.origin}${request.url.pathname} did not answer within ${request.timeoutMs} ms`,
      );
    const mapped = upstreamError(error, request.timeoutMs);
    throw new GatewayError(
      mapped.code,
      `${request.method} ${request.url.origin}${request.url.pathname}: ${mapped.message}`,
    );
  } finally {
    clearTimeout(timeout);
  }
}
