/**
 * Starts a gateway for integration tests: every listener on 127.0.0.1 port 0, an
 * admin token, fast analytics flushes.
 */
import type { AnalyticsEvent } from '../src/analytics/event.js';
import {
  createGateway,
  type Gateway,
  type GatewayOptions,
  type Listeners,
} from '../src/gateway.js';

export const ADMIN_TOKEN = 'test-admin-token';

export interface TestGateway {
  gateway: Gateway;
  listeners: Listeners;
  /** Traffic base URL. */
  url: string;
  /** Admin base URL. */
  admin: string;
  /** fetch against the admin API with the token (unless `token: null`). */
  adminFetch(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /**
   * The analytics event of one request (pass the response's `x-request-id`). The
   * gateway records it when the response closes, which can be a moment after the client
   * has read it, so this polls until it appears or `timeoutMs` passes.
   */
  eventFor(requestId: string | string[] | undefined, timeoutMs?: number): Promise<AnalyticsEvent>;
  close(): Promise<void>;
}

async function pollEvent(
  gateway: Gateway,
  requestId: string | string[] | undefined,
  timeoutMs: number,
): Promise<AnalyticsEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = gateway.analytics
      .events({ limit: 10_000 })
      .find((e) => e.requestId === requestId);
    if (event) return event;
    if (Date.now() > deadline)
      throw new Error(`no analytics event for request ${String(requestId)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startGateway(
  bundle: unknown,
  options: GatewayOptions = {},
): Promise<TestGateway> {
  const gateway = createGateway(bundle, {
    host: '127.0.0.1',
    port: 0,
    admin: { host: '127.0.0.1', port: 0, token: ADMIN_TOKEN },
    analytics: { flushIntervalMs: 50 },
    shutdownGraceMs: 2000,
    ...options,
  });
  const listeners = await gateway.listen();
  const admin = listeners.admin ?? '';
  return {
    gateway,
    listeners,
    url: listeners.http,
    admin,
    adminFetch: (path, init = {}) => {
      const { token = ADMIN_TOKEN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      if (rest.body !== undefined && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return fetch(`${admin}${path}`, { ...rest, headers });
    },
    eventFor: (requestId, timeoutMs = 5000) => pollEvent(gateway, requestId, timeoutMs),
    close: () => gateway.close(),
  };
}
