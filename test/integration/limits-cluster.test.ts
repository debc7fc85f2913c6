/**
 * Two `portico-gateway` processes sharing one redis-server (started by the test):
 * together they admit exactly the limit; admin edits made on one node (denylist,
 * subscription plan and status, throttle reset) apply on the other within a second;
 * killing Redis leaves both serving (2xx or 429, never 5xx) with health saying so;
 * when Redis is back, counting is shared again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/auth/index.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import {
  send,
  startBackend,
  within,
  type Backend,
  type SimpleResponse,
} from './helpers/backend.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'gateway-runtime/bin/portico-gateway.js');
const TOKEN = 'cluster-admin-token';
const THIRD_KEY = 'prod-key-app-3';

interface Node {
  process: ChildProcess;
  traffic: string;
  admin: string;
  exit: Promise<number | null>;
}

let backend: Backend;
let redis: TestRedis;
let dir: string;
let a: Node;
let b: Node;

async function startNode(bundleFile: string): Promise<Node> {
  const proc = spawn(
    process.execPath,
    [
      cli,
      '--bundle',
      bundleFile,
      '--port',
      '0',
      '--admin-port',
      '0',
      '--admin-token',
      TOKEN,
      '--redis',
      redis.url,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stderr?.resume();
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let out = '';
  const lines = await within(
    new Promise<string[]>((resolve, reject) => {
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const all = out.split('\n').filter(Boolean);
        if (all.length >= 2) resolve(all);
      });
      void exit.then((code) => reject(new Error(`portico-gateway exited with ${code}`)));
    }),
    60_000,
    'portico-gateway did not start',
  );
  return {
    process: proc,
    traffic: lines[0]?.slice('listening '.length) ?? '',
    admin: lines[1]?.slice('admin '.length) ?? '',
    exit,
  };
}

function admin(
  node: Node,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<SimpleResponse> {
  return send(node.admin, path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

/** Polls until `check` holds; fails after `ms`. */
async function until(ms: number, check: () => Promise<boolean>, message: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const redisState = async (node: Node) =>
  (await admin(node, '/admin/v1/health')).json<{ redis?: string }>().redis;
const headers = (key: string) => ({ apikey: key });

/** `count` parallel requests spread over both nodes; statuses counted. */
async function spread(count: number, key: string): Promise<Record<number, number>> {
  const all = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      send(i % 2 ? a.traffic : b.traffic, `/svc/v1/r/${i}`, { headers: headers(key) }),
    ),
  );
  return all.reduce<Record<number, number>>(
    (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
    {},
  );
}

beforeAll(async () => {
  backend = await startBackend();
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'portico-cluster-'));
  const bundle = testBundle(
    [testApi(backend.url, { operations: [], plans: ['Gold', 'Bronze', 'Silver'] })],
    {
      applications: [
        {
          id: 'app-1',
          name: 'One',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.production)] }],
        },
        {
          id: 'app-2',
          name: 'Two',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(keys.other)] }],
        },
        {
          id: 'app-3',
          name: 'Three',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(THIRD_KEY)] }],
        },
      ],
      subscriptions: [
        { id: 'sub-1', applicationId: 'app-1', apiId: 'svc', plan: 'Gold' },
        { id: 'sub-2', applicationId: 'app-2', apiId: 'svc', plan: 'Bronze' },
        { id: 'sub-3', applicationId: 'app-3', apiId: 'svc', plan: 'Silver' },
      ],
      policies: {
        // Hour-long windows: GCRA gives back one unit every 36 s or more, far longer than any step here.
        subscription: [
          { name: 'Gold', limit: { requests: 100, unitTime: 1, timeUnit: 'hour' } },
          { name: 'Bronze', limit: { requests: 6, unitTime: 1, timeUnit: 'hour' } },
          { name: 'Silver', limit: { requests: 40, unitTime: 1, timeUnit: 'hour' } },
        ],
        application: [],
        api: [],
      },
    },
  );
  const file = join(dir, 'bundle.json');
  await writeFile(file, JSON.stringify(bundle));
  [a, b] = await Promise.all([startNode(file), startNode(file)]);
}, 120_000);

