/**
 * Importing and exporting definitions through the real services on a temp
 * workspace: by URL from a local HTTP server (redirects, relative `$ref`s fetched
 * beside the root, size cap, timeout, errors), multi-file folders, a Postman
 * collection, a GraphQL introspection result (GitHub's), and export round trips.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { multiFile, petCollection } from '../../main/services/definitions/fixtures.js';
import { buildBundle } from '../../main/services/bundle-builder.js';
import { ImportService } from '../../main/services/import/import-service.js';
import { scratch } from '../../main/services/workspace/testing.js';
import { githubSubset, realSpecPackage } from '../support/real-specs.js';

let server: Server;
let base = '';
let github: Record<string, unknown>;

beforeAll(async () => {
  github = await githubSubset(20);
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const spec = /^\/specs\/(.+)$/.exec(url)?.[1];
    if (spec && multiFile[`spec/${spec}`] !== undefined) {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(multiFile[`spec/${spec}`]);
    } else if (url === '/github.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(github));
    } else if (url === '/latest') {
      res.writeHead(302, { location: '/github.json' });
      res.end();
    } else if (url === '/big.yaml') {
      // No Content-Length: the cap must hold while the body streams.
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.write(`openapi: 3.0.3\n# ${'x'.repeat(4096)}\n`);
      res.end(`# ${'y'.repeat(4096)}\n`);
    } else if (url === '/hang.yaml') {
      // Never answers; the client's deadline must end the wait.
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const s = scratch();
afterEach(() => s.cleanup());

async function studio() {
  const workspace = s.service({ sampleSource: null });
  await workspace.create(await s.dir(), { sample: false });
  const imports = new ImportService({ workspace, fetchLimits: { maxBytes: 6000, timeoutMs: 500 } });
  return { workspace, imports, root: workspace.current()?.root ?? '' };
}

describe('import by URL', () => {
  it('follows a redirect and creates the API from a real GitHub subset', async () => {
    const { workspace, imports, root } = await studio();
    const big = new ImportService({ workspace });
    const api = await big.importUrl(`${base}/latest`, { name: 'GitHubIssues' });
    expect(api).toMatchObject({ name: 'GitHubIssues', type: 'REST', definitionFormat: 'openapi' });
    const detail = await workspace.getApi(api.id);
    expect(detail.operations).toContainEqual(
      expect.objectContaining({ method: 'POST', target: '/repos/{owner}/{repo}/issues' }),
    );
    expect(detail.endpoints.production).toBe('https://api.github.com');
    expect(await readFile(join(root, `apis/${api.id}/Definitions/swagger.json`), 'utf8')).toBe(
      JSON.stringify(github),
    );
    void imports;
  });

  it('fetches the files that relative $refs name beside the root URL', async () => {
    const { workspace, imports, root } = await studio();
    const api = await imports.importUrl(`${base}/specs/openapi.yaml`);
    expect(api).toMatchObject({ name: 'Split Pets', version: '1.2.0', operationCount: 5 });
    const onDisk = await readFile(
      join(root, `apis/${api.id}/Definitions/schemas/pet.yaml`),
      'utf8',
    );
    expect(onDisk).toBe(multiFile['spec/schemas/pet.yaml']);
    expect(
      (await workspace.getApi(api.id)).operations.map((o) => `${o.method} ${o.target}`),
    ).toEqual(['GET /pets', 'POST /pets', 'GET /pets/{id}', 'GET /animals', 'POST /animals']);
  });

  it('refuses other schemes, missing documents, oversized bodies and silent servers', async () => {
    const { imports } = await studio();
    await expect(imports.importUrl('ftp://127.0.0.1/spec.yaml')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'url: only http:// and https:// URLs can be imported, got ftp://',
    });
    await expect(imports.importUrl('not a url')).rejects.toThrow('url: "not a url" is not a URL');
    await expect(imports.importUrl(`${base}/missing.yaml`)).rejects.toThrow('answered HTTP 404');
    await expect(imports.importUrl(`${base}/big.yaml`)).rejects.toThrow('is larger than the limit');
    await expect(imports.importUrl(`${base}/hang.yaml`)).rejects.toThrow('did not answer within');
    await expect(imports.importUrl('http://127.0.0.1:1/spec.yaml')).rejects.toThrow(
      'url: could not fetch http://127.0.0.1:1/spec.yaml',
    );
  });
});

describe('multi-file folders', () => {
  const folder = () =>
    Object.entries(multiFile).map(([path, content]) => ({
      path: path.replace(/^spec\//, 'pets/spec/'),
      content,
    }));

  it('copies the referenced files into Definitions/ and reads them again after reopening', async () => {
    const { workspace, imports, root } = await studio();
    const api = await imports.importFiles('pets/spec/openapi.yaml', folder());
    const dir = join(root, `apis/${api.id}/Definitions`);
    expect(await readFile(join(dir, 'swagger.yaml'), 'utf8')).toBe(multiFile['spec/openapi.yaml']);
    expect(await readFile(join(dir, 'paths/pets.yaml'), 'utf8')).toBe(
      multiFile['spec/paths/pets.yaml'],
    );
    await expect(readFile(join(dir, 'unused.yaml'), 'utf8')).rejects.toThrow('ENOENT');

    const again = s.service({ sampleSource: null });
    await again.open(root);
    const detail = await again.getApi(api.id);
    expect(detail.operationCount).toBe(5);
    // The gateway receives one document: no reference to a file it does not have.
    const built = buildBundle(again.apiRecords());
    expect(built.ok).toBe(true);
    const content = built.ok ? (built.bundle.apis[0]?.definition?.content ?? '') : '';
    expect(content).toContain('List pets');
    expect(content).not.toMatch(/\$ref:\s*["']?\.{0,2}\/?(paths|schemas)\//);
    void workspace;
  });

  it('refuses a reference escaping the root file folder and a root that is not among the files', async () => {
    const { imports } = await studio();
    const files = folder().map((f) =>
      f.path === 'pets/spec/paths/pet.yaml'
        ? { ...f, content: 'get:\n  $ref: "../../outside.yaml"\n' }
        : f,
    );
    await expect(imports.importFiles('pets/spec/openapi.yaml', files)).rejects.toMatchObject({
      code: 'DEFINITION_INVALID',
      message: expect.stringContaining(
        'rootFile: pets/spec/paths/pet.yaml: $ref "../../outside.yaml" points outside',
      ),
    });
    await expect(imports.importFiles('pets/openapi.yaml', files)).rejects.toThrow(
      'rootFile: "pets/openapi.yaml" is not among the 5 files given',
    );
  });

  it('reads an existing API whose definition was split by hand inside the workspace', async () => {
    const { workspace, root } = await studio();
    const api = await workspace.createApi({
      content: 'openapi: 3.0.3\ninfo: { title: Hand, version: "1" }\npaths: {}\n',
    });
    const dir = join(root, `apis/${api.id}/Definitions`);
    await mkdir(join(dir, 'paths'), { recursive: true });
    await writeFile(
      join(dir, 'paths/pets.yaml'),
      'get:\n  summary: List\n  responses: { "200": { description: ok } }\npost:\n  responses: { "201": { description: created } }\n',
    );
    await writeFile(
      join(dir, 'swagger.yaml'),
      'openapi: 3.0.3\ninfo: { title: Hand, version: "1" }\npaths:\n  /pets: { $ref: "./paths/pets.yaml" }\n',
    );
    expect((await workspace.getApi(api.id)).operations.map((o) => o.method)).toEqual([
      'GET',
      'POST',
    ]);
  });
});

describe('conversions', () => {
  it('creates a REST API from a Postman collection with its requests and base URL', async () => {
    const { workspace, root } = await studio();
    const api = await workspace.createApi({
      content: JSON.stringify(petCollection),
      fileName: 'clinic.postman_collection.json',
    });
    expect(api).toMatchObject({
      name: 'Pet Clinic',
      version: '2.1.0',
      type: 'REST',
      operationCount: 5,
    });
    const detail = await workspace.getApi(api.id);
    expect(detail.endpoints.production).toBe('https://clinic.example.com/api');
    const stored = await readFile(join(root, `apis/${api.id}/Definitions/swagger.yaml`), 'utf8');
    expect(stored).toMatch(/^openapi: 3\.0\.3/);
  });

  it("creates a GraphQL API from GitHub's introspection result, stored as SDL", async () => {
    const { workspace, root } = await studio();
    const json = await readFile(
      join(await realSpecPackage('octokitGraphqlSchema'), 'schema.json'),
      'utf8',
    );
    const api = await workspace.createApi({
      content: json,
      fileName: 'schema.json',
      name: 'GitHubGraphQL',
    });
    expect(api).toMatchObject({ type: 'GRAPHQL', definitionFormat: 'graphql' });
    expect(api.operationCount).toBeGreaterThan(100);
    const sdl = await readFile(join(root, `apis/${api.id}/Definitions/schema.graphql`), 'utf8');
    expect(sdl).toContain('type Query {');
  }, 60_000);
});

describe('export', () => {
  it('round-trips a multi-file API through JSON export into a new API with the same operations', async () => {
    const { workspace, imports } = await studio();
    const first = await imports.importFiles(
      'spec/openapi.yaml',
      Object.entries(multiFile).map(([path, content]) => ({ path, content })),
    );
    const exported = imports.exportApi(first.id, 'json');
    expect(exported.fileName).toBe(`${first.id}.json`);
    expect(exported.content).not.toContain('paths/pets.yaml');
    const second = await workspace.createApi({ content: exported.content, name: 'Exported' });
    const a = (await workspace.getApi(first.id)).operations;
    const b = (await workspace.getApi(second.id)).operations;
    expect(b).toEqual(a);
  });

  it('exports GraphQL as its SDL and refuses an unknown API', async () => {
    const { workspace, imports } = await studio();
    const sdl = 'type Query {\n  pets: [String]\n}\n';
    const api = await workspace.createApi({ content: sdl, name: 'Pets' });
    expect(imports.exportApi(api.id, 'yaml')).toEqual({
      fileName: `${api.id}.graphql`,
      mimeType: 'application/graphql',
      content: sdl,
    });
    expect(() => imports.exportApi('Nope-1.0.0')).toThrow(
      'id: no API "Nope-1.0.0" in this workspace',
    );
  });
});
