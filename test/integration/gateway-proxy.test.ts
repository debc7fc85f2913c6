/**
 * The traffic path against real backends: routing, key-type routing, the error
 * statuses of DESIGN.md section 9 (except 429), streaming both ways without
 * buffering, timeouts, aborts, body limits, and one analytics event per request.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import {
  closedPort,
  deferred,
  echo,
  send,
  startBackend,
  within,
  type Backend,
  type RecordedRequest,
} from './helpers/backend.js';

const upload = { firstChunk: deferred() };
const streaming = { clientGotFirst: deferred() };
const abort = { arrived: deferred(), backendSawClose: deferred() };

let backend: Backend;
let gw: TestGateway;

beforeAll(async () => {
  backend = await startBackend(async (req, res, recorded: RecordedRequest) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/prod/upload') {
      let bytes = 0;
      req.once('data', () => upload.firstChunk.resolve());
      for await (const chunk of req as AsyncIterable<Buffer>) bytes += chunk.length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes }));
      return;
    }
    if (path === '/prod/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      await streaming.clientGotFirst.promise;
      res.end('second');
      return;
    }
    if (path === '/slow/slow') return; // never answers: the gateway times out
    if (path === '/prod/slow') {
      abort.arrived.resolve();
      res.once('close', () => abort.backendSawClose.resolve());
      return; // never answers
    }
    await echo(req, res, recorded);
  });
  const dead = await closedPort();
  const bundle = testBundle(
    [
      testApi(backend.url),
      testApi(backend.url, {
        id: 'small',
        context: '/small',
        maxRequestBodyBytes: 1024,
        operations: [{ method: 'POST', target: '/upload' }],
      }),
      testApi(`http://127.0.0.1:${dead}`, { id: 'dead', context: '/dead', operations: [] }),
      testApi(backend.url, {
        id: 'timeout',
        context: '/timeout',
        operations: [],
        endpoints: { production: { type: 'http', url: `${backend.url}/slow`, timeoutMs: 300 } },
      }),
      testApi(backend.url, {
        id: 'prod-only',
        context: '/prod-only',
        operations: [],
        endpoints: { production: { type: 'http', url: `${backend.url}/prod` } },
      }),
      testApi(backend.url, {
        id: 'noauth-passthrough',
        context: '/pass',
        version: '2',
        isDefaultVersion: false,
        operations: [],
      }),
    ],
    {},
  );
  // app-2 is not subscribed to `svc`.
  bundle.subscriptions = bundle.subscriptions?.filter(
    (s) => !(s.applicationId === 'app-2' && s.apiId === 'svc'),
  );
  gw = await startGateway(bundle);
});

afterAll(async () => {
  await gw?.close();
  await backend?.close();
});

const prod = { apikey: keys.production };

describe('gateway proxy', () => {
  it('proxies to the production endpoint with forwarding headers and without hop-by-hop headers or the API key', async () => {
    const res = await send(gw.url, '/svc/v1/items/7?color=red', {
      headers: { ...prod, 'x-custom': 'kept', te: 'trailers' },
    });
    expect(res.status).toBe(200);
    const seen = res.json<RecordedRequest>();
    expect(seen.url).toBe('/prod/items/7?color=red');
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(gw.url).host);
    expect(seen.headers['x-request-id']).toBe(res.headers['x-request-id']);
    expect(seen.headers.apikey).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
    expect(res.headers['x-backend']).toBe('echo');
    expect(res.headers['keep-alive']).toBeUndefined();
  });

  it('routes sandbox keys to the sandbox endpoint, at the default-version path too', async () => {
    const res = await send(gw.url, '/svc/items', { headers: { apikey: keys.sandbox } });
    expect(res.status).toBe(200);
    expect(res.json<RecordedRequest>().url).toBe('/sandbox/items');
  });

  it('answers 403 KEY_TYPE_NOT_SERVED for a sandbox key on an API without a sandbox endpoint', async () => {
    const res = await send(gw.url, '/prod-only/v1/x', { headers: { apikey: keys.sandbox } });
    expect(res.status).toBe(403);
    expect(res.json().code).toBe('KEY_TYPE_NOT_SERVED');
  });

  it('passes every path through an API without operations', async () => {
    const res = await send(gw.url, '/pass/2/any/deep/path', {
      method: 'PATCH',
      headers: prod,
      body: 'x',
    });
    expect(res.status).toBe(200);
    expect(res.json<RecordedRequest>()).toMatchObject({
      method: 'PATCH',
      url: '/prod/any/deep/path',
      body: 'x',
    });
  });

  it.each([
    ['GET', '/nothing/v1/x', {}, 404, 'API_NOT_FOUND'],
    ['GET', '/svc/v1/unknown', prod, 404, 'OPERATION_NOT_FOUND'],
    ['DELETE', '/svc/v1/items', prod, 405, 'METHOD_NOT_ALLOWED'],
    ['GET', '/svc/v1/items', {}, 401, 'MISSING_CREDENTIALS'],
    ['GET', '/svc/v1/items', { apikey: 'wrong' }, 401, 'INVALID_CREDENTIALS'],
    ['GET', '/svc/v1/items', { apikey: keys.other }, 403, 'NOT_SUBSCRIBED'],
    ['GET', '/svc/v1/%2e%2e/admin', prod, 400, 'BAD_REQUEST'],
    ['GET', '/dead/v1/x', prod, 502, 'BACKEND_UNREACHABLE'],
  ] as const)(
    '%s %s answers %s %s as a JSON error',
    async (method, path, headers, status, code) => {
      const res = await send(gw.url, path, { method, headers });
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(body).toEqual({ code, message: expect.any(String), description: expect.any(String) });
      if (status === 401) expect(res.headers['www-authenticate']).toBe('Bearer realm="portico"');
      if (status === 405) expect(res.headers.allow).toBe('GET, POST');
    },
  );

  it('answers 504 when the backend does not answer within the endpoint timeout', async () => {
    const res = await send(gw.url, '/timeout/v1/slow', { headers: prod });
    expect(res.status).toBe(504);
    expect(res.json().code).toBe('BACKEND_TIMEOUT');
  });

  it('answers 413 for a declared body over the API limit without calling the backend', async () => {
    const before = backend.requests.length;
    const res = await send(gw.url, '/small/v1/upload', {
      method: 'POST',
      headers: prod,
      body: Buffer.alloc(2048, 1),
    });
    expect(res.status).toBe(413);
    expect(res.json().code).toBe('REQUEST_TOO_LARGE');
    expect(backend.requests.length).toBe(before);
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${gw.url}/small/v1/upload`,
        { method: 'POST', headers: { ...prod, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error) =>
        String(error).includes('EPIPE') || String(error).includes('ECONNRESET')
          ? undefined
          : reject(error),
      );
      req.write(Buffer.alloc(600, 1));
      req.write(Buffer.alloc(600, 1));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('streams the request body: the backend sees the first chunk before the client has finished sending', async () => {
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${gw.url}/svc/v1/upload`,
        { method: 'POST', headers: { ...prod, 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 7));
      // Finish only once the backend has the first chunk: a buffering gateway deadlocks here.
      within(
        upload.firstChunk.promise,
        10_000,
        'the backend did not receive the first chunk before the upload ended',
      )
        .then(() => {
          for (let i = 0; i < 16; i++) req.write(Buffer.alloc(1024 * 1024, i));
          req.end();
        })
        .catch(reject);
    });
    const { status, body } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ bytes: 64 * 1024 + 16 * 1024 * 1024 });
  });

  it('streams the response body: the client gets the first chunk before the backend has finished', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${gw.url}/svc/v1/stream`, { headers: prod }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          // The backend holds "second" until we have "first;": a buffering gateway deadlocks here.
          if (text.includes('first;')) streaming.clientGotFirst.resolve();
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('first;second');
  });

  it('aborts the backend request when the client goes away, and records 499', async () => {
    const req = request(`${gw.url}/svc/v1/slow`, { headers: prod });
    req.on('error', () => undefined);
    req.end();
    await within(abort.arrived.promise, 10_000, 'the request never reached the backend');
    req.destroy();
    await within(abort.backendSawClose.promise, 10_000, 'the backend request was not aborted');
    await expect
      .poll(() =>
        gw.gateway.analytics
          .events({ limit: 10_000 })
          .filter((e) => e.operation === '/slow')
          .map((e) => [e.status, e.errorCode]),
      )
      .toEqual([[499, 'CLIENT_CLOSED_REQUEST']]);
  });

  it('records exactly one analytics event per request, rejected ones included', async () => {
    const before = gw.gateway.analytics.events({ limit: 10_000 }).length;
    const sent = [
      await send(gw.url, '/svc/v1/items', { headers: prod }),
      await send(gw.url, '/svc/v1/items'),
      await send(gw.url, '/nothing/here'),
      await send(gw.url, '/svc/v1/items', { method: 'DELETE', headers: prod }),
    ];
    const events = gw.gateway.analytics.events({ limit: 10_000 }).slice(before);
    expect(events.map((e) => e.requestId)).toEqual(sent.map((r) => r.headers['x-request-id']));
    expect(events[0]).toMatchObject({
      apiId: 'svc',
      apiVersion: 'v1',
      method: 'GET',
      operation: '/items',
      applicationId: 'app-1',
      subscriptionPlan: 'Gold',
      keyType: 'PRODUCTION',
      status: 200,
      errorCode: null,
      throttledBy: null,
    });
    expect(events[0]?.backendLatencyMs).toEqual(expect.any(Number));
    expect(events[1]).toMatchObject({
      status: 401,
      errorCode: 'MISSING_CREDENTIALS',
      applicationId: null,
      backendLatencyMs: null,
    });
    expect(events[2]).toMatchObject({
      status: 404,
      apiId: null,
      operation: null,
      errorCode: 'API_NOT_FOUND',
    });
    expect(events[3]).toMatchObject({ status: 405, errorCode: 'METHOD_NOT_ALLOWED' });
  });
});
