/**
 * apictl compatibility: an API exported as an apictl project and imported into
 * another workspace is the same API (api.yaml, definition, the files of
 * `Sequence-Backend/` and `Client-certificates/`, and each environment's endpoints).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import {
  exportApictlProject,
  importApictlProject,
} from '../../main/services/apictl/apictl-project.js';
import { exportApictlZip, importApictlZip } from '../../main/services/apictl/apictl-zip.js';
import {
  listEnvironments,
  writeEnvironment,
} from '../../main/services/environments/environment-repo.js';
import { DefinitionCache } from '../../main/services/workspace/api-files.js';
import { scanWorkspace } from '../../main/services/workspace/scan.js';
import { repoRoot } from './helpers/gateway-nodes.js';

const node = (name: string) => [
  { name: 'n1', adminUrl: `https://${name}.example.com:9090`, tokenSecret: `${name}-token` },
];
let source = '';
let target = '';
let out = '';

beforeAll(async () => {
  const made = await Promise.all(
    ['src', 'dst', 'out'].map((p) => mkdtemp(join(tmpdir(), `portico-apictl-${p}-`))),
  );
  [source = '', target = '', out = ''] = made;
  await cp(join(repoRoot, 'resources/sample-workspace'), source, { recursive: true });
  const api = join(source, 'apis/PetStore-1.0.0');
  await mkdir(join(api, 'Sequence-Backend'), { recursive: true });
  await writeFile(
    join(api, 'Sequence-Backend', 'PetStore-1.0.0-PRODUCTION.xml'),
    '<sequence name="backend"/>\n',
  );
  await mkdir(join(api, 'Client-certificates'), { recursive: true });
  await writeFile(
    join(api, 'Client-certificates', 'partner.crt'),
    '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n',
  );
  await writeEnvironment(source, {
    name: 'staging',
    nodes: node('staging'),
    endpoints: { 'PetStore-1.0.0': { production: 'https://petstore.staging.internal/v1' } },
  });
  await writeEnvironment(source, {
    name: 'prod',
    nodes: node('prod'),
    endpoints: {
      'PetStore-1.0.0': {
        production: 'https://petstore.prod.internal/v1',
        sandbox: 'https://sandbox.prod.internal/v1',
      },
    },
  });
  for (const name of ['staging', 'prod'])
    await writeEnvironment(target, { name, nodes: node(name) });
  await writeFile(
    join(target, 'portico.yaml'),
    'apiVersion: portico/v1\nkind: Workspace\nname: Target\n',
  );
});

afterAll(async () => {
  for (const dir of [source, target, out]) if (dir) await rm(dir, { recursive: true, force: true });
});

async function petStore(root: string) {
  const scan = await scanWorkspace(root, new DefinitionCache());
  const api = scan.apis.find((a) => a.id === 'PetStore-1.0.0');
  return { apiYaml: api?.apiYaml, definition: api?.definition, problems: scan.info.problems };
}

describe('apictl project round trip', () => {
  it('exports the project with its per-environment files in apictl form', async () => {
    const project = await exportApictlProject({
      root: source,
      apiId: 'PetStore-1.0.0',
      outDir: out,
    });
    expect(await readFile(join(project, 'deployment_environments.yaml'), 'utf8')).toBe(
      'type: deployment_environments\nversion: v4.4.0\ndata:\n' +
        '  - displayOnDevportal: true\n    deploymentEnvironment: prod\n' +
        '  - displayOnDevportal: true\n    deploymentEnvironment: staging\n',
    );
    expect(await readFile(join(project, 'api_params.yaml'), 'utf8')).toContain(
      '  - name: staging\n    configs:\n      endpoints:\n        production:\n          url: https://petstore.staging.internal/v1\n',
    );
  });

  it('imports it into another workspace as an equal API with the same environment endpoints', async () => {
    const result = await importApictlProject({
      root: target,
      projectDir: join(out, 'PetStore-1.0.0'),
    });
    expect(result).toEqual({ apiId: 'PetStore-1.0.0', environments: ['prod', 'staging'] });

    const before = await petStore(source);
    const after = await petStore(target);
    expect(after.problems).toEqual([]);
    expect(after.apiYaml).toEqual(before.apiYaml);
    expect(after.definition).toEqual(before.definition);
    for (const file of [
      'Sequence-Backend/PetStore-1.0.0-PRODUCTION.xml',
      'Client-certificates/partner.crt',
    ]) {
      expect(await readFile(join(target, 'apis/PetStore-1.0.0', file), 'utf8')).toBe(
        await readFile(join(source, 'apis/PetStore-1.0.0', file), 'utf8'),
      );
    }
    const endpointsOf = async (root: string) =>
      Object.fromEntries(
        (await listEnvironments(root)).environments.map((e) => [e.name, e.endpoints]),
      );
    expect(await endpointsOf(target)).toEqual(await endpointsOf(source));
  });

  it('refuses to replace an existing API unless asked to', async () => {
    await expect(
      importApictlProject({ root: target, projectDir: join(out, 'PetStore-1.0.0') }),
    ).rejects.toThrow(/already exists/);
    await expect(
      importApictlProject({
        root: target,
        projectDir: join(out, 'PetStore-1.0.0'),
        overwrite: true,
      }),
    ).resolves.toMatchObject({ apiId: 'PetStore-1.0.0' });
  });
});

describe('apictl archives', () => {
  it('exports Name_version.zip with the project folder inside, and imports it as an equal API', async () => {
    const zipOut = join(out, 'zips');
    const archive = await exportApictlZip({
      root: source,
      apiId: 'PetStore-1.0.0',
      outDir: zipOut,
    });
    expect(archive).toBe(join(zipOut, 'PetStore_1.0.0.zip'));

    const fresh = await mkdtemp(join(tmpdir(), 'portico-apictl-zip-'));
    try {
      await writeFile(join(fresh, 'portico.yaml'), 'apiVersion: portico/v1\nkind: Workspace\n');
      for (const name of ['staging', 'prod'])
        await writeEnvironment(fresh, { name, nodes: node(name) });
      const result = await importApictlZip({ root: fresh, archive });
      expect(result).toEqual({ apiId: 'PetStore-1.0.0', environments: ['prod', 'staging'] });
      const before = await petStore(source);
      const after = await petStore(fresh);
      expect(after.problems).toEqual([]);
      expect(after.apiYaml).toEqual(before.apiYaml);
      expect(after.definition).toEqual(before.definition);
      expect(
        await readFile(join(fresh, 'apis/PetStore-1.0.0/Client-certificates/partner.crt'), 'utf8'),
      ).toContain('BEGIN CERTIFICATE');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('refuses an archive whose entries escape the folder, or that holds no api.yaml', async () => {
    const evil = join(out, 'evil.zip');
    await writeFile(
      evil,
      zipSync({
        'api.yaml': new TextEncoder().encode('type: api\n'),
        '../escape.txt': new TextEncoder().encode('x'),
      }),
    );
    await expect(importApictlZip({ root: target, archive: evil })).rejects.toThrow(
      /points outside the archive/,
    );
    const empty = join(out, 'empty.zip');
    await writeFile(empty, zipSync({ 'README.md': new TextEncoder().encode('hi') }));
    await expect(importApictlZip({ root: target, archive: empty })).rejects.toThrow(/no api\.yaml/);
    const notZip = join(out, 'not.zip');
    await writeFile(notZip, 'plain text');
    await expect(importApictlZip({ root: target, archive: notZip })).rejects.toThrow(
      /not a readable zip/,
    );
  });
});
