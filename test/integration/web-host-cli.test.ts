import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const urlLine = /^Portico studio: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)$/m;

let dir: string;
let child: ChildProcess;
let stdout = '';
let stderr = '';
let baseUrl = '';
let token = '';
let gatewayUrl = '';

function exited(
  proc: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
  }
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-web-cli-'));
  const renderer = join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Portico CLI test</title>');
  const workspace = join(dir, 'workspace');
  await mkdir(workspace);
  // `node --import tsx` rather than `npx tsx`, so SIGTERM reaches the CLI itself.
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/web-host/cli.ts',
      '--port',
      '0',
      '--user-data',
      join(dir, 'user-data'),
      '--workspace',
      workspace,
      '--gateway-port',
      '0',
      '--renderer-dir',
      renderer,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORTICO_USER_DATA: '' },
    },
  );
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const found = urlLine.exec(stdout);
      if (found) resolve(found);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`web host exited with ${code} before printing its URL:\n${stderr}`)),
    );
  });
  baseUrl = match[1] ?? '';
  token = match[2] ?? '';
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  await rm(dir, { recursive: true, force: true });
});

describe('npm run start:web (main/web-host/cli.ts)', () => {
  it('prints exactly one line on stdout: the URL with the token', () => {
    expect(stdout.trimEnd().split('\n')).toEqual([`Portico studio: ${baseUrl}/?token=${token}`]);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the studio page and answers calls with the printed token', async () => {
    const page = await fetch(`${baseUrl}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Portico CLI test');
    const info = await fetch(`${baseUrl}/ipc/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(await info.json()).toMatchObject({
      ok: true,
      value: { host: 'web', userDataPath: join(dir, 'user-data') },
    });
    const refused = await fetch(`${baseUrl}/ipc/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
  });

  it('starts the local gateway as a child process', async () => {
    // The studio answers at once and starts the gateway in the background: ask until it settles.
    let status: { state: string; listeners: string[]; error: string | null } = {
      state: 'starting',
      listeners: [],
      error: null,
    };
    while (status.state === 'starting' || status.state === 'stopped') {
      const res = await fetch(`${baseUrl}/ipc/gateway.status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      status = ((await res.json()) as { value: typeof status }).value;
      if (status.state === 'starting' || status.state === 'stopped') {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    expect(status, stderr).toMatchObject({ state: 'running', error: null });
    gatewayUrl = status.listeners[0] ?? '';
    expect(gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('exits cleanly on SIGTERM, taking the gateway with it', async () => {
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    await expect(fetch(baseUrl)).rejects.toThrow();
    await expect(fetch(gatewayUrl)).rejects.toThrow();
  });
});
