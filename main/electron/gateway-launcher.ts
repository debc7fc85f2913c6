/**
 * Runs the local gateway in an Electron `utilityProcess`: a Node child that
 * Electron manages (it dies with the app, shows in the task manager under its
 * own name) and whose traffic never competes with the UI for the main thread.
 * The child is `out/main/gateway.js`, built by electron-vite from
 * `gateway-runtime/src/child.ts`; it talks back through `process.parentPort`.
 */
import { utilityProcess } from 'electron';
import type { ForkOptions, UtilityProcess } from 'electron';
import { createInterface } from 'node:readline';
import type { GatewayLauncher } from '../services/gateway-host.js';

type Fork = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcess;

/** Options of `createElectronGatewayLauncher`. */
export interface ElectronGatewayLauncherOptions {
  /** Absolute path of the built child, `out/main/gateway.js`. */
  modulePath: string;
  /** `utilityProcess.fork` unless a test passes its own. */
  fork?: Fork;
  /** Each line the gateway writes (JSON log lines); default: copied to this process's stderr. */
  output?: (line: string) => void;
}

export function createElectronGatewayLauncher(
  options: ElectronGatewayLauncherOptions,
): GatewayLauncher {
  const fork: Fork =
    options.fork ?? ((path, args, forkOptions) => utilityProcess.fork(path, args, forkOptions));
  const output = options.output ?? ((line: string) => process.stderr.write(`[gateway] ${line}\n`));
  return {
    launch(args, env) {
      const child = fork(options.modulePath, args, {
        // The child needs PATH, HOME and friends as well as what the host adds.
        env: { ...process.env, ...env },
        serviceName: 'Portico Gateway',
        stdio: 'pipe',
      });
      for (const stream of [child.stdout, child.stderr]) {
        // Reading the pipes keeps a chatty gateway from blocking on a full buffer.
        if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', output);
      }
      let exited = false;
      child.once('exit', () => {
        exited = true;
      });
      return {
        onMessage: (listener) => {
          child.on('message', (message: unknown) => listener(message));
        },
        onExit: (listener) => {
          child.on('exit', (code: number) => listener(code));
        },
        send: (message) => {
          if (!exited) child.postMessage(message);
        },
        kill: () => {
          if (!exited) child.kill();
        },
      };
    },
  };
}
