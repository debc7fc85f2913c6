/**
 * The entry the studio starts as a child process (Node `fork` under tsx) or an
 * Electron utilityProcess. Same flags as the CLI. Reports
 * `{ type: 'listening', listeners, adminUrl }` (or `{ type: 'error', message }`) to
 * the parent, and shuts down gracefully, flushing analytics, on
 * `{ type: 'shutdown' }` or when the parent goes away.
 */
import type { ChildMessage } from './child-messages.js';
import { parseCliArgs } from './cli/options.js';
import { StartError, startFromOptions } from './cli/start.js';
import type { Gateway } from './gateway.js';
import { jsonLineLogger } from './logger.js';

/** Electron's utilityProcess port (absent under plain Node). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

function send(message: ChildMessage): void {
  // After a disconnect there is nobody to tell; shutting down must still finish.
  if (process.send) {
    if (process.connected) process.send(message, undefined, undefined, () => undefined);
  } else parentPort?.postMessage(message);
}

let gateway: Gateway | null = null;
let stopping = false;

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  const done = () => {
    send({ type: 'stopped' });
    // Give the IPC channel a turn to deliver before exiting.
    setImmediate(() => process.exit(code));
  };
  if (!gateway) return done();
  gateway.close().then(done, () => {
    code = 1;
    done();
  });
}

function onMessage(data: unknown): void {
  if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'shutdown')
    shutdown(0);
}

process.on('message', onMessage);
parentPort?.on('message', (event) => onMessage(event.data));
process.on('disconnect', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));

const parsed = parseCliArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  send({ type: 'error', message: parsed.message });
  process.exitCode = 2;
  shutdown(2);
} else {
  try {
    // Under Electron the studio hands over a better-sqlite3 build for Electron's ABI.
    const binding = process.env.PORTICO_SQLITE_BINDING;
    const started = await startFromOptions(parsed.options, jsonLineLogger(), {
      ...(binding ? { sqliteNativeBinding: binding } : {}),
      // The studio's traffic log reads what its local gateway captures.
      traffic: true,
    });
    gateway = started.gateway;
    const { http, https, admin } = started.listeners;
    send({ type: 'listening', listeners: https ? [http, https] : [http], adminUrl: admin ?? '' });
  } catch (error) {
    send({ type: 'error', message: error instanceof StartError ? error.message : String(error) });
    shutdown(1);
  }
}
