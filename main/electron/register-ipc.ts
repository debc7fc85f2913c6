/**
 * Electron's side of the bridge: one `ipcMain.handle` per contract channel, each
 * handing the request to the shared dispatcher, and the event hub forwarded to
 * the windows. Calls from any frame that is not the app itself are refused
 * (Electron's "validate the sender of all IPC messages").
 */
import type { IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../ipc/contract.js';
import type { IpcResult } from '../ipc/contract.js';
import type { Dispatch } from '../ipc/dispatch.js';
import type { EventHub } from '../ipc/events.js';

/** The slice of `ipcMain` used here (a fake in tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Where push events go: the live windows' webContents. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Registers every channel; returns the function that removes them again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (url: string) => boolean,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, request): Promise<IpcResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: `${channel} refused for a frame outside the app` },
        };
      }
      return dispatch(channel, request);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

/** Sends every hub event to every live target; returns the unsubscribe function. */
export function forwardEvents(hub: EventHub, targets: () => readonly EventTarget[]): () => void {
  return hub.subscribe((message) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(message.event, message.payload);
    }
  });
}
