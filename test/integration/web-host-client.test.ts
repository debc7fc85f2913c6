/**
 * The renderer's IPC client (renderer/src/ipc/client.ts) against the real web
 * host, and against the preload bridge wired to the same dispatcher Electron uses.
 * The browser globals it needs are stubbed; fetch goes to the real server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebHost } from '../../main/web-host/server.js';
import { createFakeServices, stoppedGateway } from '../../main/ipc/testing.js';
import { createDispatcher } from '../../main/ipc/dispatch.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import type { EventPayload, EventName, PorticoBridge } from '../../main/ipc/contract.js';

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: () => undefined },
  ipcRenderer: {},
}));

/** The parts of client.ts this test uses (the module is DOM code, typed by tsconfig.web). */
interface ClientModule {
  ipc: {
    app: {
      info(): Promise<{ host: string }>;
      openExternal(request: { url: string }): Promise<null>;
    };
    workspace: {
      open(request: { path: string }): Promise<{ root: string }>;
      pickFolder(request: { mode: 'open' | 'create' }): Promise<{ path: string | null }>;
    };
  };
  subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void;
  hostKind(): 'electron' | 'web';
  IpcClientError: new (error: { code: string; message: string }) => Error & { code: string };
}

// A variable specifier keeps tsc (node settings, no DOM) from type-checking the renderer file.
const clientPath = '../../renderer/src/ipc/client.ts';
const loadClient = async (): Promise<ClientModule> =>
  (await import(/* @vite-ignore */ clientPath)) as ClientModule;

interface FakeWindow {
  location: { href: string };
  sessionStorage: Map<string, string> & {
    getItem(k: string): string | null;
    setItem(k: string, v: string): void;
  };
  history: { state: unknown; replaceState: (state: unknown, title: string, url: string) => void };
  portico?: PorticoBridge;
  open?: (url: string, target: string, features: string) => void;
}

function fakeWindow(href: string): FakeWindow {
  const storage = new Map<string, string>() as FakeWindow['sessionStorage'];
  storage.getItem = (k) => storage.get(k) ?? null;
  storage.setItem = (k, v) => void storage.set(k, v);
  const win: FakeWindow = {
    location: { href },
    sessionStorage: storage,
    history: {
      state: null,
      replaceState: (_state, _title, url) => {
        win.location.href = new URL(url, win.location.href).href;
      },
    },
  };
  return win;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function webSetup() {
  const dir = await mkdtemp(join(tmpdir(), 'portico-client-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  const services = createFakeServices();
  const host = await startWebHost({ services, rendererDir: dir });
  cleanups.push(
    () => rm(dir, { recursive: true, force: true }),
    () => host.close(),
  );
  const win = fakeWindow(`${host.url}/?token=${host.token}#/apis`);
  vi.stubGlobal('window', win);
  const realFetch = globalThis.fetch;
  // Page-relative URLs, as in the browser.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    realFetch(new URL(input, host.url), init),
  );
  const client = await loadClient();
  return { client, services, win, host };
}

describe('IPC client over the web host', () => {
  it('takes the token out of the address bar and keeps it for the tab', async () => {
    const { client, win, host } = await webSetup();
    expect(client.hostKind()).toBe('web');
    expect(win.location.href).toBe(`${host.url}/#/apis`);
    expect(win.sessionStorage.get('portico.token')).toBe(host.token);
  });

  it('resolves calls with the unwrapped response', async () => {
    const { client } = await webSetup();
    expect(await client.ipc.app.info()).toMatchObject({ host: 'web' });
    expect(await client.ipc.workspace.open({ path: '/tmp/ws' })).toMatchObject({ root: '/tmp/ws' });
    expect(await client.ipc.workspace.pickFolder({ mode: 'open' })).toEqual({ path: null });
  });

  it('rejects with IpcClientError carrying the code and the field path', async () => {
    const { client } = await webSetup();
    const error = await client.ipc.workspace.open({ path: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.IpcClientError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'path: a folder path is required' });
  });

  it('opens http(s) links itself, in a new tab without an opener', async () => {
    const { client, win } = await webSetup();
    const open = vi.fn();
    win.open = open;
    expect(await client.ipc.app.openExternal({ url: 'https://example.com/' })).toBeNull();
    expect(open).toHaveBeenCalledWith('https://example.com/', '_blank', 'noopener,noreferrer');
    await expect(client.ipc.app.openExternal({ url: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('rejects with UNAUTHORIZED when the tab has no token', async () => {
    const { win } = await webSetup();
    win.sessionStorage.clear();
    vi.resetModules();
    const fresh = await loadClient();
    await expect(fresh.ipc.app.info()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('delivers pushed events to subscribers until they unsubscribe', async () => {
    const { client, services } = await webSetup();
    const received: string[] = [];
    let resolveFirst: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (resolveFirst = resolve));
    const off = client.subscribe('gateway.status', (status) => {
      received.push(status.revision ?? '');
      resolveFirst();
    });
    // Publish until the stream is connected; the client gives no "connected" signal.
    const pump = setInterval(() => services.emitStatus({ ...stoppedGateway, revision: 'r-1' }), 20);
    await first;
    clearInterval(pump);
    off();
    expect(received[0]).toBe('r-1');
  });
});

describe('IPC client over the Electron preload', () => {
  it('calls through window.portico and unwraps its envelopes', async () => {
    const { buildBridge } = await import('../../main/preload/index.js');
    const services = createFakeServices();
    const dispatch = createDispatcher(
      createHandlers({
        services,
        pickFolder: async () => '/picked',
        openExternal: async () => undefined,
      }),
    );
    const bridge = buildBridge(
      {
        invoke: (channel, request) => dispatch(channel, request),
        on: () => undefined,
        removeListener: () => undefined,
      },
      () => true,
    );
    const win = fakeWindow('file:///app/out/renderer/index.html');
    win.portico = bridge;
    vi.stubGlobal('window', win);
    const client = await loadClient();
    expect(client.hostKind()).toBe('electron');
    expect(await client.ipc.workspace.pickFolder({ mode: 'create' })).toEqual({ path: '/picked' });
    await expect(client.ipc.workspace.open({ path: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
