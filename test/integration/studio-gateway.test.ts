/**
 * The studio's services with the real gateway child process (Node fork under tsx):
 * the sample workspace is deployed, served on loopback, and redeployed when a
 * definition changes, through the studio or on disk.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../main/ipc/contract.js';
import { createNodeGatewayLauncher } from '../../main/services/node-gateway-launcher.js';
import { createStudioServices, type StudioServices } from '../../main/services/index.js';
import { until } from './helpers/studio.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(
  gatewayPort = 0,
): Promise<{ services: StudioServices; root: string; output: string[] }> {
  const base = await mkdtemp(join(tmpdir(), 'portico-gw-'));
  dirs.push(base);
  const output: string[] = [];
  const root = join(base, 'workspace');
  const services = await createStudioServices({
    userDataPath: join(base, 'user-data'),
    host: 'web',
    appVersion: '0.0.0-test',
    gatewayLauncher: createNodeGatewayLauncher({ output: (line) => output.push(line) }),
    sampleWorkspacePath: join(base, 'sample'),
    workspacePath: root,
    gatewayPort,
  });
  open.push(services);
  return { services, root, output };
}

const settled = (s: GatewayStatus) => s.state === 'running' || s.state === 'error';

async function call(
  status: GatewayStatus,
  path: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${status.listeners[0]}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('the local gateway', () => {
  it(
    'serves the sample workspace and redeploys when a definition changes',
    { timeout: 90_000 },
    async () => {
      const { services, root, output } = await start();
      const running = await until(services, settled);
      expect(running.state, `${running.error}\n${output.join('\n')}`).toBe('running');
      expect(running.revision).toMatch(/^local-[0-9a-f]{12}$/);
      expect(running.listeners[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(running.apis.map((a) => a.id)).toEqual([
        'petstore-1.0.0',
        'starwars-1.0.0',
        'streetlights-1.0.0',
      ]);

      const noKey = await call(running, '/petstore/1.0.0/pets');
      expect(noKey).toEqual({
        status: 401,
        body: expect.objectContaining({ code: 'MISSING_CREDENTIALS' }),
      });
      expect((await call(running, '/petstore/pets')).status).toBe(401);
      expect((await call(running, '/petstore/1.0.0/owners')).status).toBe(404);

      // Through the studio: saving the definition deploys a new revision with the operation.
      const detail = await services.workspace.getApi('PetStore-1.0.0');
      const withOwners = detail.definition!.content.replace(
        'paths:\n',
        "paths:\n  /owners:\n    get:\n      summary: List owners\n      responses:\n        '200': { description: ok }\n",
      );
      await services.workspace.saveDefinition('PetStore-1.0.0', withOwners);
      const second = await until(
        services,
        (s) => s.state === 'running' && s.revision !== running.revision,
      );
      expect((await call(second, '/petstore/1.0.0/owners')).status).toBe(401);

      // On disk, as an editor or a git pull would: the watcher picks it up and redeploys.
      const file = join(root, 'apis', 'PetStore-1.0.0', 'Definitions', 'swagger.yaml');
      const onDisk = (await readFile(file, 'utf8')).replace(
        'paths:\n',
        "paths:\n  /vets:\n    get:\n      responses:\n        '200': { description: ok }\n",
      );
      await writeFile(file, onDisk);
      const third = await until(
        services,
        (s) => s.state === 'running' && s.revision !== second.revision,
      );
      expect((await call(third, '/petstore/1.0.0/vets')).status).toBe(401);
    },
  );

  it(
    'falls back to a free port when its port is taken, and stops with the services',
    { timeout: 90_000 },
    async () => {
      const blocker = createServer();
      servers.push(blocker);
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const address = blocker.address();
      if (address === null || typeof address === 'string') throw new Error('no port');

      const { services, output } = await start(address.port);
      const status = await until(services, settled);
      expect(status.state, `${status.error}\n${output.join('\n')}`).toBe('running');
      expect(status.listeners[0]).not.toBe(`http://127.0.0.1:${address.port}`);
      expect((await call(status, '/petstore/1.0.0/pets')).status).toBe(401);

      open.splice(open.indexOf(services), 1);
      await services.close();
      expect(services.gateway.status().state).toBe('stopped');
      await expect(fetch(`${status.listeners[0]}/petstore/1.0.0/pets`)).rejects.toThrow();
    },
  );

  it(
    'restarts on request: a new process serving the same revision',
    { timeout: 90_000 },
    async () => {
      const { services } = await start();
      const first = await until(services, settled);
      expect(first.state).toBe('running');
      const again = await services.gateway.restart();
      expect(again.state).toBe('running');
      expect(again.revision).toBe(first.revision);
      expect(again.adminUrl).not.toBe(first.adminUrl);
      expect((await call(again, '/starwars/1.0.0')).status).toBe(401);
    },
  );
});
