import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import type { ApiYamlData } from '../workspace/api-yaml.js';
import { findSequenceReferences } from './sequence-references.js';
import { SequencesService, type SequencesWorkspace } from './sequences-service.js';

const dirs: string[] = [];
const services: SequencesService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

type Config = NonNullable<ApiYamlData['endpointConfig']>;

/**
 * A workspace of api.yaml endpoint configs held in memory; `updateApiSettings`
 * applies endpoints as the real one does, and fails for the ids in `failing`.
 */
function fakeWorkspace(root: string, apis: Record<string, Config>, failing = new Set<string>()) {
  const writes: string[] = [];
  const workspace: SequencesWorkspace = {
    current: () => ({ root }),
    onContentChanged: () => () => undefined,
    apiRecords: () =>
      Object.entries(apis).map(([id, endpointConfig]) => ({
        id,
        apiYaml: { data: { endpointConfig } },
      })),
    async updateApiSettings({ id, endpoints }) {
      if (failing.has(id)) throw new StudioError('WORKSPACE_INVALID', 'api.yaml: line 3: bad');
      const config = apis[id];
      if (!config) throw new Error(`no ${id}`);
      for (const environment of ['production', 'sandbox'] as const) {
        const value = endpoints[environment];
        if (value === undefined) continue;
        delete config[`${environment}_endpoints`];
        config[`${environment}_sequence`] = value?.replace(/^sequence:/, '');
      }
      writes.push(`${id}:${JSON.stringify(endpoints)}`);
      return null;
    },
  };
  return { workspace, writes };
}

async function setup(apis: Record<string, Config>, failing?: Set<string>) {
  const root = await mkdtemp(join(tmpdir(), 'portico-seq-rename-'));
  dirs.push(root);
  await mkdir(join(root, 'sequences'));
  await writeFile(join(root, 'sequences', 'mock-pets.yaml'), 'name: mock-pets\nsteps: []\n');
  const fake = fakeWorkspace(root, apis, failing);
  const service = new SequencesService({
    workspace: fake.workspace,
    admin: () => Promise.resolve(null),
  });
  services.push(service);
  await service.reload();
  return { root, service, ...fake };
}

const sequenceFiles = async (root: string) => (await readdir(join(root, 'sequences'))).sort();

describe('renaming a sequence', () => {
  it('points every endpoint that named it at the new name, and leaves the others', async () => {
    const apis: Record<string, Config> = {
      'A-1': { endpoint_type: 'http', production_sequence: 'mock-pets' },
      'B-1': {
        endpoint_type: 'http',
        production_endpoints: { url: 'http://127.0.0.1:9000' },
        sandbox_sequence: 'mock-pets',
      },
      'C-1': { endpoint_type: 'http', production_sequence: 'other' },
    };
    const { root, service, writes } = await setup(apis);
    expect(findSequenceReferences({ apiRecords: () => [] }, 'mock-pets')).toEqual([]);

    const renamed = await service.rename('mock-pets', 'pets-mock');
    expect(renamed).toMatchObject({ name: 'pets-mock', document: { name: 'pets-mock' } });
    expect(await sequenceFiles(root)).toEqual(['pets-mock.yaml']);
    expect(writes).toEqual([
      'A-1:{"production":"sequence:pets-mock"}',
      'B-1:{"sandbox":"sequence:pets-mock"}',
    ]);
    expect(apis['A-1']?.production_sequence).toBe('pets-mock');
    expect(apis['B-1']).toMatchObject({
      production_endpoints: { url: 'http://127.0.0.1:9000' },
      sandbox_sequence: 'pets-mock',
    });
    expect(apis['C-1']?.production_sequence).toBe('other');
  });

  it('undoes the moved APIs and the new file when one api.yaml cannot be written, naming it', async () => {
    const apis: Record<string, Config> = {
      'A-1': { endpoint_type: 'http', production_sequence: 'mock-pets' },
      'B-1': { endpoint_type: 'http', sandbox_sequence: 'mock-pets' },
    };
    const { root, service, writes } = await setup(apis, new Set(['B-1']));
    await expect(service.rename('mock-pets', 'pets-mock')).rejects.toMatchObject({
      code: 'WORKSPACE_INVALID',
      message:
        'apis/B-1/api.yaml: could not point its endpoint at sequence pets-mock (api.yaml: line 3: bad); the rename was undone: mock-pets keeps its name and every API still names it',
    });
    expect(writes).toEqual([
      'A-1:{"production":"sequence:pets-mock"}',
      'A-1:{"production":"sequence:mock-pets"}',
    ]);
    expect(apis['A-1']?.production_sequence).toBe('mock-pets');
    expect(await sequenceFiles(root)).toEqual(['mock-pets.yaml']);
  });

  it('keeps both files when an API cannot be put back, and says which', async () => {
    const apis: Record<string, Config> = {
      'A-1': { endpoint_type: 'http', production_sequence: 'mock-pets' },
      'B-1': { endpoint_type: 'http', sandbox_sequence: 'mock-pets' },
    };
    const failing = new Set(['B-1']);
    const { root, service, workspace } = await setup(apis, failing);
    // A-1 moves, then both fail: B-1's write and A-1's undo.
    const update = workspace.updateApiSettings.bind(workspace);
    workspace.updateApiSettings = async (input) => {
      const result = await update(input);
      failing.add('A-1');
      return result;
    };
    await expect(service.rename('mock-pets', 'pets-mock')).rejects.toThrow(
      /^apis\/B-1\/api\.yaml: .*undone except in apis\/A-1\/api\.yaml, which could not be restored and name pets-mock; both sequence files were kept$/,
    );
    expect(apis['A-1']?.production_sequence).toBe('pets-mock');
    expect(await sequenceFiles(root)).toEqual(['mock-pets.yaml', 'pets-mock.yaml']);
  });
});
