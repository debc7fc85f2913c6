/**
 * Starts the real studio for one test: the web host CLI (`main/web-host/cli.ts`)
 * with the real services and gateway, on free ports, in a temporary folder that
 * holds its user data and its workspace. Nothing is shared between tests, so
 * they run in parallel.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChannelName, Request, Response } from '../../../main/ipc/contract.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const STARTUP_TIMEOUT_MS = 60_000;
const URL_LINE = /^Portico studio: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/;

export interface StudioOptions {
  /**
   * Start on the sample workspace (PetStore, StarWars, Streetlights). By default
   * the workspace starts empty: the host seeds the sample only into an empty
   * folder, so an empty one gets just its `portico.yaml` marker.
   */
  sample?: boolean;
}

export interface Studio {
  /** The page to open, with the per-run token: `http://127.0.0.1:<port>/?token=...`. */
  readonly url: string;
  /** The workspace folder the host was started on. */
  readonly workspaceDir: string;
  /** The temporary folder holding everything of this studio. */
  readonly rootDir: string;
  /** Calls an IPC channel over HTTP, as the browser client does (test setup, not assertions about the UI). */
  call<C extends ChannelName>(channel: C, request: Request<C>): Promise<Response<C>>;
  /** Stops the host and starts a new one on the same folders; `url` changes (new port and token). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  origin: string;
  token: string;
}

function launch(userData: string, workspace: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/web-host/cli.ts',
      '--port',
      '0',
      '--user-data',
      userData,
      '--workspace',
      workspace,
      '--gateway-port',
      '0',
    ],
    {
      cwd: repoRoot,
      // Its own process group, so stop() also ends the gateway child it starts.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
    if (process.env.PORTICO_E2E_DEBUG) process.stderr.write(chunk);
  });

  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill(child);
      reject(new Error(`The web host printed no URL within ${STARTUP_TIMEOUT_MS} ms.\n${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = URL_LINE.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, origin: match[1]!, token: match[2]! });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`The web host exited (${signal ?? code}) before printing its URL.\n${stderr}`),
      );
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function shutdown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  kill(child, 'SIGTERM');
  const timer = setTimeout(() => kill(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const rootDir = await mkdtemp(join(tmpdir(), 'portico-e2e-'));
  const userData = join(rootDir, 'ud');
  const workspaceDir = join(rootDir, 'ws');
  await mkdir(userData, { recursive: true });
  await mkdir(workspaceDir, { recursive: true });
  if (!options.sample) {
    await writeFile(
      join(workspaceDir, 'portico.yaml'),
      'apiVersion: portico/v1\nkind: Workspace\nname: ws\n',
    );
  }

  let running: Running | null = await launch(userData, workspaceDir);

  const studio: Studio = {
    get url() {
      if (!running) throw new Error('The studio is stopped');
      return `${running.origin}/?token=${running.token}`;
    },
    workspaceDir,
    rootDir,
    async call(channel, request) {
      if (!running) throw new Error('The studio is stopped');
      const res = await fetch(`${running.origin}/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${running.token}` },
        body: JSON.stringify(request),
      });
      const body = (await res.json()) as
        | { ok: true; value: Response<typeof channel> }
        | { ok: false; error: { code: string; message: string } };
      if (!body.ok) throw new Error(`${channel} failed: ${body.error.code}: ${body.error.message}`);
      return body.value;
    },
    async restart() {
      if (running) await shutdown(running.child);
      running = null;
      running = await launch(userData, workspaceDir);
    },
    async stop() {
      if (running) await shutdown(running.child);
      running = null;
      await rm(rootDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return studio;
}
