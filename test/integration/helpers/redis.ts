/**
 * A real redis-server for integration tests: 127.0.0.1, a free port, no persistence,
 * its own temp dir. It can be killed (SIGKILL, as a crash) and started again on the
 * same port, empty, to test what the gateway does while Redis is away and after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, within } from './backend.js';

export const REDIS_SERVER = process.env.PORTICO_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Kills the server (SIGKILL) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** SIGSTOP: the connection stays open but nothing answers (a hung Redis). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
  close(): Promise<void>;
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const proc = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    proc.once('error', reject);
  });
  await within(ready, 10_000, `redis-server did not start on port ${port}: ${out}`);
  return proc;
}

function stop(proc: ChildProcess | null): Promise<void> {
  if (
    !proc ||
    proc.exitCode !== null ||
    (proc.signalCode !== null && proc.signalCode !== 'SIGSTOP')
  )
    return Promise.resolve();
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  return within(gone, 10_000, 'redis-server did not exit');
}

export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-redis-'));
  const port = await closedPort();
  let proc: ChildProcess | null = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: async () => {
      await stop(proc);
      proc = null;
    },
    restart: async () => {
      await stop(proc);
      proc = await launch(port, dir);
    },
    pause: () => void proc?.kill('SIGSTOP'),
    resume: () => void proc?.kill('SIGCONT'),
    close: async () => {
      await stop(proc);
      proc = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
