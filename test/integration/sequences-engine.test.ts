/**
 * Sequences as API endpoints through the whole gateway, against real backends on
 * 127.0.0.1: every step type, nesting (parallel inside forEach inside switch),
 * scatter-gather, call timeouts with onError fault and continue, XML bodies, the
 * run's limits, and the trace in the analytics event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { echo, send, startBackend, type Backend } from './helpers/backend.js';

let backend: Backend;
let gw: TestGateway;
const pendingSlow = new Set<() => void>();

/** An API at /<id>/v1 whose production endpoint is the sequence `<id>`. */
function sequenceApi(id: string) {
  return testApi('http://127.0.0.1:1', {
    id,
    context: `/${id}`,
    isDefaultVersion: false,
    operations: [
      { method: 'GET', target: '/pets/{id}' },
      { method: 'GET', target: '/any' },
      { method: 'POST', target: '/any' },
    ],
    endpoints: { production: { type: 'sequence', sequence: id } },
  });
}

function sequences(base: string) {
  return [
    {
      name: 'pets',
      steps: [
        { type: 'setVariable', name: 'id', value: '{{ $number(request.pathParams.id) }}' },
        { type: 'log', message: 'looking up pet {{ variables.id }}' },
        {
          type: 'switch',
          cases: [
            {
              condition: 'variables.id <= 10',
              steps: [
                {
                  type: 'transform',
                  expression: '{ "id": variables.id, "name": "pet-" & variables.id }',
                },
                { type: 'setHeader', name: 'x-source', value: 'mock' },
                { type: 'removeHeader', name: 'x-source' },
                { type: 'respond', status: 200, headers: { 'x-pet': '{{ variables.id }}' } },
              ],
            },
          ],
          default: [
            {
              type: 'fault',
              status: 404,
              code: 'PET_NOT_FOUND',
              message: 'no pet {{ variables.id }}',
            },
          ],
        },
      ],
    },
    {
      name: 'gather',
      steps: [
        {
          type: 'parallel',
          branches: [
            {
              steps: [
                { type: 'call', endpoint: { type: 'http', url: `${base}/a` }, variable: 'a' },
              ],
            },
            {
              steps: [
                { type: 'call', endpoint: { type: 'http', url: `${base}/b` }, variable: 'b' },
              ],
            },
          ],
        },
        { type: 'transform', expression: '$merge([variables.a.body, variables.b.body])' },
      ],
    },
    {
      name: 'nested',
      steps: [
        { type: 'setVariable', name: 'results', value: '{{ [] }}' },
        {
          type: 'switch',
          cases: [
            {
              condition: 'request.query.mode = "fan"',
              steps: [
                {
                  type: 'forEach',
                  items: '[1, 2]',
                  variable: 'i',
                  steps: [
                    {
                      type: 'parallel',
                      branches: [
                        {
                          steps: [
                            {
                              type: 'call',
                              endpoint: { type: 'http', url: `${base}/n/{{ variables.i }}` },
                              variable: 'left',
                            },
                          ],
                        },
                        {
                          steps: [
                            { type: 'setVariable', name: 'right', value: '{{ variables.i * 10 }}' },
                          ],
                        },
                      ],
                    },
                    {
                      type: 'setVariable',
                      name: 'results',
                      value:
                        '{{ $append(variables.results, [[variables.left.body.n, variables.right]]) }}',
                    },
                  ],
                },
              ],
            },
          ],
        },
        { type: 'respond', body: { results: '{{ variables.results }}' } },
      ],
    },
    {
      name: 'timeouts',
      steps: [
        {
          type: 'call',
          endpoint: { type: 'http', url: `${base}/slow`, timeoutMs: 100 },
          variable: 'slow',
          onError: 'continue',
        },
        {
          type: 'switch',
          cases: [
            {
              condition: 'request.query.strict = "1"',
              steps: [
                {
                  type: 'call',
                  endpoint: { type: 'http', url: `${base}/slow`, timeoutMs: 100 },
                  variable: 'again',
                },
              ],
            },
          ],
        },
        {
          type: 'respond',
          body: {
            failed: '{{ variables.slow.error.code }}',
            status: '{{ variables.slow.status }}',
          },
        },
      ],
    },
    {
      name: 'deadline',
      limits: { timeoutMs: 300 },
      steps: [
        {
          type: 'call',
          endpoint: { type: 'http', url: `${base}/slow`, timeoutMs: 10_000 },
          variable: 'x',
        },
      ],
    },
    {
      name: 'xml',
      limits: { maxBodyBytes: 2048 },
      steps: [
        { type: 'call', endpoint: { type: 'http', url: `${base}/xml` }, variable: 'stock' },
        {
          type: 'transform',
          expression:
            '{ "order": body.order.item, "qty": $number(body.order.qty), "stock": variables.stock.body.stock.level }',
        },
      ],
    },
    {
      name: 'limits',
      limits: { maxSteps: 5, maxIterations: 3, maxBodyBytes: 64 },
      steps: [
        {
          type: 'switch',
          cases: [
            {
              condition: 'request.query.kind = "steps"',
              steps: [
                {
                  type: 'forEach',
                  items: '[1,2,3]',
                  variable: 'i',
                  steps: [
                    { type: 'log', message: 'a' },
                    { type: 'log', message: 'b' },
                  ],
                },
              ],
            },
            {
              condition: 'request.query.kind = "iterations"',
              steps: [{ type: 'forEach', items: '[1,2,3,4]', variable: 'i', steps: [] }],
            },
            {
              condition: 'request.query.kind = "call"',
              steps: [
                { type: 'call', endpoint: { type: 'http', url: `${base}/big` }, variable: 'big' },
              ],
            },
          ],
        },
        { type: 'respond', body: 'ok' },
      ],
    },
  ];
}

