/**
 * The studio served to a browser: the built renderer, plus the IPC contract over
 * HTTP (`POST /ipc/<channel>`) and Server-Sent Events (`GET /events`), on a
 * loopback address with a per-run token. Plain `node:http`, no framework: the
 * surface is four routes and every check is in `auth.ts`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cspFor } from '../windows/csp-lint-worker.js';
import { createDispatcher } from '../ipc/dispatch.js';
import { createHandlers } from '../ipc/handlers.js';
import type { IpcDeps } from '../ipc/handlers.js';
import { connectServiceEvents, createEventHub } from '../ipc/events.js';
import type { EventSources } from '../ipc/events.js';
import { StudioError } from '../services/errors.js';
import {
  allowedHosts,
  hasAllowedHost,
  hasAllowedOrigin,
  hasValidToken,
  isJsonRequest,
  newToken,
} from './auth.js';
import { createEventStreams } from './event-stream.js';
import { serveStatic } from './static-files.js';

/** The services the web host needs: what the IPC handlers call and what pushes events. */
export type WebHostServices = IpcDeps['services'] & EventSources;

/** Options of `startWebHost`. */
export interface WebHostOptions {
  services: WebHostServices;
  /** Loopback only: the token is the sole guard against other local users. */
  host?: '127.0.0.1' | 'localhost' | '::1';
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer, usually `out/renderer`. */
  rendererDir: string;
  /** Fixed token (tests); a random 256-bit one by default. */
  token?: string;
  /** Largest accepted `/ipc` body. Definitions can be large; the default is 32 MiB. */
  maxBodyBytes?: number;
  /** Interval of the `/events` keep-alive comments; 15 s by default. */
  heartbeatMs?: number;
  log?: (level: 'error' | 'warn' | 'info', message: string) => void;
}

export interface WebHost {
  /** `http://127.0.0.1:<port>` (no token). */
  url: string;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError): void {
  const extra: Record<string, string> =
    error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  // Same envelope as a failed call, so the browser client reads every failure one way.
  sendJson(
    res,
    error.status,
    { ok: false, error: { code: error.code, message: error.message } },
    extra,
  );
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new HttpError(413, 'TOO_LARGE', `The request body is over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit)
      throw new HttpError(413, 'TOO_LARGE', `The request body is over ${limit} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'The request body is not valid JSON');
  }
}

function setCommonHeaders(req: IncomingMessage, res: ServerResponse): void {
  // The lint worker's script alone may evaluate generated code (see windows/csp-lint-worker.ts).
  res.setHeader('Content-Security-Policy', cspFor(req.url ?? '/'));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.log ?? (() => undefined);

  const dispatch = createDispatcher(
    createHandlers({
      services: options.services,
      // A browser page has no native folder picker to offer; the UI asks for a typed path.
      pickFolder: async () => null,
      openExternal: async () => {
        throw new StudioError(
          'UNSUPPORTED',
          'The browser opens links itself; the web host does not',
        );
      },
    }),
    { log },
  );
  const hub = createEventHub();
  const disconnect = connectServiceEvents(options.services, hub);
  const streams = createEventStreams(hub, options.heartbeatMs ?? 15_000);
  let hosts = new Set<string>();

  const guardApi = (req: IncomingMessage): void => {
    if (!hasAllowedOrigin(req, hosts))
      throw new HttpError(403, 'FORBIDDEN_ORIGIN', 'Calls from another origin are refused');
    if (!hasValidToken(req, token))
      throw new HttpError(401, 'UNAUTHORIZED', 'A valid bearer token is required');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCommonHeaders(req, res);
    if (!hasAllowedHost(req, hosts)) throw new HttpError(421, 'MISDIRECTED', 'Unknown Host header');
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;

    if (pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST')
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'IPC calls use POST');
      guardApi(req);
      if (!isJsonRequest(req)) {
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'IPC calls need Content-Type: application/json',
        );
      }
      const body = await readJson(req, maxBody);
      const result = await dispatch(pathname.slice('/ipc/'.length), body);
      const status = !result.ok && result.error.code === 'UNKNOWN_CHANNEL' ? 404 : 200;
      sendJson(res, status, result);
      return;
    }

    if (pathname === '/events') {
      if (req.method !== 'GET')
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Events are read with GET');
      guardApi(req);
      streams.open(res);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Static files are read with GET');
    }
    const outcome = await serveStatic(req, res, options.rendererDir, pathname);
    if (outcome === 'forbidden')
      throw new HttpError(403, 'FORBIDDEN_PATH', 'That path is outside the studio');
    if (outcome === 'not-found') throw new HttpError(404, 'NOT_FOUND', `Nothing at ${pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        if (error.status === 413) res.setHeader('Connection', 'close');
        sendError(res, error);
        return;
      }
      log('error', `web host: ${error instanceof Error ? error.message : String(error)}`);
      sendError(res, new HttpError(500, 'INTERNAL', 'Unexpected error'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  const hostInUrl = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${hostInUrl}:${port}`,
    token,
    close: async () => {
      disconnect();
      streams.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
