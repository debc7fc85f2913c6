/**
 * Starts the gateway as a plain Node child process (`child_process.fork` of
 * `gateway-runtime/src/child.ts` under tsx), for the web host, headless use and
 * tests. The Electron host uses a utilityProcess launcher instead.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GatewayLauncher, GatewayProcess } from './gateway-host.js';

/** Options of `createNodeGatewayLauncher`. */
export interface NodeGatewayLauncherOptions {
  /** The child entry; default `gateway-runtime/src/child.ts` of this source tree. */
  modulePath?: string;
  /** Each line the gateway writes (JSON log lines on stderr); default: copied to this process's stderr. */
  output?: (line: string) => void;
}

export function defaultGatewayModule(): string {
  return fileURLToPath(new URL('../../gateway-runtime/src/child.ts', import.meta.url));
}

/** tsx's loader by absolute URL: a bare `--import tsx` would resolve from the cwd, which may be anywhere. */
function tsxLoader(): string {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return 'tsx';
  }
}

function forward(child: ChildProcess, output: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    // Reading the pipes keeps a chatty gateway from blocking on a full buffer.
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', output);
  }
}

export function createNodeGatewayLauncher(
  options: NodeGatewayLauncherOptions = {},
): GatewayLauncher {
  const modulePath = options.modulePath ?? defaultGatewayModule();
  const output = options.output ?? ((line: string) => process.stderr.write(`[gateway] ${line}\n`));
  return {
    launch(args, env) {
      const child = fork(modulePath, args, {
        execArgv: ['--import', tsxLoader()],
        // The child needs PATH, HOME and friends as well as what the host adds.
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      forward(child, output);
      let exited = false;
      const exitListeners: ((code: number | null) => void)[] = [];
      const onExit = (code: number | null): void => {
        if (exited) return;
        exited = true;
        for (const listener of exitListeners) listener(code);
      };
      child.once('exit', (code) => onExit(code));
      // A fork that cannot start at all (no such file, no permission) reports `error`, not `exit`.
      child.once('error', (error) => {
        output(`could not run the gateway: ${error.message}`);
        onExit(null);
      });
      const gateway: GatewayProcess = {
        onMessage: (listener) => {
          child.on('message', (message: unknown) => listener(message));
        },
        onExit: (listener) => {
          exitListeners.push(listener);
        },
        send: (message) => {
          if (!exited && child.connected) child.send(message as object);
        },
        kill: () => {
          if (!exited) child.kill();
        },
      };
      return gateway;
    },
  };
}
