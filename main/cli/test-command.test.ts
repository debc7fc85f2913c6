import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveTestCase } from '../services/console/test-case-files.js';
import { openStore } from '../services/store/store.js';
import { DefinitionCache } from '../services/workspace/api-files.js';
import { scanWorkspace } from '../services/workspace/scan.js';
import { runTestCommand } from './test-command.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe('portico test on a headless gateway', () => {
  it("carries the workspace's sequences, as the studio's gateway does", async () => {
    const root = await tempDir('portico-test-cmd-ws-');
    const folder = join(root, 'apis', 'Hello-1.0.0');
    await mkdir(join(root, 'sequences'), { recursive: true });
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(root, 'sequences/hello.yaml'),
      'name: hello\nsteps:\n  - type: respond\n    status: 204\n',
    );
    await writeFile(
      join(folder, 'api.yaml'),
      `type: api
version: v4.4.0
data:
  name: Hello
  context: /hello
  version: 1.0.0
  type: HTTP
  endpointConfig:
    endpoint_type: http
    production_sequence: hello
  operations:
    - { target: /hi, verb: GET, authType: None, throttlingPolicy: Unlimited }
`,
    );
    await saveTestCase(root, 'Hello-1.0.0', {
      name: 'hi',
      request: {
        method: 'GET',
        path: '/hi',
        query: [],
        headers: [],
        body: null,
        credentials: { type: 'none' },
        keyType: 'PRODUCTION',
      },
      assertions: [{ type: 'status', equals: 204 }],
    });
    const { apis } = await scanWorkspace(root, new DefinitionCache());
    const store = openStore({ userDataPath: await tempDir('portico-test-cmd-data-') });
    try {
      const results = await runTestCommand({
        root,
        apiId: 'Hello-1.0.0',
        apis,
        store,
        secret: () => undefined,
      });
      expect(results.map((r) => [r.name, r.status, r.passed])).toEqual([['hi', 204, true]]);
    } finally {
      store.close();
    }
  });
});
