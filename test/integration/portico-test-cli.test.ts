/**
 * `portico test` as a real process: a headless gateway for the workspace serves the
 * store's applications (a trial API key kept by the studio, a resident JWT), the
 * cases run against a real backend, results print per assertion, and the exit code
 * says whether all passed. `--gateway` sends to a given URL instead.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/portico.js';
import { ApplicationsService } from '../../main/services/applications/applications-service.js';
import { ChangeSignal } from '../../main/services/applications/changes.js';
import { SubscriptionsService } from '../../main/services/applications/subscriptions-service.js';
import { saveTestCase } from '../../main/services/console/test-case-files.js';
import { trialKeyName } from '../../main/services/console/trial-keys.js';
import { openStore } from '../../main/services/store/store.js';
import type { TestCase } from '../../main/ipc/contract.js';
import { startBackend, type Backend } from './helpers/backend.js';
import { repoRoot } from './helpers/gateway-nodes.js';

const bin = join(repoRoot, 'main/cli/bin/portico.js');
let backend: Backend;
let root: string;
let dataDir: string;
let appId: string;

function portico(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [bin, ...args, '--workspace', root, '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli([...args, '--workspace', root, '--data-dir', dataDir], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    env: {},
    cwd: repoRoot,
  });
  return { code, stderr };
}

const API = 'Shop-1.0.0';

async function writeApi(backendUrl: string): Promise<void> {
  const folder = join(root, 'apis', API);
  await mkdir(join(folder, 'Definitions'), { recursive: true });
  await writeFile(
    join(folder, 'api.yaml'),
    `type: api
version: v4.4.0
data:
  name: Shop
  context: /shop
  version: 1.0.0
  type: HTTP
  isDefaultVersion: false
  securityScheme: [oauth2, api_key]
  endpointConfig:
    endpoint_type: http
    production_endpoints:
      url: ${backendUrl}
  operations:
    - { target: /open, verb: GET, authType: None, throttlingPolicy: Unlimited }
    - { target: /orders, verb: GET, throttlingPolicy: Unlimited }
`,
  );
  await writeFile(
    join(folder, 'Definitions', 'swagger.yaml'),
    "openapi: 3.0.3\ninfo: { title: Shop, version: 1.0.0 }\npaths:\n  /open: { get: { responses: { '200': { description: ok } } } }\n  /orders: { get: { responses: { '200': { description: ok } } } }\n",
  );
}

const request = (path: string, credentials: TestCase['request']['credentials']) => ({
  method: 'GET',
  path,
  query: [],
  headers: [],
  body: null,
  credentials,
  keyType: 'PRODUCTION' as const,
});

beforeAll(async () => {
  backend = await startBackend();
  root = await mkdtemp(join(tmpdir(), 'portico-test-ws-'));
  dataDir = await mkdtemp(join(tmpdir(), 'portico-test-data-'));
  await writeFile(join(root, 'portico.yaml'), 'apiVersion: portico/v1\nkind: Workspace\nname: T\n');
  await writeApi(backend.url);
  // The studio's side: an application subscribed to Shop, with a trial key it kept.
  const store = openStore({ userDataPath: dataDir });
  try {
    const changes = new ChangeSignal();
    const applications = new ApplicationsService(store.db, changes);
    const subscriptions = new SubscriptionsService(store.db, changes);
    const app = applications.create({ name: 'Checkout' });
    appId = app.id;
    subscriptions.create({ applicationId: app.id, apiId: API, plan: 'Gold' });
    const { apiKey } = applications.generateApiKey(app.id, 'PRODUCTION');
    store.secrets.set(trialKeyName(app.id, 'PRODUCTION'), apiKey);
  } finally {
    store.close();
  }
  const status200 = [{ type: 'status' as const, equals: 200 }];
  await saveTestCase(root, API, {
    name: 'open',
    request: request('/open', { type: 'none' }),
    assertions: [...status200, { type: 'body', path: '/url', equals: '/open' }],
  });
  await saveTestCase(root, API, {
    name: 'orders-jwt',
    request: request('/orders', { type: 'jwt', applicationId: appId }),
    assertions: [...status200, { type: 'header', name: 'x-backend', equals: 'echo' }],
  });
  await saveTestCase(root, API, {
    name: 'orders-key',
    request: request('/orders', { type: 'apiKey', applicationId: appId }),
    assertions: [...status200, { type: 'header', name: 'RateLimit-Policy', matches: 'Gold' }],
  });
}, 60_000);

afterAll(async () => {
  await backend?.close();
  for (const dir of [root, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('portico test', () => {
  it(
    'runs every case through a headless gateway and exits 0 when all pass',
    { timeout: 60_000 },
    async () => {
      const run = await portico(['test', '--api', API]);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^PASS {2}open {2}\(200, \d+ ms\)$/m);
      expect(run.stdout).toMatch(/^PASS {2}orders-jwt /m);
      expect(run.stdout).toMatch(/^PASS {2}orders-key /m);
      expect(run.stdout).toMatch(/^3 passed, 0 failed$/m);
      expect(run.code).toBe(0);
    },
  );

  it('prints each assertion of a failed case and exits 1', { timeout: 60_000 }, async () => {
    await saveTestCase(root, API, {
      name: 'orders-anonymous',
      request: request('/orders', { type: 'none' }),
      assertions: [
        { type: 'status', equals: 200 },
        { type: 'body', path: '/code', exists: true },
      ],
    });
    try {
      const run = await portico(['test', '--api', API, '--json']);
      expect(run.code).toBe(1);
      const results = JSON.parse(run.stdout) as { name: string; passed: boolean }[];
      expect(results.map((r) => [r.name, r.passed])).toEqual([
        ['open', true],
        ['orders-anonymous', false],
        ['orders-jwt', true],
        ['orders-key', true],
      ]);
      const human = await portico(['test', '--api', API]);
      expect(human.stdout).toContain('FAIL  orders-anonymous  (401, ');
      expect(human.stdout).toContain('  FAIL  status equals 200: got 401');
      expect(human.stdout).toContain('  ok    body /code exists: got present: ');
      expect(human.stdout).toMatch(/^3 passed, 1 failed$/m);
      expect(human.code).toBe(1);
    } finally {
      await rm(join(root, 'apis', API, 'tests', 'orders-anonymous.yaml'));
    }
  });

  it('sends to --gateway when given, and names bad arguments', { timeout: 60_000 }, async () => {
    // The backend itself stands in for a gateway: it sees the full gateway path.
    const before = backend.requests.length;
    const run = await portico(['test', '--api', API, '--gateway', backend.url, '--json']);
    const urls = backend.requests.slice(before).map((r) => r.url);
    expect(urls).toContain('/shop/1.0.0/open');
    // The echo answers 200 but its body url is the full path, so "open" fails on /url.
    expect(run.code).toBe(1);

    // Argument errors need no process of their own.
    const missing = await inProcess(['test']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('test needs --api');
    const unknown = await inProcess(['test', '--api', 'Nope-1.0.0']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no API Nope-1.0.0`);
    const badUrl = await inProcess(['test', '--api', API, '--gateway', 'ftp://x']);
    expect(badUrl.stderr).toContain('--gateway: "ftp://x" is not an http(s) URL');
  });
});
