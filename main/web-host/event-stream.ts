/**
 * `GET /events`: the contract's push events as Server-Sent Events. The browser
 * client reads it with fetch streaming (EventSource cannot send the bearer token).
 */
import type { ServerResponse } from 'node:http';
import type { EventHub, EventMessage } from '../ipc/events.js';

/** `event: <name>\ndata: <json>\n\n`; JSON never contains a raw newline, so one data line. */
export function formatEvent(message: EventMessage): string {
  return `event: ${message.event}\ndata: ${JSON.stringify(message.payload)}\n\n`;
}

export interface EventStreams {
  open(res: ServerResponse): void;
  /** Ends every open stream, so the server can close. */
  closeAll(): void;
}

export function createEventStreams(hub: EventHub, heartbeatMs: number): EventStreams {
  const open = new Set<ServerResponse>();
  return {
    open(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      // A first comment makes fetch() resolve now rather than at the first event.
      res.write(': connected\n\n');
      open.add(res);
      const unsubscribe = hub.subscribe((message) => {
        res.write(formatEvent(message));
      });
      // Keeps idle proxies and the client's reader from timing the stream out.
      const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
      heartbeat.unref();
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
    closeAll() {
      for (const res of open) res.end();
    },
  };
}