beforeAll(async () => {
  backend = await startBackend(async (req, res, recorded) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/a') return json({ a: 1 });
    if (path === '/b') return json({ b: 2 });
    if (path.startsWith('/n/')) return json({ n: Number(path.slice(3)) });
    if (path === '/big') return json({ data: 'x'.repeat(500) });
    if (path === '/xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<stock><level>12</level></stock>');
      return;
    }
    if (path === '/slow') {
      // Answers only when the test ends (or the gateway gives up and closes the connection).
      await new Promise<void>((resolve) => {
        pendingSlow.add(resolve);
        res.once('close', resolve);
      });
      if (!res.destroyed) json({ late: true });
      return;
    }
    await echo(req, res, recorded);
  });
  const ids = ['pets', 'gather', 'nested', 'timeouts', 'deadline', 'xml', 'limits'];
  gw = await startGateway(testBundle(ids.map(sequenceApi), { sequences: sequences(backend.url) }));
});

afterAll(async () => {
  for (const resolve of pendingSlow) resolve();
  await gw?.close();
  await backend?.close();
});

const get = (path: string) => send(gw.url, path, { headers: { apikey: keys.production } });

describe('a sequence as the API endpoint', () => {
  it('answers from switch, transform and respond, and faults with the fault step', async () => {
    const ok = await get('/pets/v1/pets/7');
    expect(ok.status).toBe(200);
    expect(ok.headers['x-pet']).toBe('7');
    expect(ok.headers['x-source']).toBeUndefined();
    expect(ok.json()).toEqual({ id: 7, name: 'pet-7' });

    const missing = await get('/pets/v1/pets/99');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
    expect(missing.json()).toEqual({
      code: 'PET_NOT_FOUND',
      message: 'no pet 99',
      description: 'sequence "pets" faulted at step 2.default.0: no pet 99',
    });
  });

  it('puts every executed step into the analytics event trace', async () => {
    const res = await get('/pets/v1/pets/3');
    const event = await gw.eventFor(res.headers['x-request-id']);
    expect(event.status).toBe(200);
    expect(event.errorCode).toBeNull();
    expect(event.trace?.map((e) => [e.step, e.type, e.outcome])).toEqual([
      ['0', 'setVariable', 'ok'],
      ['1', 'log', 'ok'],
      ['2', 'switch', 'ok'],
      ['2.cases.0.0', 'transform', 'ok'],
      ['2.cases.0.1', 'setHeader', 'ok'],
      ['2.cases.0.2', 'removeHeader', 'ok'],
      ['2.cases.0.3', 'respond', 'ok'],
    ]);
    for (const entry of event.trace ?? []) {
      expect(entry.sequence).toBe('pets');
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    const faulted = await gw.eventFor((await get('/pets/v1/pets/50')).headers['x-request-id']);
    expect([faulted.status, faulted.errorCode]).toEqual([404, 'SEQUENCE_FAULT']);
    expect(faulted.trace?.at(-1)).toMatchObject({ step: '2.default.0', outcome: 'fault' });
  });

  it('scatter-gather: calls two backends in parallel and merges them with transform', async () => {
    const before = backend.requests.length;
    const res = await get('/gather/v1/any');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ a: 1, b: 2 });
    const paths = backend.requests
      .slice(before)
      .map((r) => r.url)
      .sort();
    expect(paths).toEqual(['/a', '/b']);
  });

  it('runs parallel inside forEach inside switch and traces the nested paths', async () => {
    const res = await get('/nested/v1/any?mode=fan');
    expect(res.json()).toEqual({
      results: [
        [1, 10],
        [2, 20],
      ],
    });
    const event = await gw.eventFor(res.headers['x-request-id']);
    const steps = event.trace?.map((e) => e.step) ?? [];
    expect(steps).toEqual(
      expect.arrayContaining([
        '1.cases.0.0.steps.0.branches.0.0',
        '1.cases.0.0.steps.0.branches.1.0',
        '1.cases.0.0.steps.1',
      ]),
    );
    expect(steps.filter((s) => s === '1.cases.0.0.steps.0.branches.0.0')).toHaveLength(2);
    const skipped = await get('/nested/v1/any');
    expect(skipped.json()).toEqual({ results: [] });
  });
});

