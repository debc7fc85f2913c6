/**
 * The studio's services for integration tests: options for a throwaway studio with
 * the real gateway child (Node under tsx) on a free port, and waits on its status.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { GatewayStatus } from '../../../main/ipc/contract.js';
import {
  createStudioServices,
  type StudioServices,
  type StudioServicesOptions,
} from '../../../main/services/index.js';
import { createNodeGatewayLauncher } from '../../../main/services/node-gateway-launcher.js';

/**
 * Options for a studio whose user data, sample and workspace live under `base`; the
 * gateway's output lines go to `output`, for failure messages.
 */
export function studioOptions(
  base: string,
  output: string[],
  workspacePath: string = join(base, 'workspace'),
): StudioServicesOptions {
  return {
    userDataPath: join(base, 'user-data'),
    host: 'web',
    appVersion: '0.0.0-test',
    gatewayLauncher: createNodeGatewayLauncher({ output: (line) => output.push(line) }),
    sampleWorkspacePath: join(base, 'sample'),
    workspacePath,
    gatewayPort: 0,
  };
}

/** The first gateway status, now or later, that passes `test`. */
export function until(
  services: StudioServices,
  test: (s: GatewayStatus) => boolean,
): Promise<GatewayStatus> {
  return new Promise((resolve) => {
    const off = services.gateway.onStatus((s) => {
      if (test(s)) {
        off();
        resolve(s);
      }
    });
    const now = services.gateway.status();
    if (test(now)) {
      off();
      resolve(now);
    }
  });
}

/** Runs a change and waits for the gateway to serve the revision it causes. */
export async function redeployed(
  services: StudioServices,
  change: () => unknown,
): Promise<GatewayStatus> {
  const before = services.gateway.status().revision;
  await change();
  const status = await until(
    services,
    (s) => s.state === 'error' || (s.state === 'running' && s.revision !== before),
  );
  expect(status.state, status.error ?? '').toBe('running');
  return status;
}

/**
 * Throwaway studios for one test file: `start()` opens one on a copy of the sample
 * workspace (running its gateway) and every studio and folder goes after each test.
 */
export function studioHarness(prefix: string): {
  start(): Promise<{ services: StudioServices; root: string; output: string[] }>;
} {
  const dirs: string[] = [];
  const open: StudioServices[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return {
    async start() {
      const base = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(base);
      const output: string[] = [];
      const root = join(base, 'workspace');
      const services = await createStudioServices(studioOptions(base, output, root));
      open.push(services);
      return { services, root, output };
    },
  };
}
