/**
 * `portico-gateway` as a real process: listener lines, flag and bundle errors,
 * immutability, the admin token from the environment, graceful shutdown that loses
 * no analytics event, HTTPS, and the child entry the studio forks.
 */
import Database from 'better-sqlite3';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import type { ChildMessage } from '../../gateway-runtime/src/child-messages.js';
import { send, startBackend, type Backend } from './helpers/backend.js';
import { createTestCertificates, type TestCertificates } from './helpers/certs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'gateway-runtime/bin/portico-gateway.js');
const child = join(root, 'gateway-runtime/src/child.ts');

let backend: Backend;
let dir: string;
let bundleFile: string;
let certs: TestCertificates;
const processes: ChildProcess[] = [];

beforeAll(async () => {
  backend = await startBackend();
  dir = await mkdtemp(join(tmpdir(), 'portico-cli-'));
  bundleFile = join(dir, 'bundle.json');
  await writeFile(
    bundleFile,
    JSON.stringify(testBundle([testApi(backend.url, { operations: [] })])),
  );
  certs = await createTestCertificates({ clients: [] });
});

afterAll(async () => {
  for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await backend?.close();
  await certs?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

interface Running {
  process: ChildProcess;
  lines: string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Spawns the CLI and waits for `count` stdout lines (or the exit). */
async function run(
  args: string[],
  count: number,
  env: Record<string, string> = {},
): Promise<Running> {
  const proc = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(proc);
  let out = '';
  let err = '';
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const lines = await new Promise<string[]>((resolve) => {
    const done = () => resolve(out.split('\n').filter(Boolean));
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.split('\n').filter(Boolean).length >= count) done();
    });
    void exit.then(done);
  });
  return { process: proc, lines, stderr: () => err, exit };
}

const ports = ['--port', '0', '--admin-port', '0'];

describe('portico-gateway CLI', () => {
  it('prints one line per listener and serves the bundle immutably', async () => {
    const gw = await run(['--bundle', bundleFile, ...ports, '--admin-token', 'cli-token-123'], 2);
    expect(gw.lines).toEqual([
      expect.stringMatching(/^listening http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^admin http:\/\/127\.0\.0\.1:\d+$/),
    ]);
    const traffic = gw.lines[0]?.slice('listening '.length) ?? '';
    const admin = gw.lines[1]?.slice('admin '.length) ?? '';
    expect(
      (await send(traffic, '/svc/v1/x', { headers: { apikey: keys.production } })).status,
    ).toBe(200);
    const deploy = await send(admin, '/admin/v1/bundle', {
      method: 'PUT',
      headers: { authorization: 'Bearer cli-token-123', 'content-type': 'application/json' },
      body: JSON.stringify(testBundle([])),
    });
    expect(deploy.status).toBe(409);
    expect(deploy.json()).toMatchObject({ code: 'IMMUTABLE_GATEWAY' });
    gw.process.kill('SIGTERM');
    expect(await gw.exit).toBe(0);
  });

  it('exits non-zero naming the field path of a bad bundle', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      'apiVersion: portico/v1\nkind: GatewayBundle\nrevision: r\napis:\n  - { id: a, name: A, version: "1", context: nope, endpoints: {} }\n',
    );
    const gw = await run(['--bundle', bad, ...ports], 1);
    expect(await gw.exit).not.toBe(0);
    expect(gw.lines).toEqual([]);
    expect(gw.stderr()).toContain('apis[0].context: must be "/" followed by');
  });

  it.each([
    [['--port', 'eighty'], '--port must be a port number'],
    [['--colour'], "Unknown option '--colour'"],
    [['--tls-cert', 'x.pem'], '--tls-cert and --tls-key go together'],
  ])('exits non-zero on bad flags %j', async (args, message) => {
    const gw = await run(args, 1);
    expect(await gw.exit).toBe(2);
    expect(gw.stderr()).toContain(message);
  });

  it('refuses a non-loopback admin host without a token, and takes the token from PORTICO_ADMIN_TOKEN', async () => {
    const refused = await run([...ports, '--admin-host', '0.0.0.0'], 1, {
      PORTICO_ADMIN_TOKEN: '',
    });
    expect(await refused.exit).toBe(1);
    expect(refused.stderr()).toContain('without a token');

    const gw = await run(ports, 2, { PORTICO_ADMIN_TOKEN: 'env-token-456' });
    const admin = gw.lines[1]?.slice('admin '.length) ?? '';
    expect((await send(admin, '/admin/v1/health')).status).toBe(401);
    expect(
      (
        await send(admin, '/admin/v1/health', {
          headers: { authorization: 'Bearer env-token-456' },
        })
      ).json(),
    ).toEqual({
      status: 'ok',
      revision: null,
    });
    gw.process.kill('SIGINT');
    expect(await gw.exit).toBe(0);
  });

  it('loses no analytics event on SIGTERM', async () => {
    const dataDir = join(dir, 'data-shutdown');
    const gw = await run(['--bundle', bundleFile, ...ports, '--data-dir', dataDir], 2);
    const traffic = gw.lines[0]?.slice('listening '.length) ?? '';
    const n = 40;
    for (let i = 0; i < n; i++) {
      const res = await send(traffic, `/svc/v1/item/${i}`, {
        headers: i % 4 === 0 ? {} : { apikey: keys.production },
      });
      expect(res.status).toBe(i % 4 === 0 ? 401 : 200);
    }
    gw.process.kill('SIGTERM');
    expect(await gw.exit).toBe(0);
    const db = new Database(join(dataDir, 'portico-gateway.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n });
      expect(db.prepare('SELECT COUNT(*) AS n FROM events WHERE status = 401').get()).toEqual({
        n: n / 4,
      });
    } finally {
      db.close();
    }
  });

  it('serves HTTPS with --tls-cert/--tls-key and prints its line', async () => {
    const gw = await run(
      [
        ...ports,
        '--https-port',
        '0',
        '--tls-cert',
        certs.server.certPath,
        '--tls-key',
        certs.server.keyPath,
      ],
      3,
    );
    expect(gw.lines[0]).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.lines[1]).toMatch(/^listening https:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.lines[2]).toMatch(/^admin http:\/\/127\.0\.0\.1:\d+$/);
    gw.process.kill('SIGTERM');
    expect(await gw.exit).toBe(0);
  });

  it('runs as a forked child: reports its listeners and stops on { type: "shutdown" }', async () => {
    const proc = fork(child, ['--bundle', bundleFile, ...ports], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    processes.push(proc);
    const messages: ChildMessage[] = [];
    const listening = new Promise<ChildMessage>((resolve) =>
      proc.on('message', (m: ChildMessage) => {
        messages.push(m);
        if (m.type !== 'stopped') resolve(m);
      }),
    );
    const exit = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    const first = await listening;
    expect(first).toEqual({
      type: 'listening',
      listeners: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)],
      adminUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    if (first.type !== 'listening') throw new Error('not listening');
    expect(
      (await send(first.listeners[0] ?? '', '/svc/v1/x', { headers: { apikey: keys.production } }))
        .status,
    ).toBe(200);
    proc.send({ type: 'shutdown' });
    expect(await exit).toBe(0);
    expect(messages.at(-1)).toEqual({ type: 'stopped' });
  });

  it('stops a forked child when its parent disconnects', async () => {
    const proc = fork(child, ports, {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    processes.push(proc);
    const exit = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve) => proc.once('message', () => resolve()));
    proc.disconnect();
    expect(await exit).toBe(0);
  });
});
