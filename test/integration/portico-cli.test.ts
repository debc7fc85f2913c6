/**
 * The `portico` command as a real process against a real `portico-gateway` node:
 * push (secrets from the environment, as CI passes them), a refused push, status,
 * export as a bundle and as an apictl project, and argument errors.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBundle } from '../../gateway-runtime/src/index.js';
import { runCli } from '../../main/cli/portico.js';
import { writeEnvironment } from '../../main/services/environments/environment-repo.js';
import { send, startBackend, type Backend } from './helpers/backend.js';
import { echoWorkspace, repoRoot, startNode, type GatewayNode } from './helpers/gateway-nodes.js';

const bin = join(repoRoot, 'main/cli/bin/portico.js');
let backend: Backend;
let node: GatewayNode;
let root: string;
let dataDir: string;
let outDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function portico(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const proc = spawn(process.execPath, [bin, ...args, '--workspace', root, '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function inProcess(
  args: string[],
  options: { workspace?: string; dataDir?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    [...args, '--workspace', options.workspace ?? root, '--data-dir', options.dataDir ?? dataDir],
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: options.env ?? {},
      cwd: repoRoot,
    },
  );
  return { code, stdout, stderr };
}

beforeAll(async () => {
  backend = await startBackend();
  node = await startNode('ci-admin-token');
  root = await echoWorkspace(backend.url, ['/hello']);
  dataDir = await mkdtemp(join(tmpdir(), 'portico-cli-data-'));
  outDir = await mkdtemp(join(tmpdir(), 'portico-cli-out-'));
  await writeEnvironment(root, {
    name: 'ci',
    nodes: [{ name: 'only', adminUrl: node.admin, tokenSecret: 'ci-admin' }],
  });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await backend?.close();
  for (const dir of [root, dataDir, outDir])
    if (dir) await rm(dir, { recursive: true, force: true });
});

describe('portico command', () => {
  it('pushes an API with the admin token from PORTICO_SECRET_*', async () => {
    const run = await portico(['push', '--env', 'ci', '--api', 'Echo-1.0.0', '--note', 'from CI'], {
      PORTICO_SECRET_CI_ADMIN: node.token,
    });
    expect(run.stderr).toContain('[only] done');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^only\tok\te-[0-9a-f]{16}\ndeployed: push Echo-1.0.0 r-[0-9a-f]{16} to ci\n$/,
    );
    expect((await send(node.traffic, '/echo/1.0.0/hello')).status).toBe(200);

    const status = await portico(['status', '--env', 'ci', '--json'], {
      PORTICO_SECRET_CI_ADMIN: node.token,
    });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ environment: 'ci', state: 'in-sync' });
  }, 120_000);

  it('exits 1 and names the node when the token is wrong', async () => {
    const run = await portico(['push', '--env', 'ci', '--api', 'Echo-1.0.0'], {
      PORTICO_SECRET_CI_ADMIN: 'wrong-token-123',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^only\tFAILED\tbundle: HTTP 401/);
    expect(run.stdout).toContain('failed: push');
  }, 120_000);

  it('fails with the missing secret named when neither the environment nor the store has it', async () => {
    const run = await portico(['push', '--env', 'ci', '--api', 'Echo-1.0.0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nodes[0].tokenSecret: no secret "ci-admin"');
  }, 120_000);

  it('exports the revision bundle and the apictl project', async () => {
    const bundle = await portico([
      'export',
      '--api',
      'Echo-1.0.0',
      '--format',
      'bundle',
      '--out',
      outDir,
    ]);
    expect(bundle.code).toBe(0);
    const parsed = parseBundle(
      JSON.parse(await readFile(join(outDir, 'Echo-1.0.0.bundle.json'), 'utf8')),
    );
    expect(parsed.ok && parsed.bundle.apis.map((a) => a.context)).toEqual(['/echo']);
    expect(parsed.ok && parsed.bundle.revision).toMatch(/^r-[0-9a-f]{16}$/);

    // In process: the same entry point, without another process start.
    expect(await inProcess(['export', '--api', 'Echo-1.0.0', '--out', outDir])).toMatchObject({
      code: 0,
    });
    expect((await readdir(join(outDir, 'Echo-1.0.0'))).sort()).toEqual([
      'Definitions',
      'api.yaml',
      'api_params.yaml',
      'deployment_environments.yaml',
    ]);
  }, 120_000);

  it('exports an apictl archive and imports it back into a workspace', async () => {
    const zipOut = join(outDir, 'zip');
    const exported = await inProcess([
      'export',
      '--api',
      'Echo-1.0.0',
      '--format',
      'zip',
      '--out',
      zipOut,
    ]);
    expect(exported).toMatchObject({ code: 0, stdout: `${join(zipOut, 'Echo_1.0.0.zip')}\n` });
    const fresh = await mkdtemp(join(tmpdir(), 'portico-cli-import-'));
    try {
      await writeFile(join(fresh, 'portico.yaml'), 'apiVersion: portico/v1\nkind: Workspace\n');
      const imported = await inProcess(
        ['import', '--project', join(zipOut, 'Echo_1.0.0.zip'), '--json'],
        { workspace: fresh },
      );
      expect(imported.stderr).toBe('');
      expect(JSON.parse(imported.stdout)).toEqual({ apiId: 'Echo-1.0.0', environments: [] });
      expect((await readdir(join(fresh, 'apis/Echo-1.0.0'))).sort()).toEqual([
        'Definitions',
        'api.yaml',
      ]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps the APIs a node already serves when a fresh data folder pushes another', async () => {
    const other = await echoWorkspace(backend.url, ['/hello'], 'Other');
    const freshData = await mkdtemp(join(tmpdir(), 'portico-cli-fresh-'));
    try {
      await writeEnvironment(other, {
        name: 'ci',
        nodes: [{ name: 'only', adminUrl: node.admin, tokenSecret: 'ci-admin' }],
      });
      const run = await inProcess(['push', '--env', 'ci', '--api', 'Other-1.0.0', '--json'], {
        workspace: other,
        dataDir: freshData,
        env: { PORTICO_SECRET_CI_ADMIN: node.token },
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'deployed' });
      expect((await send(node.traffic, '/other/1.0.0/hello')).status).toBe(200);
      expect((await send(node.traffic, '/echo/1.0.0/hello')).status).toBe(200);
      const status = await inProcess(['status', '--env', 'ci', '--json'], {
        workspace: other,
        dataDir: freshData,
        env: { PORTICO_SECRET_CI_ADMIN: node.token },
      });
      expect(JSON.parse(status.stdout).apis.map((a: { apiId: string }) => a.apiId)).toEqual([
        'Echo-1.0.0',
        'Other-1.0.0',
      ]);
    } finally {
      await rm(other, { recursive: true, force: true });
      await rm(freshData, { recursive: true, force: true });
    }
  });

  it('exits 2 on a missing flag or an unknown command', async () => {
    const missing = await inProcess(['push', '--env', 'ci']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('push needs --api');
    expect((await inProcess(['deploy'])).code).toBe(2);
  });
});
