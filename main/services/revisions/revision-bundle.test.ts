import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DefinitionCache } from '../workspace/api-files.js';
import { scanWorkspace } from '../workspace/scan.js';
import { sampleSource } from '../workspace/testing.js';
import { revisionBundle } from './revisions-service.js';
import { readWorkspaceResources } from './workspace-resources.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function sampleCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-revision-'));
  dirs.push(dir);
  await cp(sampleSource, dir, { recursive: true });
  return dir;
}

async function petStore(root: string) {
  const { apis } = await scanWorkspace(root, new DefinitionCache());
  const api = apis.find((a) => a.id === 'PetStore-1.0.0');
  if (!api) throw new Error('no PetStore in the sample');
  return api;
}

describe('a revision holds what its API names', () => {
  it('carries the sequence of its endpoint and its plans, nothing else', async () => {
    const root = await sampleCopy();
    // An unrelated sequence and plan must not enter PetStore's revision.
    await writeFile(
      join(root, 'sequences/unused.yaml'),
      'name: unused\nsteps:\n  - type: respond\n    status: 204\n',
    );
    const resources = await readWorkspaceResources(root);
    expect(resources.sequences?.map((s) => s.name)).toEqual(['pet-profile', 'unused']);

    const api = await petStore(root);
    const bundle = revisionBundle(api, resources);
    expect(bundle.revision).toMatch(/^r-[0-9a-f]{16}$/);
    expect(bundle.apis[0]?.endpoints.sandbox).toEqual({
      type: 'sequence',
      sequence: 'pet-profile',
    });
    expect(bundle.sequences.map((s) => s.name)).toEqual(['pet-profile']);
    const plans = new Set(bundle.apis[0]?.plans ?? []);
    expect(bundle.policies.subscription.every((p) => plans.has(p.name))).toBe(true);
    expect(bundle.policies.application).toEqual([]);

    // Editing the unrelated sequence leaves the revision as it was.
    await writeFile(
      join(root, 'sequences/unused.yaml'),
      'name: unused\nsteps:\n  - type: respond\n    status: 202\n',
    );
    expect(revisionBundle(api, await readWorkspaceResources(root)).revision).toBe(bundle.revision);
  });

  it('leaves out an endpoint whose sequence file is gone instead of pointing nowhere', async () => {
    const root = await sampleCopy();
    await rm(join(root, 'sequences/pet-profile.yaml'));
    const api = await petStore(root);
    expect(revisionBundle(api, {}).apis[0]?.endpoints.sandbox ?? null).toBeNull();
  });
});
