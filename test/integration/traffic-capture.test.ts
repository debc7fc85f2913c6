/**
 * The gateway's traffic capture over real requests: what an entry holds for an
 * allowed, a throttled, an unauthenticated and an unrouted request, redaction and
 * body caps, paging by sequence number, and that a gateway without capture has no
 * traffic endpoint and records nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrafficEntry } from '../../gateway-runtime/src/traffic/types.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { send, startBackend, type Backend } from './helpers/backend.js';

let backend: Backend;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  backend = await startBackend();
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gw) => gw.close()));
});
afterAll(async () => {
  await backend?.close();
});

async function gateway(traffic: boolean | { maxBodyBytes: number } = true): Promise<TestGateway> {
  const gw = await startGateway(testBundle([testApi(backend.url)]), { traffic });
  gateways.push(gw);
  return gw;
}

interface TrafficPage {
  lastSeq: number;
  capacity: number;
  entries: TrafficEntry[];
}

async function page(gw: TestGateway, query = ''): Promise<TrafficPage> {
  const res = await gw.adminFetch(`/admin/v1/traffic${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as TrafficPage;
}

/** The entry of one request; it is stored when the response closes, so poll briefly. */
async function entryFor(gw: TestGateway, requestId: unknown): Promise<TrafficEntry> {
  for (let i = 0; i < 100; i++) {
    const found = (await page(gw)).entries.find((e) => e.requestId === requestId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no traffic entry for ${String(requestId)}`);
}

describe('traffic capture on', () => {
  it('records an allowed request with redacted credentials, bodies and every decision', async () => {
    const gw = await gateway();
    const res = await send(gw.url, '/svc/v1/items?color=red', {
      method: 'POST',
      headers: {
        apikey: keys.production,
        'content-type': 'application/json',
        cookie: 'session=s3cr3t',
      },
      body: '{"name":"kettle"}',
    });
    expect(res.status).toBe(200);
    // The tap must not disturb the proxy: the backend got the whole body.
    expect(res.json<{ body: string }>().body).toBe('{"name":"kettle"}');

    const entry = await entryFor(gw, res.headers['x-request-id']);
    expect(entry.seq).toBeGreaterThan(0);
    expect(entry.request).toMatchObject({
      method: 'POST',
      path: '/svc/v1/items',
      query: '?color=red',
      body: { text: '{"name":"kettle"}', encoding: 'utf8', truncated: false, size: 17 },
    });
    expect(entry.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/svc\/v1\/items\?color=red$/);
    expect(entry.request.headers.apikey).toBe('[redacted]');
    expect(entry.request.headers.cookie).toBe('[redacted]');
    // The echo backend repeats the cookie in its body; the captured headers must not.
    expect(JSON.stringify(entry.request)).not.toContain(keys.production);
    expect(JSON.stringify(entry.request)).not.toContain('s3cr3t');
    expect(entry.response.status).toBe(200);
    expect(entry.response.headers['x-backend']).toBe('echo');
    expect(JSON.parse(entry.response.body?.text ?? '{}')).toMatchObject({ method: 'POST' });
    expect(entry.timings.totalMs).toBeGreaterThanOrEqual(entry.timings.backendMs ?? 0);

    const d = entry.decisions;
    expect(d.route).toMatchObject({ apiId: 'svc', apiVersion: 'v1', operation: '/items' });
    expect(d.auth).toEqual({ credential: 'apiKey', keyType: 'PRODUCTION', keyManager: null });
    expect(d.applicationId).toBe('app-1');
    expect(d.plan).toBe('Gold');
    expect(d.throttle.checks).toContainEqual(
      expect.objectContaining({ policy: 'subscription:Gold', quota: 1000, remaining: 999 }),
    );
    expect(d.endpoint).toEqual({
      keyType: 'production',
      type: 'http',
      target: `${backend.url}/prod`,
    });
    expect(d.errorCode).toBeNull();
    expect(d.stages.map((s) => s.outcome)).toEqual(Array(6).fill('passed'));
  });

  it('records the throttle stage rejecting with the policy and what remained', async () => {
    const gw = await gateway();
    const statuses: number[] = [];
    let lastId: unknown;
    for (let i = 0; i < 11; i++) {
      const res = await send(gw.url, '/svc/v1/items', { headers: { apikey: keys.other } });
      statuses.push(res.status);
      lastId = res.headers['x-request-id'];
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    const entry = await entryFor(gw, lastId);
    expect(entry.response.status).toBe(429);
    expect(entry.response.headers['retry-after']).toMatch(/^\d+$/);
    expect(entry.decisions.plan).toBe('Bronze');
    expect(entry.decisions.throttle.limitedBy).toBe('subscription:Bronze');
    expect(entry.decisions.throttle.checks).toContainEqual(
      expect.objectContaining({ policy: 'subscription:Bronze', quota: 10, remaining: 0 }),
    );
    expect(entry.decisions.errorCode).toBe('THROTTLED');
    expect(entry.decisions.endpoint).toBeNull();
    expect(Object.fromEntries(entry.decisions.stages.map((s) => [s.stage, s.outcome]))).toEqual({
      route: 'passed',
      denylist: 'passed',
      authenticate: 'passed',
      subscription: 'passed',
      throttle: 'rejected',
      endpoint: 'not-reached',
    });
  });

  it('records a 401 as an authentication rejection with the error message', async () => {
    const gw = await gateway();
    const res = await send(gw.url, '/svc/v1/items', { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    const entry = await entryFor(gw, res.headers['x-request-id']);
    expect(entry.request.headers.authorization).toBe('Bearer [redacted]');
    expect(entry.decisions.auth.credential).toBeNull();
    expect(entry.decisions.applicationId).toBeNull();
    expect(entry.decisions.errorCode).toBe('INVALID_CREDENTIALS');
    expect(entry.decisions.errorMessage).toEqual(expect.any(String));
    const stages = entry.decisions.stages.map((s) => s.outcome);
    expect(stages).toEqual([
      'passed',
      'passed',
      'rejected',
      'not-reached',
      'not-reached',
      'not-reached',
    ]);
    expect(entry.decisions.stages[2]?.detail).toContain('INVALID_CREDENTIALS');
  });

  it('records a 404 as a route rejection with no API', async () => {
    const gw = await gateway();
    const res = await send(gw.url, '/nowhere/1/x', { headers: { apikey: keys.production } });
    expect(res.status).toBe(404);
    const entry = await entryFor(gw, res.headers['x-request-id']);
    expect(entry.decisions.route).toBeNull();
    expect(entry.decisions.errorCode).toBe('API_NOT_FOUND');
    expect(entry.decisions.stages[0]).toMatchObject({ stage: 'route', outcome: 'rejected' });
    expect(JSON.parse(entry.response.body?.text ?? '{}')).toMatchObject({ code: 'API_NOT_FOUND' });
  });

  it('caps bodies, flags truncation and still proxies the whole body', async () => {
    const gw = await gateway({ maxBodyBytes: 1024 });
    const body = 'x'.repeat(5000);
    const res = await send(gw.url, '/svc/v1/upload', {
      method: 'POST',
      headers: { apikey: keys.production, 'content-type': 'text/plain' },
      body,
    });
    expect(res.json<{ bodyBytes: number }>().bodyBytes).toBe(5000);
    const entry = await entryFor(gw, res.headers['x-request-id']);
    expect(entry.request.body).toMatchObject({ size: 5000, truncated: true });
    expect(entry.request.body?.text).toHaveLength(1024);
  });

  it('pages by sequence number, oldest first, and validates the query', async () => {
    const gw = await gateway();
    for (let i = 0; i < 3; i++)
      await send(gw.url, '/svc/v1/items', { headers: { apikey: keys.production } });
    let all: TrafficEntry[] = [];
    for (let i = 0; i < 100 && all.length < 3; i++) {
      all = (await page(gw)).entries;
      if (all.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3]);
    const after1 = await page(gw, '?since=1&limit=1');
    expect(after1.entries.map((e) => e.seq)).toEqual([2]);
    expect(after1.lastSeq).toBe(3);
    const bad = await gw.adminFetch('/admin/v1/traffic?limit=0');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }).description).toMatch(
      /limit.*at least 1/,
    );
  });
});

describe('traffic capture off', () => {
  it('has no traffic endpoint and records nothing', async () => {
    const gw = await gateway(false);
    const res = await send(gw.url, '/svc/v1/items', { headers: { apikey: keys.production } });
    expect(res.status).toBe(200);
    expect(gw.gateway.traffic).toBeNull();
    const traffic = await gw.adminFetch('/admin/v1/traffic');
    expect(traffic.status).toBe(404);
    expect(((await traffic.json()) as { code: string }).code).toBe('ADMIN_NOT_FOUND');
  });
});
