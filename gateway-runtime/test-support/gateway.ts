/**
 * Starts a gateway for integration tests: every listener on 127.0.0.1 port 0, an
 * admin token, fast analytics flushes.
 */
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
  close(): Promise<void>;
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
    close: () => gateway.close(),
  };
}
