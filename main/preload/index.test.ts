import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../ipc/contract.js';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, request: unknown) => ({
      ok: true,
      value: { channel, request },
    })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
    send: vi.fn(),
  };
  return { exposed, listeners, ipcRenderer };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value),
  },
  ipcRenderer: fake.ipcRenderer,
}));

const { buildBridge } = await import('./index.js');

type Loose = Record<string, unknown>;
const bridge = () => fake.exposed.get('portico') as Loose;

describe('preload bridge', () => {
  it('exposes exactly one object, window.portico', () => {
    expect([...fake.exposed.keys()]).toEqual(['portico']);
  });

  it('has one method per contract channel, grouped by domain, and nothing generic', () => {
    const exposed = bridge();
    const domains = Object.keys(exposed).filter((k) => k !== 'on');
    const methods = domains.flatMap((d) =>
      Object.keys(exposed[d] as Loose).map((m) => `${d}.${m}`),
    );
    expect(methods.sort()).toEqual([...channelNames].sort());
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'sendSync'])
      expect(exposed).not.toHaveProperty(forbidden);
    for (const d of domains)
      for (const fn of Object.values(exposed[d] as Loose)) expect(typeof fn).toBe('function');
  });

  it('invokes the channel of the method called, with {} for an omitted request', async () => {
    const exposed = bridge() as {
      workspace: { open(r: unknown): Promise<unknown> };
      app: { info(): Promise<unknown> };
    };
    expect(await exposed.workspace.open({ path: '/w' })).toEqual({
      ok: true,
      value: { channel: 'workspace.open', request: { path: '/w' } },
    });
    expect(await exposed.app.info()).toEqual({
      ok: true,
      value: { channel: 'app.info', request: {} },
    });
  });

  it('turns a failed invoke into an error envelope instead of a throw', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("No handler registered for 'gateway.status'"),
    );
    const exposed = bridge() as { gateway: { status(): Promise<unknown> } };
    expect(await exposed.gateway.status()).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "No handler registered for 'gateway.status'" },
    });
  });

  it('subscribes only to contract events and hides the Electron event object', () => {
    const on = bridge().on as (event: string, listener: (payload: unknown) => void) => () => void;
    expect(() => on('some.internal', () => undefined)).toThrow(/Unknown event/);
    for (const event of eventNames) {
      const got: unknown[][] = [];
      const off = on(event, (...args) => got.push(args));
      for (const l of fake.listeners.get(event) ?? [])
        l({ sender: 'ipcRenderer!' }, { hello: event });
      expect(got).toEqual([[{ hello: event }]]);
      off();
      expect(fake.listeners.get(event)?.size).toBe(0);
    }
  });

  it('refuses app.openExternal without a click behind it', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const noClick = buildBridge(
      { invoke, on: vi.fn(), removeListener: vi.fn() },
      () => false,
    ) as unknown as {
      app: { openExternal(r: unknown): Promise<unknown> };
    };
    expect(await noClick.app.openExternal({ url: 'https://example.com' })).toMatchObject({
      ok: false,
      error: { code: 'NO_USER_GESTURE' },
    });
    expect(invoke).not.toHaveBeenCalled();
    const clicked = buildBridge(
      { invoke, on: vi.fn(), removeListener: vi.fn() },
      () => true,
    ) as unknown as {
      app: { openExternal(r: unknown): Promise<unknown> };
    };
    await clicked.app.openExternal({ url: 'https://example.com' });
    expect(invoke).toHaveBeenCalledWith('app.openExternal', { url: 'https://example.com' });
  });
});
