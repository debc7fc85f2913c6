/**
 * The sandboxed preload: exposes `window.portico`, one method per contract
 * channel (`portico.workspace.open(request)`) and `on(event, listener)` for the
 * contract's push events. There is deliberately no generic `invoke(channel)`:
 * the page can reach exactly the channels the contract declares.
 *
 * Built as CommonJS with zod bundled in, because a sandboxed preload can
 * `require` nothing but `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channelNames, eventNames, splitChannel } from '../ipc/contract.js';
import type { EventName, IpcResult, PorticoBridge } from '../ipc/contract.js';

/** The slice of `ipcRenderer` the bridge uses (a fake in tests). */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcRendererEvent, ...args: unknown[]) => void,
  ): unknown;
}

/** Channels that act outside the app and so need a click (transient user activation) behind them. */
const needsUserActivation = new Set<string>(['app.openExternal']);

function hasUserActivation(): boolean {
  // Sandboxed preloads share the page's DOM globals; `navigator` is not in the Node typings.
  const nav = (globalThis as { navigator?: { userActivation?: { isActive: boolean } } }).navigator;
  return nav?.userActivation?.isActive ?? true;
}

export function buildBridge(
  ipc: RendererIpc,
  userActivation: () => boolean = hasUserActivation,
): PorticoBridge {
  const domains: Record<
    string,
    Record<string, (request?: unknown) => Promise<IpcResult<unknown>>>
  > = {};
  for (const channel of channelNames) {
    const [domain, method] = splitChannel(channel);
    const methods = (domains[domain] ??= {});
    methods[method] = async (request?: unknown) => {
      if (needsUserActivation.has(channel) && !userActivation()) {
        return {
          ok: false,
          error: { code: 'NO_USER_GESTURE', message: `${channel} must follow a click` },
        };
      }
      try {
        return (await ipc.invoke(channel, request ?? {})) as IpcResult<unknown>;
      } catch (error) {
        // Main answers every call with an envelope; a throw here means no handler was registered.
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
    };
  }
  const known = new Set<string>(eventNames);
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!known.has(event)) throw new Error(`Unknown event "${String(event)}"`);
    // The page never sees the IpcRendererEvent: its `sender` would hand it ipcRenderer.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipc.on(event, forward);
    return () => {
      ipc.removeListener(event, forward);
    };
  };
  // Built from the same `channelNames` the bridge type is derived from.
  return { ...domains, on } as unknown as PorticoBridge;
}

contextBridge.exposeInMainWorld('portico', buildBridge(ipcRenderer));
