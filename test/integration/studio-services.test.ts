/**
 * The composition root end to end on real folders and a real SQLite file: which
 * workspace a start opens, that the database holds nothing a workspace needs, and
 * that closing stops the gateway and the database. The gateway is a stand-in here;
 * studio-gateway.test.ts runs the real one.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStudioServices,
  type StudioServices,
  type StudioServicesOptions,
} from '../../main/services/index.js';
import type { GatewayLauncher } from '../../main/services/gateway-host.js';
import { DATABASE_FILE } from '../../main/services/store/store.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A launcher whose gateway never listens, and records what it was asked. */
function quietLauncher() {
  const calls = { launched: 0, shutdowns: 0, kills: 0 };
  const launcher: GatewayLauncher = {
    launch() {
      calls.launched += 1;
      let onExit: (code: number | null) => void = () => undefined;
      return {
        onMessage: () => undefined,
        onExit: (listener) => (onExit = listener),
        send: () => {
          calls.shutdowns += 1;
          queueMicrotask(() => onExit(0));
        },
        kill: () => {
          calls.kills += 1;
          queueMicrotask(() => onExit(null));
        },
      };
    },
  };
  return { launcher, calls };
}

async function setup() {
  const base = await mkdtemp(join(tmpdir(), 'portico-studio-'));
  dirs.push(base);
  const quiet = quietLauncher();
  const options: StudioServicesOptions = {
    userDataPath: join(base, 'user-data'),
    host: 'web',
    appVersion: '9.9.9-test',
    gatewayLauncher: quiet.launcher,
    sampleWorkspacePath: join(base, 'Documents', 'Portico', 'Sample'),
    gatewayPort: 0,
  };
  const start = async (extra: Partial<StudioServicesOptions> = {}) => {
    const services = await createStudioServices({ ...options, ...extra });
    open.push(services);
    return services;
  };
  const stop = async (services: StudioServices) => {
    open.splice(open.indexOf(services), 1);
    await services.close();
  };
  return { base, options, start, stop, calls: quiet.calls };
}

describe('createStudioServices', () => {
  it('creates and opens the sample on a first run, and reports the app', async () => {
    const { options, start, calls } = await setup();
    const services = await start();
    const info = services.workspace.current();
    expect(info?.root).toBe(options.sampleWorkspacePath);
    expect(info?.apis.map((a) => a.id)).toEqual([
      'PetStore-1.0.0',
      'StarWars-1.0.0',
      'Streetlights-1.0.0',
    ]);
    expect(services.workspace.recent().map((r) => r.path)).toEqual([options.sampleWorkspacePath]);
    expect(services.appInfo()).toEqual({
      version: '9.9.9-test',
      host: 'web',
      platform: process.platform,
      userDataPath: options.userDataPath,
    });
    expect(services.gateway.status().state).toBe('starting');
    expect(calls.launched).toBe(1);
  });

  it('reopens the most recent workspace on the next start, and the sample when that is gone', async () => {
    const { base, options, start, stop } = await setup();
    const first = await start();
    const mine = join(base, 'mine');
    await first.workspace.create(mine, { sample: false });
    await stop(first);

    const second = await start();
    expect(second.workspace.current()?.root).toBe(mine);
    await stop(second);

    await rm(mine, { recursive: true });
    const third = await start();
    expect(third.workspace.current()?.root).toBe(options.sampleWorkspacePath);
  });

  it('opens workspacePath, creating it with the sample when missing, and refuses a folder it cannot use', async () => {
    const { base, start } = await setup();
    const fresh = join(base, 'fresh');
    const services = await start({ workspacePath: fresh });
    expect(services.workspace.current()).toMatchObject({ root: fresh, name: 'fresh' });
    expect(services.workspace.current()?.apis).toHaveLength(3);

    const notes = join(base, 'notes');
    await mkdir(notes);
    await writeFile(join(notes, 'todo.txt'), 'x');
    await expect(start({ workspacePath: notes })).rejects.toMatchObject({
      code: 'WORKSPACE_INVALID',
      message: expect.stringContaining('is not a workspace'),
    });
  });

  it('loses nothing of a workspace when the database is deleted', async () => {
    const { base, options, start, stop } = await setup();
    const workspacePath = join(base, 'team-apis');
    const first = await start({ workspacePath });
    await first.workspace.createApi({
      content: 'type Query { ping: String }',
      name: 'Ping',
      context: '/ping',
    });
    await first.workspace.updateApiSettings({
      id: 'PetStore-1.0.0',
      context: '/pets',
      isDefaultVersion: false,
    });
    first.store.secrets.set('openai-key', 'sk-local');
    const before = first.workspace.current();
    const petYaml = await readFile(
      join(workspacePath, 'apis', 'PetStore-1.0.0', 'api.yaml'),
      'utf8',
    );
    await stop(first);

    for (const suffix of ['', '-wal', '-shm']) {
      await rm(join(options.userDataPath, `${DATABASE_FILE}${suffix}`), { force: true });
    }
    const second = await start({ workspacePath });
    expect(second.workspace.current()).toEqual(before);
    expect((await second.workspace.getApi('PetStore-1.0.0')).context).toBe('/pets');
    expect(await readFile(join(workspacePath, 'apis', 'PetStore-1.0.0', 'api.yaml'), 'utf8')).toBe(
      petYaml,
    );
    expect(second.store.secrets.names()).toEqual([]);
  });

  it('closes the gateway child, the watcher and the database, once', async () => {
    const { start, calls } = await setup();
    const services = await start();
    const closing = services.close();
    expect(services.close()).toBe(closing);
    await closing;
    open.splice(open.indexOf(services), 1);
    expect(calls.kills + calls.shutdowns).toBeGreaterThanOrEqual(1);
    expect(services.gateway.status().state).toBe('stopped');
    expect(services.store.db.open).toBe(false);
  });
});
