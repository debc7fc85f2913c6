import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { scratch } from './testing.js';
import type { WorkspaceService } from './workspace-service.js';

const s = scratch();
afterEach(() => s.cleanup());

async function sampleWorkspace(): Promise<{ ws: WorkspaceService; root: string }> {
  const root = await s.dir();
  const ws = s.service();
  await ws.create(root, { sample: true });
  return { ws, root };
}

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StudioError))
    throw new Error(`expected a StudioError, got ${String(error)}`);
  return error;
}

const petApi = (root: string, file: string) => join(root, 'apis', 'PetStore-1.0.0', file);

describe('saveDefinition', () => {
  it('saves the text, re-derives operations and updates api.yaml, keeping existing operation settings', async () => {
    const { ws, root } = await sampleWorkspace();
    const before = await ws.getApi('PetStore-1.0.0');
    const content = before.definition!.content.replace(
      '  /pets/{petId}:\n',
      "  /pets/search:\n    get:\n      summary: Search pets\n      responses:\n        '200': { description: ok }\n  /pets/{petId}:\n",
    );
    const detail = await ws.saveDefinition('PetStore-1.0.0', content);
    // A new operation gets apictl's defaults: authenticated, Unlimited.
    expect(detail.operations).toContainEqual({
      method: 'GET',
      target: '/pets/search',
      summary: 'Search pets',
      auth: 'required',
      throttlingPolicy: 'Unlimited',
      scopes: [],
    });
    expect(detail.operationCount).toBe(6);
    expect(await readFile(petApi(root, 'Definitions/swagger.yaml'), 'utf8')).toBe(content);
    const apiYaml = await readFile(petApi(root, 'api.yaml'), 'utf8');
    expect(apiYaml).toContain('- target: /pets/search\n      verb: GET\n');
    expect(ws.current()?.apis.find((a) => a.id === 'PetStore-1.0.0')?.operationCount).toBe(6);
  });

  it('keeps text that does not parse, shows no operations and lists the problem with its line', async () => {
    const { ws, root } = await sampleWorkspace();
    const apiYamlBefore = await readFile(petApi(root, 'api.yaml'), 'utf8');
    const broken = 'openapi: 3.0.3\ninfo:\n  title: PetStore\n  version: [1.0.0\npaths: {}\n';
    const detail = await ws.saveDefinition('PetStore-1.0.0', broken);
    expect(detail.operations).toEqual([]);
    expect(detail.definition?.content).toBe(broken);
    expect(await readFile(petApi(root, 'Definitions/swagger.yaml'), 'utf8')).toBe(broken);
    expect(await readFile(petApi(root, 'api.yaml'), 'utf8')).toBe(apiYamlBefore);
    expect(ws.current()?.problems).toEqual([
      {
        path: 'apis/PetStore-1.0.0/Definitions/swagger.yaml',
        message: expect.stringMatching(/^line \d+, column \d+: /),
      },
    ]);
    await ws.saveDefinition('PetStore-1.0.0', broken.replace('[1.0.0', '1.0.0'));
    expect(ws.current()?.problems).toEqual([]);
  });

  it('leaves api.yaml byte-identical when saving an unchanged definition', async () => {
    const { ws, root } = await sampleWorkspace();
    const apiYaml = await readFile(petApi(root, 'api.yaml'), 'utf8');
    const mtime = (await stat(petApi(root, 'api.yaml'))).mtimeMs;
    const detail = await ws.getApi('PetStore-1.0.0');
    await ws.saveDefinition('PetStore-1.0.0', detail.definition!.content);
    expect(await readFile(petApi(root, 'api.yaml'), 'utf8')).toBe(apiYaml);
    expect((await stat(petApi(root, 'api.yaml'))).mtimeMs).toBe(mtime);
  });
});

describe('updateApiSettings', () => {
  it('updates context and endpoints, and rewriting the same settings changes no byte', async () => {
    const { ws, root } = await sampleWorkspace();
    const detail = await ws.updateApiSettings({
      id: 'PetStore-1.0.0',
      context: '/pets',
      endpoints: { production: 'http://127.0.0.1:9000', sandbox: null },
    });
    expect(detail).toMatchObject({
      context: '/pets',
      endpoints: { production: 'http://127.0.0.1:9000', sandbox: null },
    });
    const text = await readFile(petApi(root, 'api.yaml'), 'utf8');
    expect(text).toContain('  context: /pets\n');
    expect(text).not.toContain('sandbox_endpoints');
    await ws.updateApiSettings({
      id: 'PetStore-1.0.0',
      context: '/pets',
      endpoints: { production: 'http://127.0.0.1:9000' },
    });
    expect(await readFile(petApi(root, 'api.yaml'), 'utf8')).toBe(text);
  });

  it('validates the context and endpoints, naming the field', async () => {
    const { ws } = await sampleWorkspace();
    for (const [input, field] of [
      [{ context: 'pets' }, 'context'],
      [{ context: '/pets/' }, 'context'],
      [{ context: '/my pets' }, 'context'],
      [{ endpoints: { production: 'not a url' } }, 'endpoints.production'],
      [{ endpoints: { sandbox: 'ftp://files.example.com' } }, 'endpoints.sandbox'],
    ] as const) {
      const error = await rejection(ws.updateApiSettings({ id: 'PetStore-1.0.0', ...input }));
      expect(error.code).toBe('VALIDATION');
      expect(error.message.startsWith(`${field}: must`), error.message).toBe(true);
    }
    const clash = await rejection(
      ws.updateApiSettings({ id: 'PetStore-1.0.0', context: '/starwars' }),
    );
    expect(clash.code).toBe('CONFLICT');
  });

  it('keeps one default version per API name', async () => {
    const { ws } = await sampleWorkspace();
    const v1 = await ws.getApi('PetStore-1.0.0');
    await ws.createApi({ content: v1.definition!.content, version: '2.0.0' });
    await ws.updateApiSettings({ id: 'PetStore-2.0.0', isDefaultVersion: true });
    expect((await ws.getApi('PetStore-2.0.0')).isDefaultVersion).toBe(true);
    expect((await ws.getApi('PetStore-1.0.0')).isDefaultVersion).toBe(false);
    expect((await ws.getApi('StarWars-1.0.0')).isDefaultVersion).toBe(true);
  });
});

describe('deleteApi', () => {
  it('removes the folder and the API from the workspace, and NOT_FOUND after', async () => {
    const { ws, root } = await sampleWorkspace();
    await ws.deleteApi('StarWars-1.0.0');
    expect(await readdir(join(root, 'apis'))).not.toContain('StarWars-1.0.0');
    expect(ws.current()?.apis.map((a) => a.id)).toEqual(['PetStore-1.0.0', 'Streetlights-1.0.0']);
    expect((await rejection(ws.deleteApi('StarWars-1.0.0'))).code).toBe('NOT_FOUND');
  });
});

describe('onChanged', () => {
  it('tells listeners about changes the studio makes, once each, and not about no-ops', async () => {
    const { ws } = await sampleWorkspace();
    const seen: string[][] = [];
    const off = ws.onChanged((info) => seen.push(info.apis.map((a) => `${a.id} ${a.context}`)));
    await ws.updateApiSettings({ id: 'StarWars-1.0.0', context: '/sw' });
    await ws.updateApiSettings({ id: 'StarWars-1.0.0', context: '/sw' });
    off();
    await ws.deleteApi('Streetlights-1.0.0');
    expect(seen).toEqual([
      ['PetStore-1.0.0 /petstore', 'StarWars-1.0.0 /sw', 'Streetlights-1.0.0 /streetlights'],
    ]);
  });
});