describe('calls and limits', () => {
  it('a call timeout continues with onError: continue and faults 504 with onError: fault', async () => {
    const lenient = await get('/timeouts/v1/any');
    expect(lenient.status).toBe(200);
    expect(lenient.json()).toEqual({ failed: 'BACKEND_TIMEOUT', status: 0 });
    const strict = await get('/timeouts/v1/any?strict=1');
    expect(strict.status).toBe(504);
    expect(strict.json()).toMatchObject({ code: 'BACKEND_TIMEOUT' });
  });

  it('ends a run over its time limit with SEQUENCE_TIMEOUT instead of hanging', async () => {
    const res = await get('/deadline/v1/any');
    expect(res.status).toBe(504);
    expect(res.json()).toMatchObject({ code: 'SEQUENCE_TIMEOUT' });
    expect(res.json<{ description: string }>().description).toContain('time limit of 300 ms');
  });

  it('maps XML request and call bodies to JSON for expressions', async () => {
    const res = await send(gw.url, '/xml/v1/any', {
      method: 'POST',
      headers: { apikey: keys.production, 'content-type': 'text/xml' },
      body: '<order><item>kibble</item><qty>3</qty></order>',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ order: 'kibble', qty: 3, stock: 12 });
  });

  it('faults with SEQUENCE_LIMIT over steps, iterations or body size, and 413 for a large request', async () => {
    const over = async (kind: string) => {
      const res = await get(`/limits/v1/any?kind=${kind}`);
      return [res.status, res.json<{ code: string; description: string }>()] as const;
    };
    const [stepsStatus, steps] = await over('steps');
    expect([stepsStatus, steps.code]).toEqual([500, 'SEQUENCE_LIMIT']);
    expect(steps.description).toContain('limit of 5 steps');
    const [, iterations] = await over('iterations');
    expect(iterations.description).toContain('over the limit of 3 iterations');
    const [, call] = await over('call');
    expect(call).toMatchObject({ code: 'SEQUENCE_LIMIT' });
    expect(call.description).toContain('over the body limit of 64 bytes');
    const ok = await get('/limits/v1/any?kind=none');
    expect([ok.status, ok.body]).toEqual([200, 'ok']);

    const large = await send(gw.url, '/limits/v1/any', {
      method: 'POST',
      headers: { apikey: keys.production, 'content-type': 'text/plain' },
      body: 'y'.repeat(100),
    });
    expect(large.status).toBe(413);
    expect(large.json()).toMatchObject({ code: 'REQUEST_TOO_LARGE' });
  });
});