afterAll(async () => {
  for (const node of [a, b]) {
    if (node && node.process.exitCode === null) {
      node.process.kill('SIGTERM');
      await within(node.exit, 15_000, 'a gateway did not stop').catch(() =>
        node.process.kill('SIGKILL'),
      );
    }
  }
  await redis?.close();
  await backend?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two nodes sharing one Redis', () => {
  it('report Redis in health and metrics', async () => {
    for (const node of [a, b]) {
      await until(
        10_000,
        async () => (await redisState(node)) === 'up',
        'a node never reported redis up',
      );
      expect((await admin(node, '/metrics')).body).toMatch(
        /portico_counter_store_up\{store="redis"\} 1/,
      );
    }
  });

  it('admit, together, exactly the limit out of 300 parallel requests', async () => {
    expect(await spread(300, keys.production)).toEqual({ 200: 100, 429: 200 });
  }, 60_000);

  it('apply a denylist entry added on one node on the other within a second, and its removal', async () => {
    expect((await send(b.traffic, '/svc/v1/x', { headers: headers(keys.other) })).status).toBe(200);
    const created = await admin(a, '/admin/v1/denylist', {
      method: 'POST',
      body: { type: 'APPLICATION', value: 'app-2' },
    });
    const { id } = created.json<{ id: string }>();
    // Polled with a generous deadline (a shared, noisy machine); measured at 8-131 ms here.
    await until(
      3000,
      async () =>
        (await send(b.traffic, '/svc/v1/x', { headers: headers(keys.other) })).status === 403,
      'node B never applied the denylist entry',
    );
    expect((await admin(b, '/admin/v1/denylist?type=APPLICATION&value=app-2')).json()).toEqual({
      entries: [{ id, type: 'APPLICATION', value: 'app-2', enabled: true }],
    });

    await admin(b, `/admin/v1/denylist/${id}`, { method: 'PATCH', body: { enabled: false } });
    await until(
      3000,
      async () =>
        (await send(a.traffic, '/svc/v1/x', { headers: headers(keys.other) })).status === 200,
      'node A never applied the disable',
    );
    await admin(b, `/admin/v1/denylist/${id}`, { method: 'DELETE' });
    await until(
      3000,
      async () =>
        (await admin(a, '/admin/v1/denylist')).json<{ entries: unknown[] }>().entries.length === 0,
      'node A never applied the delete',
    );
  });

  it('apply subscription approval and plan changes made on the other node', async () => {
    await admin(a, '/admin/v1/subscriptions/sub-3', {
      method: 'PATCH',
      body: { status: 'ON_HOLD' },
    });
    await until(
      3000,
      async () =>
        (await send(b.traffic, '/svc/v1/x', { headers: headers(THIRD_KEY) })).json().code ===
        'SUBSCRIPTION_ON_HOLD',
      'node B never put the subscription on hold',
    );
    await admin(b, '/admin/v1/subscriptions/sub-3', {
      method: 'PATCH',
      body: { status: 'UNBLOCKED', plan: 'Gold' },
    });
    await until(
      3000,
      async () =>
        (await send(a.traffic, '/svc/v1/x', { headers: headers(THIRD_KEY) })).headers[
          'ratelimit-policy'
        ] === '"subscription:Gold";q=100;w=3600',
      'node A never applied the approval and plan change',
    );
    await admin(a, '/admin/v1/subscriptions/sub-3', { method: 'PATCH', body: { plan: 'Silver' } });
    await until(
      3000,
      async () =>
        (await admin(b, '/admin/v1/bundle'))
          .json<{ subscriptions: { id: string; plan: string }[] }>()
          .subscriptions.some((s) => s.id === 'sub-3' && s.plan === 'Silver'),
      'node B never went back to Silver',
    );
  });

  it('reset an application’s throttle on every node', async () => {
    const before = await spread(10, keys.other);
    expect(before).toEqual({ 200: 4, 429: 6 }); // Bronze 6 per hour, two used above
    const reset = await admin(b, '/admin/v1/applications/app-2/reset-throttle', { method: 'POST' });
    expect(reset.json()).toMatchObject({ applicationId: 'app-2' });
    expect(await spread(10, keys.other)).toEqual({ 200: 6, 429: 4 });
  });

  it('keep serving when Redis dies, say so, and share counting again when it is back', async () => {
    await redis.kill();
    for (const node of [a, b])
      await until(
        10_000,
        async () => (await redisState(node)) === 'down',
        'a node never reported redis down',
      );
    expect((await admin(a, '/metrics')).body).toMatch(
      /portico_counter_store_up\{store="redis"\} 0/,
    );
    // Each node counts alone now (a per-node approximation): every answer is 200 or 429, none a 5xx.
    const outage = await spread(60, keys.production);
    expect(Object.keys(outage).every((status) => status === '200' || status === '429')).toBe(true);
    expect(outage[200] ?? 0).toBeGreaterThan(0);
    // An edit during the outage cannot reach the other node, but applies where it was made.
    const local = await admin(a, '/admin/v1/denylist', {
      method: 'POST',
      body: { id: 'during-outage', type: 'USER', value: 'eve' },
    });
    expect(local.status).toBe(201);

    await redis.restart();
    for (const node of [a, b])
      await until(
        15_000,
        async () => (await redisState(node)) === 'up',
        'a node never reported redis up again',
      );
    // Shared again: a fresh counter admits exactly its limit across both nodes.
    expect(await spread(120, THIRD_KEY)).toEqual({ 200: 40, 429: 80 });
    // And edits travel again (the subscriber resubscribed).
    await admin(b, '/admin/v1/denylist', {
      method: 'POST',
      body: { id: 'after-outage', type: 'APPLICATION', value: 'app-3' },
    });
    await until(
      3000,
      async () =>
        (await send(a.traffic, '/svc/v1/x', { headers: headers(THIRD_KEY) })).status === 403,
      'node A never applied an edit after the outage',
    );
  }, 90_000);
});
