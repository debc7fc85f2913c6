/**
 * Content search wired into the studio's services: the sample workspace is indexed
 * on first query, and an edit on disk (as an editor or a git pull would make it)
 * reaches the results through the workspace watcher.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../main/ipc/contract.js';
import { channels } from '../../main/ipc/contract.js';
import { createNodeGatewayLauncher } from '../../main/services/node-gateway-launcher.js';
import { createStudioServices, type StudioServices } from '../../main/services/index.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function eventually<T>(read: () => T, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('search in the studio', () => {
  it(
    'finds definitions by text and filters, and follows edits on disk',
    { timeout: 90_000 },
    async () => {
      const base = await mkdtemp(join(tmpdir(), 'portico-search-'));
      dirs.push(base);
      const root = join(base, 'workspace');
      const services = await createStudioServices({
        userDataPath: join(base, 'user-data'),
        host: 'web',
        appVersion: '0.0.0-test',
        gatewayLauncher: createNodeGatewayLauncher({ output: () => undefined }),
        sampleWorkspacePath: join(base, 'sample'),
        workspacePath: root,
        gatewayPort: 0,
      });
      open.push(services);

      const hits = services.search.query('lighting type:async');
      expect(channels['search.query'].response.parse(hits)).toEqual(hits);
      expect(hits[0]).toMatchObject({ apiId: 'Streetlights-1.0.0', kind: 'api' });
      expect(services.search.query('lighting type:graphql')).toEqual([]);

      await services.workspace.watching();
      const file = join(root, 'apis', 'StarWars-1.0.0', 'Definitions', 'schema.graphql');
      const content = await readFile(file, 'utf8');
      await writeFile(
        file,
        `${content}\n"A moon that is no moon."\ntype Battlestation {\n  name: String\n}\n`,
      );
      const found = await eventually(
        () => services.search.query('battlestation'),
        (h: SearchHit[]) => h.length > 0,
      );
      expect(found[0]).toMatchObject({
        apiId: 'StarWars-1.0.0',
        file: 'apis/StarWars-1.0.0/Definitions/schema.graphql',
      });
      const lines = (await readFile(file, 'utf8')).split('\n');
      expect(lines[(found[0]?.line ?? 0) - 1]).toBe('type Battlestation {');
      expect(found[0]?.snippet).toBe('type «Battlestation» {');
    },
  );
});
