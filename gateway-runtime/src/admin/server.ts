/**
 * The admin API's request handler: bearer token first, then the route table
 * (find-my-way), then the handler; every failure is a catalogue error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import { GatewayError, sendError, toGatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createTokenCheck, sendJson } from './http.js';
import { adminRoutes, type AdminServices, type RouteHandler } from './routes.js';

const adminMethods: FindMyWay.HTTPMethod[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];

export interface AdminHandlerOptions {
  /** Null: no token required (only allowed on loopback hosts). */
  token: string | null;
  logger: Logger;
}

export function createAdminHandler(services: AdminServices, options: AdminHandlerOptions) {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  for (const [key, handler] of Object.entries(adminRoutes(services))) {
    const [method = 'GET', path = '/'] = key.split(' ');
    router.on(method as FindMyWay.HTTPMethod, path, () => undefined, handler);
  }
  const authorized = createTokenCheck(options.token);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req)) {
      throw new GatewayError('ADMIN_UNAUTHORIZED', undefined, {
        'www-authenticate': 'Bearer realm="portico-admin"',
      });
    }
    const url = req.url ?? '/';
    const found = router.find((req.method ?? 'GET') as FindMyWay.HTTPMethod, url);
    if (!found) {
      const path = url.split('?')[0] ?? '/';
      const methods = adminMethods.filter((m) => router.find(m, path));
      if (methods.length > 0) {
        throw new GatewayError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`, {
          allow: methods.join(', '),
        });
      }
      throw new GatewayError('ADMIN_NOT_FOUND', `No admin route ${req.method} ${path}`);
    }
    const result = await (found.store as RouteHandler)(req, found.params as Record<string, string>);
    if (result.text !== undefined) {
      res.writeHead(result.status, {
        'content-type': result.contentType ?? 'text/plain; charset=utf-8',
      });
      res.end(result.text);
      return;
    }
    sendJson(res, result.status, result.body);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      const gatewayError = toGatewayError(error);
      if (gatewayError.code === 'INTERNAL_ERROR')
        options.logger.error('admin request failed', { error: String(error) });
      // Let the caller's unread body go so the error reaches it on a clean connection.
      req.resume();
      sendError(res, gatewayError);
    });
  };
}
