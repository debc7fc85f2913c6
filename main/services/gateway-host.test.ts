import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../ipc/contract.js';
import { GatewayHostService, type BundleSource } from './gateway-host.js';
import type { GatewayLauncher, GatewayProcess } from './gateway-process.js';
import { DefinitionCache, type ApiRecord } from './workspace/api-files.js';
import { scanWorkspace } from './workspace/scan.js';
import { sampleSource } from './workspace/testing.js';

/** A gateway process the test drives by hand. */
class FakeProcess implements GatewayProcess {
  private messageListeners: ((m: unknown) => void)[] = [];
  private exitListeners: ((c: number | null) => void)[] = [];
  sent: unknown[] = [];
  killed = false;
  exited = false;
  constructor(
    readonly args: string[],
    readonly env: Record<string, string>,
    private readonly onShutdown: 'exit' | 'ignore' = 'exit',
  ) {}
  onMessage(listener: (m: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (c: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  send(message: unknown): void {
    this.sent.push(message);
    if (this.onShutdown === 'exit') queueMicrotask(() => this.exit(0));
  }
  kill(): void {
    this.killed = true;
    queueMicrotask(() => this.exit(null));
  }
  emit(message: unknown): void {
    for (const l of this.messageListeners) l(message);
  }
  exit(code: number | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const l of this.exitListeners) l(code);
  }
  flag(name: string): string | undefined {
    const at = this.args.indexOf(name);
    return at >= 0 ? this.args[at + 1] : undefined;
  }
  listen(port = 8280): void {
    this.emit({
      type: 'listening',
      listeners: [`http://127.0.0.1:${port}`],
      adminUrl: 'http://127.0.0.1:9999/',
    });
  }
}

function fakeLauncher(
  onLaunch: (proc: FakeProcess, index: number) => void,
  shutdown: 'exit' | 'ignore' = 'exit',
) {
  const launched: FakeProcess[] = [];
  const launcher: GatewayLauncher = {
    launch(args, env) {
      const proc = new FakeProcess(args, env, shutdown);
      launched.push(proc);
      const index = launched.length - 1;
      queueMicrotask(() => onLaunch(proc, index));
      return proc;
    },
  };
  return { launcher, launched };
}

interface Put {
  token: string | null;
  revision: string;
}

function fakeAdmin(
  answer: (put: Put) => { status: number; body: unknown } = () => ({ status: 200, body: {} }),
) {
  const puts: Put[] = [];
  const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
    expect(String(url)).toBe('http://127.0.0.1:9999/admin/v1/bundle');
    expect(init?.method).toBe('PUT');
    const headers = new Headers(init?.headers);
    const put = {
      token: headers.get('authorization'),
      revision: (JSON.parse(String(init?.body)) as { revision: string }).revision,
    };
    puts.push(put);
    const { status, body } = answer(put);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetcher, puts };
}

class FakeSource implements BundleSource {
  private listeners = new Set<() => void>();
  constructor(public apis: ApiRecord[]) {}
  apiRecords(): readonly ApiRecord[] {
    return this.apis;
  }
  onContentChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const l of this.listeners) l();
  }
}

