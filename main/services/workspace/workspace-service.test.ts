import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { memoryRecent, sampleSource, scratch } from './testing.js';
import { WorkspaceService } from './workspace-service.js';

const s = scratch();
afterEach(() => s.cleanup());

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StudioError))
    throw new Error(`expected a StudioError, got ${String(error)}`);
  return error;
}

describe('WorkspaceService: creating and opening', () => {
  it('creates a workspace from the sample with a marker, the folders and the three APIs', async () => {
    const root = join(await s.dir(), 'My Sample');
    const ws = s.service();
    const info = await ws.create(root, { sample: true });
    expect(info.root).toBe(root);
    expect(info.name).toBe('My Sample');
    expect(info.problems).toEqual([]);
    expect(info.apis.map((a) => [a.id, a.type, a.definitionFormat, a.operationCount])).toEqual([
      ['PetStore-1.0.0', 'REST', 'openapi', 5],
      ['StarWars-1.0.0', 'GRAPHQL', 'graphql', 7],
      ['Streetlights-1.0.0', 'ASYNC', 'asyncapi', 4],
    ]);
    expect(await readFile(join(root, 'portico.yaml'), 'utf8')).toBe(
      'apiVersion: portico/v1\nkind: Workspace\nname: My Sample\n',
    );
    expect((await readdir(root)).sort()).toEqual(
      [
        'ai-vendors',
        'apis',
        'environments',
        'key-managers',
        'policies',
        'portico.yaml',
        'README.md',
        'sequences',
      ].sort(),
    );
    expect(ws.current()).toEqual(info);
  });

  it('creates an empty workspace in an empty folder (a fresh git clone counts as empty)', async () => {
    const root = await s.dir();
    await mkdir(join(root, '.git'));
    const info = await s.service().create(root, { sample: false });
    expect(info.apis).toEqual([]);
    expect(await readdir(join(root, 'apis'))).toEqual(['.gitkeep']);
  });

  it('refuses a non-empty folder that is not a workspace, and an existing workspace', async () => {
    const root = await s.dir();
    await writeFile(join(root, 'notes.txt'), 'mine');
    const ws = s.service();
    const error = await rejection(ws.create(root, { sample: true }));
    expect(error.code).toBe('WORKSPACE_INVALID');
    expect(error.message).toContain('is not empty (it holds notes.txt)');
    expect(await readdir(root)).toEqual(['notes.txt']);

    const existing = await s.dir();
    await ws.create(existing, { sample: false });
    expect((await rejection(ws.create(existing, { sample: false }))).code).toBe('CONFLICT');
  });

  it('says so when this build has no sample', async () => {
    const ws = s.service({ sampleSource: null });
    expect((await rejection(ws.create(join(await s.dir(), 'x'), { sample: true }))).code).toBe(
      'UNSUPPORTED',
    );
  });

  it('opens an apictl project folder with apis/ and no portico.yaml', async () => {
    const root = await s.dir();
    const api = join(root, 'apis', 'Orders-2.0.0');
    await mkdir(join(api, 'Definitions'), { recursive: true });
    await writeFile(
      join(api, 'api.yaml'),
      'type: api\nversion: v4.3.0\ndata:\n  name: Orders\n  context: /orders\n  version: 2.0.0\n  provider: admin\n',
    );
    await writeFile(
      join(api, 'Definitions', 'swagger.yaml'),
      'openapi: 3.0.0\ninfo: { title: Orders, version: 2.0.0 }\npaths:\n  /orders: { get: {} }\n',
    );
    const info = await s.service().open(root);
    expect(info.apis).toEqual([
      {
        id: 'Orders-2.0.0',
        name: 'Orders',
        version: '2.0.0',
        context: '/orders',
        type: 'REST',
        definitionFormat: 'openapi',
        path: 'apis/Orders-2.0.0',
        operationCount: 1,
      },
    ]);
  });

  it('refuses folders that are missing, files, or not workspaces', async () => {
    const ws = s.service();
    const dir = await s.dir();
    expect((await rejection(ws.open(join(dir, 'nope')))).code).toBe('NOT_FOUND');
    await writeFile(join(dir, 'file'), '');
    expect((await rejection(ws.open(join(dir, 'file')))).code).toBe('WORKSPACE_INVALID');
    const plain = await rejection(ws.open(dir));
    expect(plain.code).toBe('WORKSPACE_INVALID');
    expect(plain.message).toContain('expected a portico.yaml');
    expect(ws.current()).toBeNull();
  });

  it('lists recent workspaces most recent first and drops folders that are gone', async () => {
    const recent = memoryRecent();
    const ws = new WorkspaceService({ recent, sampleSource });
    try {
      const a = await s.dir();
      const b = await s.dir();
      await ws.create(a, { sample: false });
      await ws.create(b, { sample: false });
      await ws.open(a);
      expect(ws.recent().map((r) => r.path)).toEqual([a, b]);
      recent.touch(join(b, 'deleted-since'), 'gone');
      expect(ws.recent().map((r) => r.path)).toEqual([a, b]);
    } finally {
      await ws.close();
    }
  });
});

