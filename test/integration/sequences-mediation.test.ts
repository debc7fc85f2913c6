/**
 * Sequences mediating an HTTP API's request, response and fault flows through the
 * whole gateway, a sequence as the sandbox endpoint, and untouched bodies passing
 * byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { request } from 'node:http';
import {
  closedPort,
  deferred,
  echo,
  send,
  startBackend,
  within,
  type Backend,
} from './helpers/backend.js';

let backend: Backend;
let gw: TestGateway;
const hang = { arrived: deferred(), closed: deferred() };

const sequences = [
  {
    name: 'tag-request',
    steps: [
      { type: 'setHeader', name: 'x-trace', value: '{{ request.method }} {{ request.path }}' },
      {
        type: 'switch',
        cases: [
          {
            condition: 'request.query.block = "1"',
            steps: [{ type: 'respond', status: 403, body: { blocked: true } }],
          },
          {
            condition: 'request.method = "POST" and body.name',
            steps: [{ type: 'transform', expression: '$merge([body, { "tagged": true }])' }],
          },
        ],
      },
    ],
  },
  {
    name: 'wrap-response',
    steps: [
      {
        type: 'transform',
        expression:
          '{ "status": message.status, "method": body.method, "trace": body.headers."x-trace", "sent": body.body }',
      },
      { type: 'setHeader', name: 'x-wrapped', value: 'yes' },
    ],
  },
  {
    name: 'friendly-fault',
    steps: [
      {
        type: 'respond',
        status: 503,
        headers: { 'retry-after': '5' },
        body: {
          sorry: 'try later',
          cause: '{{ variables.error.code }}',
          was: '{{ message.status }}',
        },
      },
    ],
  },
  {
    name: 'send-early',
    steps: [
      { type: 'send' },
      { type: 'transform', expression: '{ "method": body.method, "url": body.url }' },
    ],
  },
  { name: 'sandbox-mock', steps: [{ type: 'respond', body: { sandbox: true } }] },
  { name: 'refuse', steps: [{ type: 'fault', code: 'REFUSED', message: 'nope', status: 400 }] },
];
const hangingSequence = (base: string) => ({
  name: 'hang',
  steps: [
    {
      type: 'call',
      endpoint: { type: 'http', url: `${base}/hang`, timeoutMs: 20_000 },
      variable: 'x',
    },
  ],
});

beforeAll(async () => {
  backend = await startBackend(async (req, res, recorded) => {
    if (req.url !== '/hang') return echo(req, res, recorded);
    // Never answers; tells the test when the gateway gives up on it.
    res.once('close', () => hang.closed.resolve());
    hang.arrived.resolve();
  });
  const dead = await closedPort();
  const mediated = (id: string, mediation: Record<string, string | null>, url = backend.url) =>
    testApi(url, {
      id,
      context: `/${id}`,
      isDefaultVersion: false,
      operations: [],
      mediation,
      endpoints: {
        production: { type: 'http', url: `${url}/prod`, timeoutMs: 5000 },
        sandbox: { type: 'sequence', sequence: 'sandbox-mock' },
      },
    });
  gw = await startGateway(
    testBundle(
      [
        mediated('med', { request: 'tag-request', response: 'wrap-response', fault: null }),
        mediated(
          'down',
          { request: null, response: null, fault: 'friendly-fault' },
          `http://127.0.0.1:${dead}`,
        ),
        mediated('early', { request: 'send-early', response: 'wrap-response', fault: null }),
        mediated('plain', { request: 'tag-request', response: null, fault: null }),
        mediated('refusing', { request: 'refuse', response: null, fault: 'friendly-fault' }),
        testApi(backend.url, {
          id: 'hanging',
          context: '/hanging',
          isDefaultVersion: false,
          operations: [],
          endpoints: { production: { type: 'sequence', sequence: 'hang' } },
        }),
      ],
      { sequences: [...sequences, hangingSequence(backend.url)] },
    ),
  );
});

afterAll(async () => {
  await gw?.close();
  await backend?.close();
});

const call = (
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) => send(gw.url, path, { ...init, headers: { apikey: keys.production, ...init.headers } });

describe('mediation flows', () => {
  it('runs the request flow before the backend and the response flow after it', async () => {
    const res = await call('/med/v1/pets?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Rex' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-wrapped']).toBe('yes');
    const body = res.json<{ status: number; method: string; trace: string; sent: string }>();
    expect(body).toMatchObject({ status: 200, method: 'POST', trace: 'POST /pets' });
    expect(JSON.parse(body.sent)).toEqual({ name: 'Rex', tagged: true });
    expect(backend.requests.at(-1)?.url).toBe('/prod/pets?x=1');

    const event = await gw.eventFor(res.headers['x-request-id']);
    expect(new Set(event.trace?.map((e) => e.sequence))).toEqual(
      new Set(['tag-request', 'wrap-response']),
    );
    expect(event.backendLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a respond step in the request flow answers without the backend or the response flow', async () => {
    const before = backend.requests.length;
    const res = await call('/med/v1/pets?block=1');
    expect([res.status, res.json(), res.headers['x-wrapped']]).toEqual([
      403,
      { blocked: true },
      undefined,
    ]);
    expect(backend.requests.length).toBe(before);
  });

  it('forwards an untouched XML body byte for byte', async () => {
    const xml = '<?xml version="1.0"?>\n<pet id="1"><name>Rex</name></pet>';
    const res = await call('/plain/v1/pets', {
      method: 'PUT',
      headers: { 'content-type': 'application/xml' },
      body: xml,
    });
    const echoed = res.json<{ body: string; headers: Record<string, string> }>();
    expect(echoed.body).toBe(xml);
    expect(echoed.headers['content-type']).toBe('application/xml');
    expect(echoed.headers['x-trace']).toBe('PUT /pets');
    expect(echoed.headers.apikey).toBeUndefined();
  });

  it('send in the request flow forwards early; the response flow still runs', async () => {
    const before = backend.requests.length;
    const res = await call('/early/v1/things/1');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 200, method: 'GET' });
    // Forwarded once, by the send step: the endpoint stage does not forward again.
    expect(backend.requests.slice(before).map((r) => r.url)).toEqual(['/prod/things/1']);
    expect(res.headers['x-wrapped']).toBe('yes');
  });

  it('runs the fault flow when the backend is unreachable, keeping the error code in analytics', async () => {
    const res = await call('/down/v1/anything');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ sorry: 'try later', cause: 'BACKEND_UNREACHABLE', was: 502 });
    const event = await gw.eventFor(res.headers['x-request-id']);
    expect([event.status, event.errorCode]).toEqual([503, 'BACKEND_UNREACHABLE']);
    expect(event.trace?.map((e) => [e.sequence, e.type])).toEqual([['friendly-fault', 'respond']]);
  });

  it('runs the fault flow for a fault step in the request flow', async () => {
    const res = await call('/refusing/v1/x');
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ cause: 'REFUSED', was: 400 });
  });

  it('serves sandbox keys from a sequence endpoint while production goes to HTTP', async () => {
    const res = await send(gw.url, '/plain/v1/pets', { headers: { apikey: keys.sandbox } });
    expect([res.status, res.json()]).toEqual([200, { sandbox: true }]);
  });

  it('stops a run whose client went away: the call is aborted, the event says 499', async () => {
    const url = new URL(gw.url);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: '/hanging/v1/x',
      headers: { apikey: keys.production },
    });
    req.on('error', () => undefined);
    req.end();
    await within(hang.arrived.promise, 5000, 'the backend never got the call');
    req.destroy();
    await within(hang.closed.promise, 5000, 'the call was not aborted');
    const deadline = Date.now() + 5000;
    let event = gw.gateway.analytics.events({ limit: 10_000 }).find((e) => e.apiId === 'hanging');
    while (!event && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      event = gw.gateway.analytics.events({ limit: 10_000 }).find((e) => e.apiId === 'hanging');
    }
    expect([event?.status, event?.errorCode]).toEqual([499, 'CLIENT_CLOSED_REQUEST']);
  });
});
