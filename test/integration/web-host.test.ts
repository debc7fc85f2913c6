import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../main/web-host/server.js';
import type { WebHost } from '../../main/web-host/server.js';
import { createStudioServices } from '../../main/services/index.js';
import type { GatewayLauncher, StudioServices } from '../../main/services/index.js';
import { CONTENT_SECURITY_POLICY } from '../../main/windows/csp.js';

let dir: string;
let host: WebHost;
let services: StudioServices;

/**
 * A gateway that never finishes starting: these tests are about the bridge, and
 * a real gateway child would only add a process. It exits when asked to.
 */
const idleGateway: GatewayLauncher = {
  launch() {
    const exits: Array<(code: number | null) => void> = [];
    const exit = () => exits.splice(0).forEach((listener) => listener(0));
    return {
      onMessage: () => undefined,
      onExit: (listener) => void exits.push(listener),
      send: exit,
      kill: exit,
    };
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-web-host-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Portico</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'worker.mjs'), 'export {}');
  await writeFile(join(renderer, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  await writeFile(join(renderer, 'assets', 'onig.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  await symlink(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  services = await createStudioServices({
    userDataPath: join(dir, 'user-data'),
    host: 'web',
    appVersion: '0.0.0-test',
    gatewayLauncher: idleGateway,
    sampleWorkspacePath: join(dir, 'sample'),
    // Missing, so it is created from the sample.
    workspacePath: join(dir, 'workspace'),
    gatewayPort: 0,
  });
  host = await startWebHost({
    services,
    host: '127.0.0.1',
    port: 0,
    rendererDir: renderer,
    token: 'test-token',
  });
});

afterAll(async () => {
  await host?.close();
  await services?.close();
  await rm(dir, { recursive: true, force: true });
});

function ipc(channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.url}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-token', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A GET with a path sent byte for byte (fetch would normalise `..` away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host: calls', () => {
  it('answers 401 without a token and with a wrong one', async () => {
    const none = await fetch(`${host.url}/ipc/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await ipc('app.info', {}, { Authorization: 'Bearer test-tokeN' });
    expect(wrong.status).toBe(401);
  });

  it('answers 403 to a page from another origin, even with the token', async () => {
    const res = await ipc('app.info', {}, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const own = await ipc('app.info', {}, { Origin: host.url });
    expect(own.status).toBe(200);
  });

  it('answers 415 to a body that is not declared JSON', async () => {
    const res = await ipc('app.info', '{}', { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('refuses a request whose Host is not the loopback address (DNS rebinding)', async () => {
    const { port } = new URL(host.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { Host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('round-trips valid calls to the real services', async () => {
    const current = await ipc('workspace.current', {});
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({
      ok: true,
      value: {
        root: join(dir, 'workspace'),
        apis: expect.arrayContaining([expect.objectContaining({ id: 'PetStore-1.0.0' })]),
      },
    });
    const api = await ipc('apis.get', { id: 'PetStore-1.0.0' });
    expect(await api.json()).toMatchObject({
      ok: true,
      value: { id: 'PetStore-1.0.0', name: 'PetStore' },
    });
    const missing = await ipc('apis.get', { id: 'Nope-9.9.9' });
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('has no folder picker and says so with a null path', async () => {
    expect(await (await ipc('workspace.pickFolder', { mode: 'open' })).json()).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(
      await (await ipc('app.openExternal', { url: 'https://example.com' })).json(),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    });
  });

  it('names the field of a request that does not match the contract', async () => {
    const empty = await ipc('workspace.open', { path: '' });
    expect(await empty.json()).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'path: a folder path is required' },
    });
    const res = await ipc('workspace.create', { path: '/tmp/x', sample: 'yes' });
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^sample: /) },
    });
  });

  it('answers 404 for an unknown channel, 400 for broken JSON, 405 for GET', async () => {
    expect((await ipc('nope.nothing', {})).status).toBe(404);
    const broken = await ipc('app.info', '{not json');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'BAD_JSON' } });
    expect(
      (await fetch(`${host.url}/ipc/app.info`, { headers: { Authorization: 'Bearer test-token' } }))
        .status,
    ).toBe(405);
  });

  it('answers 413 to a body over the limit', async () => {
    const small = await startWebHost({ services, rendererDir: dir, token: 't', maxBodyBytes: 64 });
    try {
      const res = await fetch(`${small.url}/ipc/apis.create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
        body: JSON.stringify({ content: 'x'.repeat(200) }),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('web host: events', () => {
  it('refuses /events without the token', async () => {
    const res = await fetch(`${host.url}/events`);
    expect(res.status).toBe(401);
  });

  it('streams an event a service publishes as event/data lines', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/events`, {
      headers: { Authorization: 'Bearer test-token' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The first comment arrives once the stream is registered, so the event cannot be missed.
    while (!text.includes(': connected')) {
      text += decoder.decode((await reader.read()).value, { stream: true });
    }
    const changed = await ipc('apis.updateSettings', {
      id: 'PetStore-1.0.0',
      context: '/pets-changed',
    });
    expect(await changed.json()).toMatchObject({ ok: true, value: { context: '/pets-changed' } });
    while (!text.includes('/pets-changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    const frame = text
      .split('\n\n')
      .find((f) => f.startsWith('event: workspace.changed') && f.includes('/pets-changed'));
    expect(frame).toBeDefined();
    const data = frame!
      .split('\n')
      .find((l) => l.startsWith('data: '))!
      .slice('data: '.length);
    const info = JSON.parse(data) as { apis: Array<{ id: string; context: string }> };
    expect(info.apis.find((a) => a.id === 'PetStore-1.0.0')?.context).toBe('/pets-changed');
  });
});

describe('web host: static files', () => {
  it('serves index.html with the CSP and nosniff headers', async () => {
    const res = await fetch(`${host.url}/?token=whatever`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Portico</title>');
  });

  it('sends the MIME type each asset needs', async () => {
    const expected: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/worker.mjs': 'text/javascript; charset=utf-8',
      '/assets/codicon.ttf': 'font/ttf',
      '/assets/onig.wasm': 'application/wasm',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await fetch(`${host.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
    }
  });

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await fetch(`${host.url}/apis/PetStore-1.0.0`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Portico</title>');
    expect((await fetch(`${host.url}/assets/missing.js`)).status).toBe(404);
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/link.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('do not serve');
    }
  });
});