describe('WorkspaceService: reading a workspace', () => {
  it('lists resource files by kind and ignores .gitkeep and other files', async () => {
    const root = await s.dir();
    const ws = s.service();
    await ws.create(root, { sample: false });
    await writeFile(join(root, 'sequences', 'mock-pets.yaml'), 'steps: []\n');
    await writeFile(join(root, 'policies', 'Gold.yml'), 'x: 1\n');
    await writeFile(join(root, 'key-managers', 'is7.yaml'), 'x: 1\n');
    await writeFile(join(root, 'ai-vendors', 'openai.yaml'), 'x: 1\n');
    await writeFile(join(root, 'environments', 'prod.yaml'), 'x: 1\n');
    await writeFile(join(root, 'environments', 'README.md'), 'not a resource');
    const info = await ws.open(root);
    expect(info.resources).toEqual([
      { kind: 'sequence', name: 'mock-pets', path: 'sequences/mock-pets.yaml' },
      { kind: 'policy', name: 'Gold', path: 'policies/Gold.yml' },
      { kind: 'keyManager', name: 'is7', path: 'key-managers/is7.yaml' },
      { kind: 'aiVendor', name: 'openai', path: 'ai-vendors/openai.yaml' },
      { kind: 'environment', name: 'prod', path: 'environments/prod.yaml' },
    ]);
  });

  it('turns a broken api.yaml, a missing one and a broken marker into problems, keeping the rest', async () => {
    const root = await s.dir();
    const ws = s.service();
    await ws.create(root, { sample: true });
    await writeFile(
      join(root, 'apis', 'StarWars-1.0.0', 'api.yaml'),
      'type: api\ndata:\n  name: StarWars\n  context: starwars\n  version: 1.0.0\n',
    );
    await mkdir(join(root, 'apis', 'Empty-1.0.0'));
    await writeFile(join(root, 'portico.yaml'), 'name: [unclosed\n');
    const info = await ws.open(root);
    expect(info.apis.map((a) => a.id)).toEqual(['PetStore-1.0.0', 'Streetlights-1.0.0']);
    expect(info.name).toBe(root.split('/').pop());
    expect(info.problems).toEqual([
      { path: 'apis/Empty-1.0.0/api.yaml', message: expect.stringContaining('missing api.yaml') },
      {
        path: 'apis/StarWars-1.0.0/api.yaml',
        message: 'data.context: must start with "/" (e.g. /petstore)',
      },
      {
        path: 'portico.yaml',
        message: expect.stringMatching(/^line \d+, column \d+: Flow sequence/),
      },
    ]);
  });

  it('reads an API in full: endpoints, default version, definition file and language', async () => {
    const ws = s.service();
    await ws.create(await s.dir(), { sample: true });
    const detail = await ws.getApi('PetStore-1.0.0');
    expect(detail).toMatchObject({
      isDefaultVersion: true,
      endpoints: {
        production: 'https://petstore.example.com/v1',
        sandbox: 'sequence:pet-profile',
      },
      definition: {
        format: 'openapi',
        file: 'apis/PetStore-1.0.0/Definitions/swagger.yaml',
        language: 'yaml',
        content: await readFile(
          join(sampleSource, 'apis/PetStore-1.0.0/Definitions/swagger.yaml'),
          'utf8',
        ),
      },
    });
    // With the settings its api.yaml entry gives it.
    expect(detail.operations[0]).toEqual({
      method: 'GET',
      target: '/pets',
      summary: 'List pets',
      auth: 'required',
      throttlingPolicy: 'Unlimited',
      scopes: [],
    });
  });

  it('answers NOT_FOUND for unknown or unsafe ids and NO_WORKSPACE before one is open', async () => {
    const ws = s.service();
    expect((await rejection(ws.getApi('PetStore-1.0.0'))).code).toBe('NO_WORKSPACE');
    await ws.create(await s.dir(), { sample: true });
    expect((await rejection(ws.getApi('Nope-1.0.0'))).code).toBe('NOT_FOUND');
    expect((await rejection(ws.getApi('../../etc'))).code).toBe('NOT_FOUND');
  });
});
