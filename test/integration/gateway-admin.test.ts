/**
 * The admin API against a running gateway: token, deploy (atomic, with in-flight
 * requests finishing on the old revision), rollback, secrets, subscription edits,
 * denylist, throttle reset, analytics and metrics; persistence across restarts.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { createGateway, GatewayConfigError } from '../../gateway-runtime/src/gateway.js';
import {
  deferred,
  echo,
  send,
  startBackend,
  within,
  type Backend,
  type RecordedRequest,
} from './helpers/backend.js';

let a: Backend;
let b: Backend;
const held = { arrived: deferred(), release: deferred() };
const dirs: string[] = [];
const gateways: TestGateway[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-gw-'));
  dirs.push(dir);
  return dir;
}

async function gateway(
  bundle: unknown,
  options: Parameters<typeof startGateway>[1] = {},
): Promise<TestGateway> {
  const gw = await startGateway(bundle, options);
  gateways.push(gw);
  return gw;
}

beforeAll(async () => {
  a = await startBackend(async (req, res, recorded) => {
    if (req.url?.includes('/hold')) {
      held.arrived.resolve();
      await held.release.promise;
    }
    await echo(req, res, { ...recorded, url: `A${recorded.url}` });
  });
  b = await startBackend();
});

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gw) => gw.close()));
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const bundleOn = (backend: Backend, revision: string) => ({
  ...testBundle([testApi(backend.url, { operations: [] })]),
  revision,
});
const prod = { apikey: keys.production };
const json = (value: unknown) => ({ method: 'PUT', body: JSON.stringify(value) });

describe('admin API', () => {
  it('requires the bearer token', async () => {
    const gw = await gateway(null);
    expect((await gw.adminFetch('/admin/v1/health', { token: null })).status).toBe(401);
    const wrong = await gw.adminFetch('/admin/v1/health', { token: 'wrong-token-value' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'ADMIN_UNAUTHORIZED' });
    const ok = await gw.adminFetch('/admin/v1/health');
    expect(await ok.json()).toEqual({ status: 'ok', revision: null });
    expect((await gw.adminFetch('/admin/v1/nothing')).status).toBe(404);
    expect((await gw.adminFetch('/admin/v1/health', { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses to start on a non-loopback admin host without a token', () => {
    expect(() => createGateway(null, { admin: { host: '0.0.0.0', port: 0 } })).toThrow(
      GatewayConfigError,
    );
    expect(() => createGateway(null, { admin: { host: '0.0.0.0', port: 0 } })).toThrow(
      /without a token/,
    );
  });

  it('rejects an invalid bundle with 400 and field paths, and serves nothing meanwhile', async () => {
    const gw = await gateway(null);
    const bad = bundleOn(b, 'r-bad') as Record<string, unknown>;
    const res = await gw.adminFetch(
      '/admin/v1/bundle',
      json({ ...bad, extra: 1, apis: [{ ...testApi(b.url), context: 'nope' }] }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; issues: { path: string }[] };
    expect(body.code).toBe('BUNDLE_INVALID');
    expect(body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['extra', 'apis[0].context']),
    );
    expect((await gw.adminFetch('/admin/v1/bundle')).status).toBe(404);
    expect((await send(gw.url, '/svc/v1/x', { headers: prod })).status).toBe(404);
  });

  it('deploys atomically: in-flight requests finish on the old revision, new ones use the new one; rollback returns', async () => {
    const gw = await gateway(null);
    expect((await gw.adminFetch('/admin/v1/bundle', json(bundleOn(a, 'r-a')))).status).toBe(200);
    const inflight = send(gw.url, '/svc/v1/hold', { headers: prod });
    await within(held.arrived.promise, 10_000, 'the held request never reached backend A');

    const deployed = await gw.adminFetch('/admin/v1/bundle', json(bundleOn(b, 'r-b')));
    expect(await deployed.json()).toEqual({
      status: 'deployed',
      revision: 'r-b',
      previousRevision: 'r-a',
    });
    expect((await send(gw.url, '/svc/v1/now', { headers: prod })).json<RecordedRequest>().url).toBe(
      '/prod/now',
    );
    held.release.resolve();
    const old = await inflight;
    expect(old.status).toBe(200);
    expect(old.json<RecordedRequest>().url).toBe('A/prod/hold');
    expect(
      ((await (await gw.adminFetch('/admin/v1/bundle')).json()) as { revision: string }).revision,
    ).toBe('r-b');

    const rolled = await gw.adminFetch('/admin/v1/rollback', { method: 'POST' });
    expect(await rolled.json()).toEqual({ status: 'rolled-back', revision: 'r-a' });
    expect(
      (await send(gw.url, '/svc/v1/again', { headers: prod })).json<RecordedRequest>().url,
    ).toBe('A/prod/again');
    const none = await gw.adminFetch('/admin/v1/rollback', { method: 'POST' });
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ code: 'NO_PREVIOUS_REVISION' });
  });

  it('accepts YAML bundles, undeploys, lists the history, and rolls an undeploy back', async () => {
    const gw = await gateway(null);
    const yaml = `apiVersion: portico/v1\nkind: GatewayBundle\nrevision: r-yaml\napis:\n  - { id: y, name: Y, version: v1, context: /y, operations: [{ method: GET, target: /ping, auth: none }], endpoints: { production: { type: http, url: "${b.url}" } } }\n`;
    const put = await gw.adminFetch('/admin/v1/bundle', {
      method: 'PUT',
      body: yaml,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(await put.json()).toMatchObject({ revision: 'r-yaml' });
    expect((await send(gw.url, '/y/v1/ping')).status).toBe(200);
    expect(await (await gw.adminFetch('/admin/v1/bundle', { method: 'DELETE' })).json()).toEqual({
      status: 'undeployed',
      revision: null,
    });
    expect((await send(gw.url, '/y/v1/ping')).status).toBe(404);
    const history = (await (await gw.adminFetch('/admin/v1/deployments')).json()) as {
      current: string | null;
      deployments: { revision: string | null }[];
    };
    expect(history.current).toBeNull();
    expect(history.deployments.map((d) => d.revision)).toEqual([null, 'r-yaml']);
    await gw.adminFetch('/admin/v1/rollback', { method: 'POST' });
    expect((await send(gw.url, '/y/v1/ping')).status).toBe(200);
    const notJson = await gw.adminFetch('/admin/v1/bundle', { method: 'PUT', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'ADMIN_BAD_REQUEST' });
  });

  it('answers 409 to deploys and rollbacks on an immutable gateway', async () => {
    const gw = await gateway(bundleOn(b, 'r-file'), { immutable: true });
    const res = await gw.adminFetch('/admin/v1/bundle', json(bundleOn(a, 'r-new')));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'IMMUTABLE_GATEWAY' });
    expect((await gw.adminFetch('/admin/v1/rollback', { method: 'POST' })).status).toBe(409);
    expect(gw.gateway.revision).toBe('r-file');
  });

  it('keeps the deployment across a restart with the same data dir', async () => {
    const dataDir = await tempDir();
    const first = await startGateway(null, { dataDir });
    await first.adminFetch('/admin/v1/bundle', json(bundleOn(a, 'r-1')));
    await first.adminFetch('/admin/v1/bundle', json(bundleOn(b, 'r-7')));
    await first.close();
    const second = await gateway(null, { dataDir });
    expect(await (await second.adminFetch('/admin/v1/health')).json()).toEqual({
      status: 'ok',
      revision: 'r-7',
    });
    expect(
      (await send(second.url, '/svc/v1/x', { headers: prod })).json<RecordedRequest>().url,
    ).toBe('/prod/x');
    // History survives too: rollback goes to r-1.
    expect(
      await (await second.adminFetch('/admin/v1/rollback', { method: 'POST' })).json(),
    ).toMatchObject({ revision: 'r-1' });
  });

  it('stores secrets encrypted with a 0600 key file and never returns them', async () => {
    const dataDir = await tempDir();
    const gw = await startGateway(null, { dataDir });
    const value = 'sk-super-secret-value-123';
    const put = await gw.adminFetch('/admin/v1/secrets/openai-key', json({ value }));
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(putText).not.toContain(value);
    const list = await (await gw.adminFetch('/admin/v1/secrets')).text();
    expect(JSON.parse(list)).toEqual({ secrets: [{ name: 'openai-key' }] });
    expect(list).not.toContain(value);
    expect((await gw.adminFetch('/admin/v1/secrets/openai-key')).status).toBe(405);
    const bad = await gw.adminFetch('/admin/v1/secrets/x', json({ value: '' }));
    expect(await bad.json()).toMatchObject({
      code: 'ADMIN_BAD_REQUEST',
      issues: [{ path: 'value' }],
    });
    await gw.close();

    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    for (const file of ['portico-gateway.db', 'portico-gateway.db-wal']) {
      const bytes = await readFile(join(dataDir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(value))).toBe(false);
    }
    const again = await gateway(null, { dataDir });
    expect(again.gateway.secrets.get('openai-key')).toBe(value);
  });

  it('serves analytics events and summaries, and Prometheus metrics', async () => {
    const gw = await gateway(bundleOn(b, 'r-analytics'));
    await send(gw.url, '/svc/v1/a', { headers: prod });
    await send(gw.url, '/svc/v1/b', { headers: prod });
    await send(gw.url, '/svc/v1/c');
    const events = (await (await gw.adminFetch('/admin/v1/analytics/events?limit=2')).json()) as {
      events: { status: number }[];
    };
    expect(events.events.map((e) => e.status)).toEqual([200, 200]);
    const future = await (
      await gw.adminFetch(`/admin/v1/analytics/events?since=${Date.now() + 60_000}`)
    ).json();
    expect(future).toEqual({ events: [] });

    const summary = (await (
      await gw.adminFetch('/admin/v1/analytics/summary?groupBy=api')
    ).json()) as { groupBy: string; rows: unknown[] };
    expect(summary).toEqual({
      groupBy: 'api',
      rows: [
        {
          key: 'svc',
          requests: 3,
          errors: 1,
          throttled: 0,
          p50: expect.any(Number),
          p95: expect.any(Number),
          p99: expect.any(Number),
          promptTokens: 0,
          completionTokens: 0,
          totalTokens: 0,
          cachedTokens: 0,
          reasoningTokens: 0,
          cost: 1,
          aiCost: 0,
          estimated: 0,
        },
      ],
    });
    const byBucket = (await (
      await gw.adminFetch('/admin/v1/analytics/summary?groupBy=status&interval=1h')
    ).json()) as {
      rows: { key: string; bucket: string; requests: number }[];
    };
    expect(byBucket.rows.map((r) => [r.key, r.requests])).toEqual([
      ['200', 2],
      ['401', 1],
    ]);
    expect(new Date(byBucket.rows[0]?.bucket ?? '').getUTCMinutes()).toBe(0);
    const bad = await gw.adminFetch('/admin/v1/analytics/summary?groupBy=color');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'groupBy' }] });

    const metrics = await gw.adminFetch('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/portico_requests_total\{api="svc",method="GET",status="200"\} 2/);
    expect(text).toMatch(/portico_deployment_info\{revision="r-analytics"\} 1/);
    expect((await gw.adminFetch('/metrics', { token: null })).status).toBe(401);
  });
});
