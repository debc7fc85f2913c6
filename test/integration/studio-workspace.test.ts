/**
 * The workspace watcher against a real file system: edits made outside the studio
 * (an editor, a `git pull`) reach listeners as one settled `WorkspaceInfo`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../main/ipc/contract.js';
import { scratch } from '../../main/services/workspace/testing.js';
import type { WorkspaceService } from '../../main/services/workspace/workspace-service.js';

const s = scratch();
afterEach(() => s.cleanup());

/** Every `onChanged` event, and a way to wait for one that matches. */
function record(ws: WorkspaceService) {
  const events: WorkspaceInfo[] = [];
  const waiters: { test: (i: WorkspaceInfo) => boolean; resolve: (i: WorkspaceInfo) => void }[] =
    [];
  ws.onChanged((info) => {
    events.push(info);
    for (const w of [...waiters]) {
      if (w.test(info)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(info);
      }
    }
  });
  return {
    events,
    next(test: (i: WorkspaceInfo) => boolean): Promise<WorkspaceInfo> {
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

async function watchedSample(): Promise<{ ws: WorkspaceService; root: string }> {
  const root = join(await s.dir('portico-watch-'), 'ws');
  const ws = s.service();
  await ws.create(root, { sample: true });
  await ws.watching();
  return { ws, root };
}

const api = (info: WorkspaceInfo, id: string) => info.apis.find((a) => a.id === id);

describe('workspace watcher', () => {
  it('sees an api.yaml edited on disk', async () => {
    const { ws, root } = await watchedSample();
    const seen = record(ws);
    const file = join(root, 'apis', 'StarWars-1.0.0', 'api.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('context: /starwars', 'context: /galaxy'),
    );
    const info = await seen.next((i) => api(i, 'StarWars-1.0.0')?.context === '/galaxy');
    expect(ws.current()).toEqual(info);
  });

  it('sees an operation added to a definition on disk, and a broken one as a problem', async () => {
    const { ws, root } = await watchedSample();
    const seen = record(ws);
    const file = join(root, 'apis', 'PetStore-1.0.0', 'Definitions', 'swagger.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(
      file,
      original.replace(
        'paths:\n',
        "paths:\n  /owners:\n    get:\n      responses:\n        '200': { description: ok }\n",
      ),
    );
    const added = await seen.next((i) => api(i, 'PetStore-1.0.0')?.operationCount === 6);
    expect(added.problems).toEqual([]);
    expect((await ws.getApi('PetStore-1.0.0')).operations).toContainEqual({
      method: 'GET',
      target: '/owners',
    });

    await writeFile(file, 'openapi: 3.0.3\npaths: {\n');
    const broken = await seen.next((i) => i.problems.length > 0);
    expect(broken.problems).toEqual([
      {
        path: 'apis/PetStore-1.0.0/Definitions/swagger.yaml',
        message: expect.stringMatching(/^line \d+, column \d+: /),
      },
    ]);
    expect(api(broken, 'PetStore-1.0.0')?.operationCount).toBe(0);
  });

  it('turns a git-pull-like batch of changes into one settled event', async () => {
    const { ws, root } = await watchedSample();
    const seen = record(ws);
    const star = join(root, 'apis', 'StarWars-1.0.0', 'api.yaml');
    const starText = (await readFile(star, 'utf8')).replace('context: /starwars', 'context: /sw');
    const pets = join(root, 'apis', 'PetStore-1.0.0');
    const orders = join(root, 'apis', 'Orders-1.0.0');
    // Everything at once, as a checkout writes it.
    await Promise.all([
      writeFile(star, starText),
      rm(join(root, 'apis', 'Streetlights-1.0.0'), { recursive: true }),
      mkdir(join(orders, 'Definitions'), { recursive: true }).then(() =>
        Promise.all([
          writeFile(
            join(orders, 'api.yaml'),
            'type: api\nversion: v4.4.0\ndata:\n  name: Orders\n  context: /orders\n  version: 1.0.0\n  type: HTTP\n',
          ),
          writeFile(
            join(orders, 'Definitions', 'swagger.yaml'),
            'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders: { get: {}, post: {} }\n',
          ),
        ]),
      ),
      writeFile(join(root, 'sequences', 'mock.yaml'), 'steps: []\n'),
      writeFile(join(pets, 'Definitions', 'notes.txt'), 'not part of the API'),
    ]);
    const settled = (i: WorkspaceInfo) =>
      api(i, 'StarWars-1.0.0')?.context === '/sw' &&
      api(i, 'Orders-1.0.0')?.operationCount === 2 &&
      api(i, 'Streetlights-1.0.0') === undefined &&
      i.resources.some((r) => r.path === 'sequences/mock.yaml');
    await seen.next(settled);

    // A later, separate edit: had the batch been split, more than one event would precede it.
    const file = join(root, 'apis', 'Orders-1.0.0', 'api.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('/orders', '/sales'));
    await seen.next((i) => api(i, 'Orders-1.0.0')?.context === '/sales');
    expect(seen.events).toHaveLength(2);
    expect(settled(seen.events[0]!)).toBe(true);
  });

  it('tells content listeners about a definition edit that leaves the workspace summary as it was', async () => {
    const { ws, root } = await watchedSample();
    const seen = record(ws);
    let contentChanges = 0;
    let resolveContent: () => void = () => undefined;
    const content = new Promise<void>((resolve) => (resolveContent = resolve));
    ws.onContentChanged(() => {
      contentChanges += 1;
      resolveContent();
    });
    const file = join(root, 'apis', 'PetStore-1.0.0', 'Definitions', 'swagger.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'title: PetStore',
        'title: PetStore\n  x-edited: true',
      ),
    );
    await content;
    expect(contentChanges).toBeGreaterThanOrEqual(1);
    expect(seen.events).toEqual([]);
    expect((await ws.getApi('PetStore-1.0.0')).definition?.content).toContain('x-edited: true');
  });
});
