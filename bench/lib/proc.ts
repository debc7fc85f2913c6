/**
 * Child processes the bench starts (backends, proxies, nginx, gateways, Redis), each
 * registered so that `stopAll()` can end them on success, error or Ctrl-C. Nothing
 * the bench starts outlives it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export interface Running {
  name: string;
  child: ChildProcess;
  /** The first match of the readiness pattern on stdout/stderr. */
  match: RegExpMatchArray | null;
  /** Everything the process wrote, capped (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Running>();
const OUTPUT_CAP = 64 * 1024;

export interface StartOptions {
  /** A line on stdout or stderr that means "ready"; without it, `port` must be given. */
  ready?: RegExp;
  /** Wait until this TCP port on 127.0.0.1 accepts connections. */
  port?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Own process group, stopped as a group: for hosts that start children of their own. */
  group?: boolean;
}

/** Spawns a process and waits until it is ready; it is stopped by `stopAll()` if not before. */
export async function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): Promise<Running> {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (options.group && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Already gone.
    }
  };
  let output = '';
  let match: RegExpMatchArray | null = null;
  let onLine: (() => void) | null = null;
  const take = (chunk: Buffer) => {
    // Keep reading always: a full pipe would block a server that logs per request.
    if (output.length < OUTPUT_CAP) output += chunk.toString();
    if (!match && options.ready) {
      match = output.match(options.ready);
      if (match) onLine?.();
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: Running = {
    name,
    child,
    get match() {
      return match;
    },
    output: () => output,
    async stop() {
      running.delete(handle);
      if (child.exitCode !== null || child.signalCode !== null) {
        // The leader is gone; its group (a host's gateway child) may not be.
        if (options.group) signal('SIGKILL');
        return;
      }
      signal('SIGTERM');
      const killed = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
  running.add(handle);
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${output.slice(-2000)}`)),
        timeoutMs,
      );
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start: ${error.message}`));
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(
          new Error(
            `${name} exited (${String(child.exitCode ?? child.signalCode)}) before it was ready:\n${output.slice(-2000)}`,
          ),
        );
      });
      const portReady = () => {
        if (options.port === undefined) return resolve();
        waitForPort(options.port, timeoutMs).then(() => {
          clearTimeout(timer);
          resolve();
        }, reject);
      };
      if (options.ready) {
        onLine = portReady;
        if (match) portReady();
      } else portReady();
    });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** Stops every process the bench started, newest first. */
export async function stopAll(): Promise<void> {
  const all = [...running].reverse();
  await Promise.all(all.map((r) => r.stop()));
}

/** Resolves once 127.0.0.1:port accepts a TCP connection. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port that was free a moment ago (for servers such as nginx that cannot pick one themselves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion and returns its stdout+stderr ('' when it cannot run). */
export function capture(
  command: string,
  args: readonly string[],
  timeoutMs = 10_000,
): { ok: boolean; output: string } {
  const result = spawnSync(command, [...args], { encoding: 'utf8', timeout: timeoutMs });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/** The path of a command on PATH (plus sbin, where Debian puts nginx), or null. */
export function which(command: string): string | null {
  const result = spawnSync('sh', ['-c', `PATH="$PATH:/usr/sbin:/sbin" command -v ${command}`], {
    encoding: 'utf8',
  });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : null;
}

/**
 * Finds a Debian tool, installing its package with apt-get when the bench runs as
 * root on a clean machine. Returns the path, or why it is unavailable.
 */
export function ensureTool(
  command: string,
  debianPackage: string,
  log: (m: string) => void,
): { path: string } | { reason: string } {
  const found = which(command);
  if (found) return { path: found };
  if (process.getuid?.() !== 0)
    return {
      reason: `${command} is not installed and the bench is not root (apt-get install -y ${debianPackage})`,
    };
  log(`installing ${debianPackage} from Debian...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
    stdio: 'ignore',
    env,
    timeout: 300_000,
  });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
      stdio: 'ignore',
      env,
      timeout: 300_000,
    });
  }
  const installed = which(command);
  return installed
    ? { path: installed }
    : { reason: `apt-get install -y ${debianPackage} failed (exit ${String(result.status)})` };
}

/** Resident memory in MiB of a process and all its descendants (Linux /proc), or NaN elsewhere. */
export function treeRssMiB(pid: number): number {
  try {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // Field 4 of /proc/PID/stat is the parent pid; the command name (field 2) may hold spaces.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // The process ended while we looked.
      }
    }
    let kib = 0;
    const queue = [pid];
    while (queue.length > 0) {
      const current = queue.pop() as number;
      try {
        const status = readFileSync(`/proc/${current}/status`, 'utf8');
        kib += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      } catch {
        // Ended.
      }
      queue.push(...(children.get(current) ?? []));
    }
    return kib / 1024;
  } catch {
    return Number.NaN;
  }
}
