import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkspaceResources } from './revisions/workspace-resources.js';
import { readYamlFiles, yamlStem } from './yaml-files.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-yaml-files-'));
  dirs.push(dir);
  return dir;
}

describe('readYamlFiles', () => {
  it('reads the YAML files of a folder in code-point order, skipping the rest', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'b.yml'), 'b: 1\n');
    await writeFile(join(dir, 'Z.yaml'), 'z: 1\n');
    await writeFile(join(dir, 'a.YAML'), 'a: 1\n');
    await writeFile(join(dir, '.hidden.yaml'), 'h: 1\n');
    await writeFile(join(dir, 'notes.txt'), 'n\n');
    await mkdir(join(dir, 'folder.yaml'));
    expect(await readYamlFiles(dir)).toEqual([
      { name: 'Z.yaml', text: 'z: 1\n' },
      { name: 'a.YAML', text: 'a: 1\n' },
      { name: 'b.yml', text: 'b: 1\n' },
    ]);
    expect(yamlStem('a.YAML')).toBe('a');
  });

  it('answers none for a folder that does not exist', async () => {
    expect(await readYamlFiles(join(await tempDir(), 'missing'))).toEqual([]);
  });
});

describe('readWorkspaceResources', () => {
  it('counts an AI vendor only under its file name, as the studio does', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'ai-vendors'));
    await writeFile(join(root, 'ai-vendors/acme.yaml'), 'name: acme\ntype: openai\n');
    await writeFile(join(root, 'ai-vendors/misnamed.yaml'), 'name: other\ntype: openai\n');
    const { aiVendors } = await readWorkspaceResources(root);
    expect(aiVendors?.map((v) => v.name)).toEqual(['acme']);
  });
});
