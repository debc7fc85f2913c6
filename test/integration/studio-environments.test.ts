/**
 * Publishing with the studio's services against two real `portico-gateway`
 * processes: a push reaches both nodes (with the environment's endpoint override
 * and secrets), a node that refuses keeps its old revision and the environment is
 * reported diverged, rollback brings every node back, undeploy empties them, and
 * the admin connection's token and client certificate are enforced.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deployments } from '../../main/services/environments/deployments.js';
import { writeEnvironment } from '../../main/services/environments/environment-repo.js';
import { EnvironmentsService } from '../../main/services/environments/environments-service.js';
import { RevisionsService } from '../../main/services/revisions/revisions-service.js';
import { openStore, type Store } from '../../main/services/store/store.js';
import { DefinitionCache, type ApiRecord } from '../../main/services/workspace/api-files.js';
import { scanWorkspace } from '../../main/services/workspace/scan.js';
import { send, startBackend, type Backend } from './helpers/backend.js';
import { createTestCertificates, type TestCertificates } from './helpers/certs.js';
import {
  echoWorkspace,
  startNode,
  writeEchoApi,
  type GatewayNode,
} from './helpers/gateway-nodes.js';

let backend: Backend;
let stagingBackend: Backend;
let nodeA: GatewayNode;
let nodeB: GatewayNode;
let root: string;
let userData: string;
let store: Store;
let apis: ApiRecord[] = [];
let environments: EnvironmentsService;
let revisions: RevisionsService;
let certs: TestCertificates;
let tlsFront: Server;

async function rescan(): Promise<void> {
  apis = (await scanWorkspace(root, new DefinitionCache())).apis;
}

async function health(node: GatewayNode): Promise<string | null> {
  const res = await send(node.admin, '/admin/v1/health', {
    headers: { authorization: `Bearer ${node.token}` },
  });
  return res.json<{ revision: string | null }>().revision;
}

beforeAll(async () => {
  backend = await startBackend();
  stagingBackend = await startBackend();
  [nodeA, nodeB] = await Promise.all([startNode('token-node-a'), startNode('token-node-b')]);
  root = await echoWorkspace(backend.url, ['/hello']);
  userData = await mkdtemp(join(tmpdir(), 'portico-userdata-'));
  store = openStore({ userDataPath: userData });
  await rescan();
  revisions = new RevisionsService({
    db: store.db,
    apis: () => apis,
    author: async () => 'tester',
  });
  environments = new EnvironmentsService({
    root: () => root,
    revisions,
    deployments: new Deployments(store.db),
    secrets: store.secrets,
    author: async () => 'tester',
  });
  store.secrets.set('staging-a', nodeA.token);
  store.secrets.set('staging-b', nodeB.token);
  store.secrets.set('backend-credential', 's3cret-value');
  await writeEnvironment(root, {
    name: 'staging',
    nodes: [
      { name: 'a', adminUrl: nodeA.admin, tokenSecret: 'staging-a' },
      { name: 'b', adminUrl: nodeB.admin, tokenSecret: 'staging-b' },
    ],
    secrets: ['backend-credential'],
    endpoints: { 'Echo-1.0.0': { production: stagingBackend.url } },
  });

  certs = await createTestCertificates({ clients: ['studio'] });
  // The admin API behind a TLS-terminating proxy that demands a client certificate
  // from the CA, as a production node would sit behind one.
  tlsFront = createHttpsServer(
    {
      key: certs.server.keyPem,
      cert: certs.server.certPem,
      ca: certs.ca.certPem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const target = new URL(nodeA.admin);
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => tlsFront.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  tlsFront?.close();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  store?.close();
  await Promise.all([backend?.close(), stagingBackend?.close(), certs?.cleanup()]);
  for (const dir of [root, userData]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('publishing to an environment of two portico-gateway nodes', () => {
  let first: string;
  let firstBundle: string | null;

  it('pushes a revision to both nodes, with the endpoint override and the secrets', async () => {
    const progress: string[] = [];
    const broadcast: string[] = [];
    const off = environments.onProgress((p) =>
      broadcast.push(`${p.environment}/${p.apiId}/${p.action}/${p.node}:${p.stage}`),
    );
    const report = await environments.push(
      { environment: 'staging', apiId: 'Echo-1.0.0', note: 'first' },
      (p) => progress.push(`${p.node}:${p.stage}`),
    );
    off();
    // Every listener of the service (the studio's live view) sees the same steps, with the operation.
    expect(broadcast).toEqual(progress.map((p) => `staging/Echo-1.0.0/push/${p}`));
    expect(report.outcome).toBe('deployed');
    expect(report.nodes.map((n) => [n.node, n.ok])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(progress).toEqual(expect.arrayContaining(['a:secrets', 'a:bundle', 'a:done', 'b:done']));
    first = report.revisionId ?? '';
    firstBundle = report.bundleRevision;
    expect(first).toMatch(/^r-[0-9a-f]{16}$/);
    expect(revisions.list('Echo-1.0.0')).toEqual([
      expect.objectContaining({ id: first, author: 'tester', note: 'first' }),
    ]);
    for (const node of [nodeA, nodeB]) {
      expect(await health(node)).toBe(firstBundle);
      const res = await send(node.traffic, '/echo/1.0.0/hello');
      expect(res.status).toBe(200);
      const secrets = await send(node.admin, '/admin/v1/secrets', {
        headers: { authorization: `Bearer ${node.token}` },
      });
      expect(secrets.json()).toEqual({ secrets: [{ name: 'backend-credential' }] });
    }
    expect(stagingBackend.requests.map((r) => r.url)).toEqual(['/hello', '/hello']);
    expect(backend.requests).toEqual([]);
    expect((await environments.status('staging')).state).toBe('in-sync');
  });

  it('keeps a refusing node on its old revision and reports the environment diverged', async () => {
    await writeEchoApi(root, backend.url, ['/hello', '/v2']);
    await rescan();
    store.secrets.set('staging-b', 'not-the-token-of-b');
    const report = await environments.push({
      environment: 'staging',
      apiId: 'Echo-1.0.0',
      note: 'second',
    });
    expect(report.outcome).toBe('partial');
    const [a, b] = report.nodes;
    expect(a).toMatchObject({ node: 'a', ok: true });
    expect(b).toMatchObject({ node: 'b', ok: false });
    expect(b?.error).toMatch(/401/);
    expect(report.revisionId).not.toBe(first);

    expect((await send(nodeA.traffic, '/echo/1.0.0/v2')).status).toBe(200);
    expect((await send(nodeB.traffic, '/echo/1.0.0/v2')).status).toBe(404);
    expect(await health(nodeB)).toBe(firstBundle);

    store.secrets.set('staging-b', nodeB.token);
    const status = await environments.status('staging');
    expect(status.state).toBe('diverged');
    expect(status.nodes.map((n) => n.revision)).toEqual([report.bundleRevision, firstBundle]);
  });

  it('diffs the two revisions: the new operation in the definition and the settings', () => {
    const [newest, oldest] = revisions.list('Echo-1.0.0');
    const diff = revisions.diff(oldest?.id ?? '', newest?.id ?? '');
    expect(diff.definition.filter((l) => l.op === 'add').map((l) => l.text)).toEqual([
      '  /v2:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
    ]);
    expect(diff.settings.map((c) => c.path)).toContain('api.operations[1].target');
  });

  it('rolls back every node to the previous revision', async () => {
    const report = await environments.rollback({ environment: 'staging', apiId: 'Echo-1.0.0' });
    expect(report).toMatchObject({
      outcome: 'deployed',
      revisionId: first,
      bundleRevision: firstBundle,
    });
    for (const node of [nodeA, nodeB]) {
      expect(await health(node)).toBe(firstBundle);
      expect((await send(node.traffic, '/echo/1.0.0/v2')).status).toBe(404);
    }
    expect((await environments.status('staging')).state).toBe('in-sync');
    await expect(
      environments.rollback({ environment: 'staging', apiId: 'Echo-1.0.0' }),
    ).rejects.toThrow(/no earlier revision/);
  });

  it('pulls each node’s analytics', async () => {
    const pulled = await environments.analytics('staging', { groupBy: 'status' });
    expect(pulled.map((p) => p.node)).toEqual(['a', 'b']);
    for (const { summary, error } of pulled) {
      expect(error).toBeUndefined();
      const rows = (summary as { rows: { key: string; requests: number }[] }).rows;
      // The first test sent one successful call to each node.
      expect(rows.find((r) => r.key === '200')?.requests).toBeGreaterThanOrEqual(1);
    }
  });

  it('undeploys the API from every node', async () => {
    const report = await environments.undeploy({ environment: 'staging', apiId: 'Echo-1.0.0' });
    expect(report).toMatchObject({ outcome: 'deployed', revisionId: null, bundleRevision: null });
    for (const node of [nodeA, nodeB]) {
      expect(await health(node)).toBeNull();
      expect((await send(node.traffic, '/echo/1.0.0/hello')).status).toBe(404);
    }
    expect(environments.history('staging').map((h) => h.action)).toEqual([
      'undeploy',
      'rollback',
      'push',
      'push',
    ]);
  });

  it('reaches an admin API that requires a client certificate, and is refused without the right one', async () => {
    const adminUrl = `https://127.0.0.1:${(tlsFront.address() as AddressInfo).port}`;
    store.secrets.set('studio-key', certs.clients.studio?.keyPem ?? '');
    store.secrets.set('stranger-key', certs.stranger.keyPem);
    const node = (name: string, tls: Record<string, string>) => ({
      name,
      adminUrl,
      tokenSecret: 'staging-a',
      tls: { caFile: certs.ca.certPath, ...tls },
    });
    await writeEnvironment(root, {
      name: 'secure',
      nodes: [
        node('trusted', {
          certFile: certs.clients.studio?.certPath ?? '',
          keySecret: 'studio-key',
        }),
        node('stranger', { certFile: certs.stranger.certPath, keySecret: 'stranger-key' }),
        node('no-cert', {}),
        {
          ...node('no-key', {}),
          tls: {
            caFile: certs.ca.certPath,
            certFile: certs.stranger.certPath,
            keySecret: 'never-set',
          },
        },
      ],
    });
    const status = await environments.status('secure');
    expect(status.nodes.map((n) => [n.node, n.reachable])).toEqual([
      ['trusted', true],
      ['stranger', false],
      ['no-cert', false],
      ['no-key', false],
    ]);
    expect(status.nodes[0]?.error).toBeUndefined();
    // A node whose secret is missing is reported on its own; the others are still asked.
    expect(status.nodes[3]?.error).toBe(
      'nodes[3].tls.keySecret: no secret "never-set" in the secret store; set it first',
    );
    store.secrets.set('never-set', certs.stranger.keyPem);

    const report = await environments.push({ environment: 'secure', apiId: 'Echo-1.0.0' });
    expect(report.nodes.map((n) => n.ok)).toEqual([true, false, false, false]);
    expect(await health(nodeA)).toBe(report.bundleRevision);
  });
});
