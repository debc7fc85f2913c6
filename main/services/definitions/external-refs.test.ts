import { describe, expect, it } from 'vitest';
import { bundleDefinition, collectReferencedFiles, ExternalRefError } from './external-refs.js';
import { readDefinition } from './detect.js';
import { multiFile } from './fixtures.js';

const reader = (files: Record<string, string>) => async (path: string) => files[path] ?? null;

describe('multi-file definitions', () => {
  it('collects exactly the referenced files and bundles them into one readable document', async () => {
    const files = await collectReferencedFiles(
      'spec/openapi.yaml',
      multiFile['spec/openapi.yaml'] ?? '',
      reader(multiFile),
    );
    expect([...files.keys()].sort()).toEqual([
      'spec/openapi.yaml',
      'spec/paths/pet.yaml',
      'spec/paths/pets.yaml',
      'spec/schemas/pet.yaml',
    ]);
    const bundled = await bundleDefinition('spec/openapi.yaml', files);
    const text = JSON.stringify(bundled);
    expect(text).not.toMatch(/"\$ref":"[^#]/);
    const read = readDefinition('openapi', text);
    expect(read.ok && read.info.operations).toEqual([
      { method: 'GET', target: '/pets', summary: 'List pets' },
      { method: 'POST', target: '/pets', summary: 'Add a pet' },
      { method: 'GET', target: '/pets/{id}', summary: 'One pet' },
      { method: 'GET', target: '/animals', summary: 'List pets' },
      { method: 'POST', target: '/animals', summary: 'Add a pet' },
    ]);
  });

  it('refuses a reference that leaves the root file folder, naming file and ref', async () => {
    const files: Record<string, string> = {
      ...multiFile,
      'spec/paths/pets.yaml': 'get:\n  $ref: "../../secrets.yaml"\n',
    };
    await expect(
      collectReferencedFiles('spec/openapi.yaml', files['spec/openapi.yaml'] ?? '', reader(files)),
    ).rejects.toThrow(
      'spec/paths/pets.yaml: $ref "../../secrets.yaml" points outside the folder spec/',
    );
  });

  it('names a missing file, a remote ref and an absolute path', async () => {
    const root = (ref: string) => `openapi: 3.0.3\npaths:\n  /a:\n    $ref: "${ref}"\n`;
    await expect(
      collectReferencedFiles('openapi.yaml', root('./nope.yaml'), reader({})),
    ).rejects.toThrow('openapi.yaml: $ref "./nope.yaml" names nope.yaml, which does not exist');
    await expect(
      collectReferencedFiles('openapi.yaml', root('https://evil.example/x.yaml'), reader({})),
    ).rejects.toThrow(ExternalRefError);
    await expect(
      collectReferencedFiles('openapi.yaml', root('/etc/passwd'), reader({})),
    ).rejects.toThrow('absolute path');
  });
});
