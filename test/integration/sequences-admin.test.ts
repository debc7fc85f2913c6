/**
 * `POST /admin/v1/sequences/run`, the studio's dry run: the response, a trace with
 * variables after every step and call details, 400 with field paths for invalid
 * documents and JSONata, and `send` to a deployed API's production endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { echo, startBackend, type Backend } from './helpers/backend.js';

let backend: Backend;
let gw: TestGateway;

beforeAll(async () => {
  backend = await startBackend(async (req, res, recorded) => {
    if (req.url === '/profile/7') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 7, tier: 'gold' }));
      return;
    }
    await echo(req, res, recorded);
  });
  gw = await startGateway(
    testBundle(
      [
        testApi(backend.url),
        testApi(backend.url, {
          id: 'mocked',
          context: '/mocked',
          isDefaultVersion: false,
          endpoints: { production: { type: 'sequence', sequence: 'mock' } },
        }),
      ],
      { sequences: [{ name: 'mock', steps: [] }] },
    ),
  );
});

afterAll(async () => {
  await gw?.close();
  await backend?.close();
});

interface RunAnswer {
  response: { status: number; headers: Record<string, string>; body: unknown };
  trace: {
    step: string;
    type: string;
    outcome: string;
    durationMs: number;
    variables: Record<string, unknown>;
    call?: { url: string; method: string; status: number; durationMs: number };
    error?: { code: string; message: string };
  }[];
  variables: Record<string, unknown>;
}

const run = (body: unknown) =>
  gw.adminFetch('/admin/v1/sequences/run', { method: 'POST', body: JSON.stringify(body) });

describe('POST /admin/v1/sequences/run', () => {
  it('answers the response, the trace with variables and calls, and the final variables', async () => {
    const res = await run({
      sequence: {
        name: 'profile',
        steps: [
          {
            type: 'call',
            endpoint: { type: 'http', url: `${backend.url}/profile/{{ request.body.id }}` },
            variable: 'profile',
          },
          { type: 'setVariable', name: 'tier', value: '{{ variables.profile.body.tier }}' },
          { type: 'log', message: 'tier {{ variables.tier }}' },
          {
            type: 'respond',
            status: 201,
            body: { tier: '{{ variables.tier }}', q: '{{ request.query.a }}' },
          },
        ],
      },
      request: { method: 'POST', path: '/pets', query: { a: 'b' }, body: { id: 7 } },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as RunAnswer;
    expect(answer.response).toMatchObject({ status: 201, body: { tier: 'gold', q: 'b' } });
    expect(answer.trace.map((e) => [e.step, e.type, e.outcome])).toEqual([
      ['0', 'call', 'ok'],
      ['1', 'setVariable', 'ok'],
      ['2', 'log', 'ok'],
      ['3', 'respond', 'ok'],
    ]);
    expect(answer.trace[0]?.call).toMatchObject({
      url: `${backend.url}/profile/7`,
      method: 'GET',
      status: 200,
    });
    expect(answer.trace[0]?.variables.profile).toMatchObject({
      status: 200,
      body: { id: 7, tier: 'gold' },
    });
    expect(answer.trace[1]?.variables.tier).toBe('gold');
    expect(answer.variables.tier).toBe('gold');
  });

  it('reports a fault as the response with the error in the trace', async () => {
    const answer = (await (
      await run({
        sequence: {
          name: 'f',
          steps: [{ type: 'fault', status: 409, code: 'TAKEN', message: 'taken' }],
        },
        request: { method: 'GET', path: '/' },
      })
    ).json()) as RunAnswer;
    expect(answer.response.status).toBe(409);
    expect(answer.response.body).toMatchObject({ code: 'TAKEN', message: 'taken' });
    expect(answer.trace[0]).toMatchObject({
      outcome: 'fault',
      error: { code: 'TAKEN', message: 'taken' },
    });
  });

  it('forwards send to the production endpoint of apiId', async () => {
    const answer = (await (
      await run({
        sequence: {
          name: 's',
          steps: [{ type: 'setHeader', name: 'x-try', value: '1' }, { type: 'send' }],
        },
        request: { method: 'GET', path: '/items/3', query: { q: '1' } },
        apiId: 'svc',
      })
    ).json()) as RunAnswer;
    expect(answer.response.status).toBe(200);
    expect(answer.response.body).toMatchObject({
      url: '/prod/items/3?q=1',
      headers: { 'x-try': '1' },
    });
    expect(answer.trace[1]?.call).toMatchObject({
      url: `${backend.url}/prod/items/3?q=1`,
      status: 200,
    });
  });

  it('explains why send cannot forward without an HTTP endpoint', async () => {
    const body = (apiId?: string) => ({
      sequence: { name: 's', steps: [{ type: 'send' }] },
      request: { method: 'GET', path: '/' },
      ...(apiId && { apiId }),
    });
    const none = (await (await run(body())).json()) as RunAnswer;
    expect(none.response.body).toMatchObject({ code: 'SEQUENCE_ERROR' });
    expect(JSON.stringify(none.response.body)).toContain('apiId');
    const mocked = (await (await run(body('mocked'))).json()) as RunAnswer;
    expect(JSON.stringify(mocked.response.body)).toContain('is a sequence, not an HTTP endpoint');
    const unknown = await run(body('nope'));
    expect(unknown.status).toBe(404);
  });

  it('answers 400 with field paths for an invalid document or expression', async () => {
    const invalid = await run({
      sequence: { name: 'bad', steps: [{ type: 'setHeader', name: 'x' }, { type: 'teleport' }] },
      request: { method: 'FETCH', path: 'pets' },
    });
    expect(invalid.status).toBe(400);
    const issues = ((await invalid.json()) as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        'sequence.steps[0].value',
        'sequence.steps[1].type',
        'request.method',
        'request.path',
      ]),
    );
    const badExpression = await run({
      sequence: { name: 'bad', steps: [{ type: 'transform', expression: 'a.(' }] },
      request: { method: 'GET', path: '/' },
    });
    expect(badExpression.status).toBe(400);
    expect(await badExpression.json()).toMatchObject({
      code: 'ADMIN_BAD_REQUEST',
      issues: [{ path: 'sequence.steps[0].expression' }],
    });
  });

  it('requires the admin token', async () => {
    const res = await gw.adminFetch('/admin/v1/sequences/run', {
      method: 'POST',
      body: '{}',
      token: null,
    });
    expect(res.status).toBe(401);
  });
});
