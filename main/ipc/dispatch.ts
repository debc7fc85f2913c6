/**
 * The one place a call crosses from a bridge into the services. Both bridges
 * (Electron's `ipcMain.handle` and the web host's `POST /ipc/<channel>`) hand
 * the channel name and the untrusted request here and send back what it returns.
 */
import type { z } from 'zod';
import { channels } from './contract.js';
import type { ChannelName, Channels, IpcResult, Response } from './contract.js';
import { toIpcError } from '../services/errors.js';

/** One handler per channel; leaving one out is a type error. Requests arrive parsed. */
export type Handlers = {
  [C in ChannelName]: (request: z.output<Channels[C]['request']>) => Promise<Response<C>>;
};

/** Validates, calls the channel's handler and answers the wire envelope; never throws. */
export type Dispatch = (channel: string, raw: unknown) => Promise<IpcResult<unknown>>;

/** Options of `createDispatcher`. */
export interface DispatcherOptions {
  /** Told about failures that are the studio's fault (`INTERNAL`), not the caller's. */
  log?: (level: 'error' | 'warn', message: string) => void;
}

/** `path.to.field: message; other: message`, the form every studio validation error takes. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return `${path || 'request'}: ${issue.message}`;
    })
    .join('; ');
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const log = options.log ?? (() => undefined);
  return async (channel, raw) => {
    if (!isChannelName(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `No IPC channel named "${channel}"` },
      };
    }
    const schema = channels[channel];
    const request = schema.request.safeParse(raw ?? {});
    if (!request.success) {
      return {
        ok: false,
        error: { code: 'VALIDATION', message: formatIssues(request.error.issues) },
      };
    }
    // Indexing by a union of channels loses the pairing of request and handler;
    // the schema just parsed the request for this very channel.
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    let value: unknown;
    try {
      value = await handler(request.data);
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'INTERNAL') log('error', `${channel}: ${ipcError.message}`);
      return { ok: false, error: ipcError };
    }
    const response = schema.response.safeParse(value);
    if (!response.success) {
      const message = `${channel} answered outside the contract: ${formatIssues(response.error.issues)}`;
      log('error', message);
      return { ok: false, error: { code: 'INTERNAL', message } };
    }
    return { ok: true, value: response.data };
  };
}
