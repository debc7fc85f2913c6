import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { forwardEvents, registerIpc } from './register-ipc.js';
import { channelNames } from '../ipc/contract.js';
import { createDispatcher } from '../ipc/dispatch.js';
import { createHandlers } from '../ipc/handlers.js';
import { createEventHub } from '../ipc/events.js';
import { createFakeServices } from '../ipc/testing.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const appUrl = 'file:///opt/portico/out/renderer/index.html';

function setup() {
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const services = createFakeServices();
  const dispatch = createDispatcher(
    createHandlers({
      services,
      pickFolder: async () => '/picked',
      openExternal: async () => undefined,
    }),
  );
  const unregister = registerIpc(ipcMain, dispatch, (url) => url.startsWith(appUrl));
  const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
  return { handlers, unregister, from };
}

describe('registerIpc', () => {
  it('handles exactly the contract channels and removes them again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('dispatches a call from the app frame', async () => {
    const { handlers, from } = setup();
    const pick = handlers.get('workspace.pickFolder');
    expect(await pick?.(from(`${appUrl}#/`), { mode: 'open' })).toEqual({
      ok: true,
      value: { path: '/picked' },
    });
    const open = handlers.get('workspace.open');
    expect(await open?.(from(appUrl), {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('refuses calls from any other frame, or one already gone', async () => {
    const { handlers, from } = setup();
    const info = handlers.get('app.info');
    expect(await info?.(from('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const gone = { senderFrame: null } as unknown as IpcMainInvokeEvent;
    expect(await info?.(gone, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('forwardEvents', () => {
  it('sends hub events to live windows only', () => {
    const hub = createEventHub();
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    const stop = forwardEvents(hub, () => [live, dead]);
    hub.publish('app.command', { command: 'api.new' });
    expect(live.send).toHaveBeenCalledWith('app.command', { command: 'api.new' });
    expect(dead.send).not.toHaveBeenCalled();
    stop();
    hub.publish('app.command', { command: 'api.new' });
    expect(live.send).toHaveBeenCalledTimes(1);
  });
});
