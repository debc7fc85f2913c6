/**
 * A request context over fake request/response objects, for unit tests of the
 * pipeline stages that never touch the network.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createContext, type RequestContext } from '../src/pipeline/context.js';

export interface FakeRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  protocol?: 'http' | 'https';
  /** For https: what `getPeerCertificate(true)` returns, and whether the chain verified. */
  peer?: { raw?: Buffer; authorized?: boolean };
}

export function fakeContext(init: FakeRequest = {}): RequestContext {
  const socket = Object.assign(new EventEmitter(), {
    remoteAddress: init.remoteAddress ?? '127.0.0.1',
    authorized: init.peer?.authorized ?? false,
    getPeerCertificate: () => (init.peer?.raw ? { raw: init.peer.raw } : {}),
  });
  const req = Object.assign(new EventEmitter(), {
    method: init.method ?? 'GET',
    url: init.url ?? '/',
    headers: init.headers ?? {},
    socket,
  }) as unknown as IncomingMessage;
  const headers = new Map<string, string | number | readonly string[]>();
  const res = Object.assign(new EventEmitter(), {
    req,
    headersSent: false,
    writableFinished: false,
    statusCode: 200,
    // Headers a stage sets before the response starts (RateLimit, x-request-id).
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.set(name.toLowerCase(), value),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    getHeaders: () => Object.fromEntries(headers),
  }) as unknown as ServerResponse;
  return createContext({
    req,
    res,
    requestId: 'req-1',
    receivedAt: 0,
    startedAt: 0,
    protocol: init.protocol ?? 'http',
  });
}
