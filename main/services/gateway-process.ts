/**
 * Launching one gateway process and waiting for it to report its listeners. The
 * host-specific part (Node fork, Electron utilityProcess) is the injected
 * `GatewayLauncher`; the flags are the `portico-gateway` CLI's.
 */
import { randomBytes } from 'node:crypto';

/** A started gateway process, whatever runs it. */
export interface GatewayProcess {
  /** The child reports `{ type: 'listening', listeners, adminUrl }`, or `{ type: 'error', message }`. */
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** `{ type: 'shutdown' }` asks the gateway to flush and exit. */
  send?(message: unknown): void;
  kill(): void;
}

/** How a host starts gateway processes (host-specific: Node fork, Electron utilityProcess). */
export interface GatewayLauncher {
  launch(args: string[], env: Record<string, string>): GatewayProcess;
}

/** One launched gateway and what the host knows of it. */
export interface GatewayChild {
  process: GatewayProcess;
  /** The admin bearer token, random per run. */
  token: string;
  adminUrl: string | null;
  /** Set when the host ends it on purpose: its exit is then no error. */
  stopping: boolean;
  exited: Promise<number | null>;
  deployedRevision: string | null;
}

export type Launched =
  | { ok: true; child: GatewayChild; listeners: string[]; adminUrl: string }
  | { ok: false; message: string };

function isListening(
  message: unknown,
): message is { type: 'listening'; listeners: string[]; adminUrl: string } {
  const m = message as { type?: unknown; listeners?: unknown; adminUrl?: unknown } | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'listening' &&
    Array.isArray(m.listeners) &&
    m.listeners.every((l) => typeof l === 'string') &&
    typeof m.adminUrl === 'string'
  );
}

function errorMessage(message: unknown): string | null {
  const m = message as { type?: unknown; message?: unknown } | null;
  return typeof m === 'object' && m !== null && m.type === 'error' && typeof m.message === 'string'
    ? m.message
    : null;
}

/**
 * The CLI flags the local gateway runs with: loopback only, admin on any free port. The
 * admin token goes in the environment (`PORTICO_ADMIN_TOKEN`), not in the arguments,
 * which other local users can read from the process list.
 */
export function gatewayArgs(port: number, dataDir: string): string[] {
  return [
    ...['--host', '127.0.0.1'],
    ...['--port', String(port)],
    ...['--admin-port', '0'],
    ...['--data-dir', dataDir],
  ];
}

/**
 * Launches a gateway; `child` is available at once (so it can be killed while
 * starting), `ready` settles when it listens, exits, or times out.
 */
export function launchGateway(
  launcher: GatewayLauncher,
  options: { port: number; dataDir: string; timeoutMs: number },
): { child: GatewayChild | null; ready: Promise<Launched> } {
  const token = randomBytes(32).toString('base64url');
  let proc: GatewayProcess;
  try {
    proc = launcher.launch(gatewayArgs(options.port, options.dataDir), {
      PORTICO_ADMIN_TOKEN: token,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { child: null, ready: Promise.resolve({ ok: false, message }) };
  }
  let resolveExit: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => (resolveExit = resolve));
  proc.onExit((code) => resolveExit(code));
  const child: GatewayChild = {
    process: proc,
    token,
    adminUrl: null,
    stopping: false,
    exited,
    deployedRevision: null,
  };

  const ready = new Promise<Launched>((resolve) => {
    let reportedError: string | null = null;
    const timer = setTimeout(() => {
      child.stopping = true;
      proc.kill();
      resolve({ ok: false, message: `it reported no listener within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    proc.onMessage((message) => {
      reportedError = errorMessage(message) ?? reportedError;
      if (!isListening(message)) return;
      clearTimeout(timer);
      child.adminUrl = message.adminUrl.replace(/\/+$/, '');
      resolve({ ok: true, child, listeners: message.listeners, adminUrl: child.adminUrl });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const why = reportedError ?? 'it exited before listening';
      resolve({ ok: false, message: `${why} (exit code ${code ?? 'none'})` });
    });
  });
  return { child, ready };
}