const hosts: GatewayHostService[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function sample(): Promise<FakeSource> {
  return new FakeSource((await scanWorkspace(sampleSource, new DefinitionCache())).apis);
}

function host(
  options: Partial<ConstructorParameters<typeof GatewayHostService>[0]> &
    Pick<ConstructorParameters<typeof GatewayHostService>[0], 'launcher' | 'source'>,
) {
  const service = new GatewayHostService({
    dataDir: '/tmp/gw-data',
    port: 8280,
    deployDelayMs: 5,
    ...options,
  });
  hosts.push(service);
  return service;
}

function until(
  service: GatewayHostService,
  test: (s: GatewayStatus) => boolean,
): Promise<GatewayStatus> {
  return new Promise((resolve) => {
    if (test(service.status())) return resolve(service.status());
    const off = service.onStatus((s) => {
      if (test(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('GatewayHostService', () => {
  it('launches with the CLI flags, deploys the workspace with the run token, and runs', async () => {
    const { launcher, launched } = fakeLauncher((p) => p.listen());
    const admin = fakeAdmin();
    const service = host({ launcher, source: await sample(), fetch: admin.fetcher });
    const status = await service.start();
    const [proc] = launched;
    expect(proc?.flag('--host')).toBe('127.0.0.1');
    expect(proc?.flag('--port')).toBe('8280');
    expect(proc?.flag('--admin-port')).toBe('0');
    expect(proc?.flag('--data-dir')).toBe('/tmp/gw-data');
    // The token travels in the environment: process arguments are readable by other users.
    expect(proc?.flag('--admin-token')).toBeUndefined();
    expect(proc?.env.PORTICO_ADMIN_TOKEN).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(admin.puts).toEqual([
      { token: `Bearer ${proc?.env.PORTICO_ADMIN_TOKEN}`, revision: status.revision },
    ]);
    expect(status).toEqual({
      state: 'running',
      listeners: ['http://127.0.0.1:8280'],
      adminUrl: 'http://127.0.0.1:9999',
      revision: expect.stringMatching(/^local-[0-9a-f]{12}$/),
      apis: [
        { id: 'petstore-1.0.0', context: '/petstore', version: '1.0.0' },
        { id: 'starwars-1.0.0', context: '/starwars', version: '1.0.0' },
        { id: 'streetlights-1.0.0', context: '/streetlights', version: '1.0.0' },
      ],
      error: null,
    });
  });

  it('retries once on any free port when the first process exits before listening', async () => {
    const { launcher, launched } = fakeLauncher((p, i) => {
      if (i === 0) {
        p.emit({ type: 'error', message: 'cannot listen: EADDRINUSE' });
        p.exit(1);
      } else p.listen(41234);
    });
    const logs: string[] = [];
    const service = host({
      launcher,
      source: await sample(),
      fetch: fakeAdmin().fetcher,
      log: (_l, m) => logs.push(m),
    });
    const status = await service.start();
    expect(launched.map((p) => p.flag('--port'))).toEqual(['8280', '0']);
    expect(launched[0]?.env.PORTICO_ADMIN_TOKEN).not.toBe(launched[1]?.env.PORTICO_ADMIN_TOKEN);
    expect(status).toMatchObject({ state: 'running', listeners: ['http://127.0.0.1:41234'] });
    expect(logs.join('\n')).toContain(
      'could not use port 8280 (cannot listen: EADDRINUSE (exit code 1))',
    );
  });

  it('reports why it could not start when the retry fails too', async () => {
    const { launcher, launched } = fakeLauncher((p) => {
      p.emit({ type: 'error', message: '--data-dir: not writable' });
      p.exit(2);
    });
    const status = await host({ launcher, source: await sample() }).start();
    expect(launched).toHaveLength(2);
    expect(status).toMatchObject({
      state: 'error',
      error: 'The gateway could not start: --data-dir: not writable (exit code 2)',
    });
  });

  it('keeps a running gateway whose deploy was refused, and lists the refused fields by API', async () => {
    const { launcher, launched } = fakeLauncher((p) => p.listen());
    const admin = fakeAdmin(() => ({
      status: 400,
      body: {
        code: 'BUNDLE_INVALID',
        issues: [{ path: 'apis[0].operations[1].target', message: 'must start with "/"' }],
      },
    }));
    const status = await host({ launcher, source: await sample(), fetch: admin.fetcher }).start();
    expect(status.state).toBe('error');
    expect(status.error).toMatch(
      /^The gateway refused revision local-[0-9a-f]{12}: apis\[PetStore-1\.0\.0\]\.operations\[1\]\.target: must start with "\/"$/,
    );
    expect(status.listeners).toEqual(['http://127.0.0.1:8280']);
    expect(launched[0]?.killed).toBe(false);
    expect(launched[0]?.sent).toEqual([]);
  });

  it('redeploys when the workspace content changes, and only when the bundle differs', async () => {
    const { launcher } = fakeLauncher((p) => p.listen());
    const admin = fakeAdmin();
    const source = await sample();
    const service = host({ launcher, source, fetch: admin.fetcher });
    const first = await service.start();
    source.changed();
    source.apis = source.apis.slice(0, 1);
    source.changed();
    const next = await until(service, (s) => s.revision !== first.revision);
    expect(next).toMatchObject({ state: 'running', apis: [{ id: 'petstore-1.0.0' }] });
    // A change that leaves the bundle as it is deploys nothing; the next real change shows it.
    source.changed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    source.apis = [];
    source.changed();
    const last = await until(service, (s) => s.revision !== next.revision);
    expect(admin.puts.map((p) => p.revision)).toEqual([
      first.revision,
      next.revision,
      last.revision,
    ]);
  });

  it('reports a gateway that dies on its own with its exit code', async () => {
    const { launcher, launched } = fakeLauncher((p) => p.listen());
    const service = host({ launcher, source: await sample(), fetch: fakeAdmin().fetcher });
    await service.start();
    launched[0]?.exit(3);
    expect(await until(service, (s) => s.state === 'error')).toEqual({
      state: 'error',
      listeners: [],
      adminUrl: null,
      revision: null,
      apis: [],
      error: 'The gateway stopped unexpectedly (exit code 3)',
    });
  });

  it('stops gracefully with a shutdown message, and kills a gateway that does not exit', async () => {
    const graceful = fakeLauncher((p) => p.listen());
    const a = host({
      launcher: graceful.launcher,
      source: await sample(),
      fetch: fakeAdmin().fetcher,
    });
    await a.start();
    await a.stop();
    expect(graceful.launched[0]?.sent).toEqual([{ type: 'shutdown' }]);
    expect(graceful.launched[0]?.killed).toBe(false);
    expect(a.status().state).toBe('stopped');

    const stubborn = fakeLauncher((p) => p.listen(), 'ignore');
    const b = host({
      launcher: stubborn.launcher,
      source: await sample(),
      fetch: fakeAdmin().fetcher,
      stopTimeoutMs: 20,
    });
    await b.start();
    await b.stop();
    expect(stubborn.launched[0]?.killed).toBe(true);
  });

  it('ends a gateway that is still starting when stopped', async () => {
    const { launcher, launched } = fakeLauncher(() => undefined);
    const service = host({ launcher, source: await sample() });
    const starting = service.start();
    await until(service, (s) => s.state === 'starting');
    await service.stop();
    expect(launched[0]?.killed).toBe(true);
    expect(launched).toHaveLength(1);
    expect(service.status().state).toBe('stopped');
    await starting;
    expect(service.status().state).toBe('stopped');
  });

  it('restarts with a new process and token', async () => {
    const { launcher, launched } = fakeLauncher((p) => p.listen());
    const admin = fakeAdmin();
    const service = host({ launcher, source: await sample(), fetch: admin.fetcher });
    await service.start();
    const status = await service.restart();
    expect(status.state).toBe('running');
    expect(launched).toHaveLength(2);
    expect(launched[0]?.exited).toBe(true);
    expect(admin.puts[1]?.token).toBe(`Bearer ${launched[1]?.env.PORTICO_ADMIN_TOKEN}`);
  });
});
