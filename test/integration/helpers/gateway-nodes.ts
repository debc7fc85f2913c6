/**
 * Real `portico-gateway` processes for publishing tests: mutable nodes (a data
 * dir, no bundle) with an admin token, on free ports of 127.0.0.1, and a small
 * apictl workspace with one API whose backend is given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repoRoot, 'gateway-runtime/bin/portico-gateway.js');

export interface GatewayNode {
  traffic: string;
  admin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a mutable node and resolves once it printed its traffic and admin listeners. */
export async function startNode(token: string): Promise<GatewayNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-node-'));
  const proc = spawn(
    process.execPath,
    [cli, '--port', '0', '--admin-port', '0', '--data-dir', dataDir, '--admin-token', token],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const lines = await new Promise<string[]>((resolve, reject) => {
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const got = out.split('\n').filter(Boolean);
      if (got.length >= 2) resolve(got);
    });
    void exit.then(() => reject(new Error(`portico-gateway exited: ${err}`)));
  });
  const find = (prefix: string) =>
    lines.find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? '';
  return {
    traffic: find('listening '),
    admin: find('admin '),
    token,
    process: proc,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exit;
    },
  };
}

/** A workspace folder holding `apis/<name>-1.0.0` (open GET operations) aimed at `backend`. */
export async function echoWorkspace(
  backend: string,
  paths: readonly string[],
  name = 'Echo',
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'portico-ws-'));
  await writeFile(
    join(root, 'portico.yaml'),
    'apiVersion: portico/v1\nkind: Workspace\nname: Publish\n',
  );
  await writeEchoApi(root, backend, paths, name);
  return root;
}

/** (Re)writes the API (context `/<name in lower case>`) with one open GET operation per path. */
export async function writeEchoApi(
  root: string,
  backend: string,
  paths: readonly string[],
  name = 'Echo',
): Promise<void> {
  const folder = join(root, 'apis', `${name}-1.0.0`);
  await mkdir(join(folder, 'Definitions'), { recursive: true });
  const operations = paths
    .map(
      (p) =>
        `    - target: ${p}\n      verb: GET\n      authType: None\n      throttlingPolicy: Unlimited\n`,
    )
    .join('');
  await writeFile(
    join(folder, 'api.yaml'),
    `type: api\nversion: v4.4.0\ndata:\n  name: ${name}\n  context: /${name.toLowerCase()}\n  version: 1.0.0\n  type: HTTP\n` +
      `  isDefaultVersion: false\n  endpointConfig:\n    endpoint_type: http\n    production_endpoints:\n      url: ${backend}\n` +
      `  operations:\n${operations}`,
  );
  const pathsYaml = paths
    .map((p) => `  ${p}:\n    get:\n      responses:\n        '200':\n          description: ok\n`)
    .join('');
  await writeFile(
    join(folder, 'Definitions', 'swagger.yaml'),
    `openapi: 3.0.3\ninfo:\n  title: ${name}\n  version: 1.0.0\npaths:\n${pathsYaml}`,
  );
}
