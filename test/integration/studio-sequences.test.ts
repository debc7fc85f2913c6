/**
 * Sequences in the studio: `sequences/<name>.yaml` files written byte-stable and
 * validated with the gateway's schema, dry runs through the real local gateway,
 * and a sequence deployed as an API's production endpoint (scatter-gather over
 * two real backends on 127.0.0.1).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeGatewayLauncher } from '../../main/services/node-gateway-launcher.js';
import { createStudioServices, type StudioServices } from '../../main/services/index.js';
import { redeployed, until } from './helpers/studio.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<{ services: StudioServices; root: string }> {
  const base = await mkdtemp(join(tmpdir(), 'portico-seq-'));
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
  return { services, root };
}

/** A backend that answers one JSON document for every request, and counts them. */
async function backend(answer: unknown): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const scatterGather = (pets: string, owners: string) => ({
  name: 'pet-profile',
  steps: [
    {
      type: 'parallel',
      branches: [
        {
          steps: [
            {
              type: 'call',
              endpoint: { type: 'http', url: `${pets}/pets/{{request.pathParams.petId}}` },
              variable: 'pet',
            },
          ],
        },
        {
          steps: [
            { type: 'call', endpoint: { type: 'http', url: `${owners}/owner` }, variable: 'owner' },
          ],
        },
      ],
    },
    { type: 'transform', expression: '$merge([variables.pet.body, variables.owner.body])' },
    { type: 'respond', status: 200 },
  ],
});

describe('sequence files', () => {
  it('are created, saved byte-stable in a fixed key order, listed, renamed and deleted', async () => {
    const { services, root } = await start();
    const seq = services.sequences;
    const created = await seq.create('mock-pets');
    expect(created).toMatchObject({
      name: 'mock-pets',
      path: 'sequences/mock-pets.yaml',
      problem: null,
    });
    expect(await readFile(join(root, 'sequences/mock-pets.yaml'), 'utf8')).toBe(
      'name: mock-pets\nsteps: []\n',
    );
    await expect(seq.create('mock-pets')).rejects.toMatchObject({ code: 'CONFLICT' });

    // Keys in any order come out in one order; saving again yields the same bytes.
    const shuffled = {
      steps: [
        { status: 201, type: 'respond', body: { ok: true }, id: 'answer' },
        { value: "'1'", type: 'setHeader', name: 'x-mock' },
      ],
      name: 'ignored: the file name wins',
    };
    const saved = await seq.save('mock-pets', shuffled);
    const text = await readFile(join(root, 'sequences/mock-pets.yaml'), 'utf8');
    expect(text).toBe(
      [
        'name: mock-pets',
        'steps:',
        '  - id: answer',
        '    type: respond',
        '    status: 201',
        '    body:',
        '      ok: true',
        '  - type: setHeader',
        '    name: x-mock',
        '    value: "\'1\'"',
        '',
      ].join('\n'),
    );
    expect(saved.content).toBe(text);
    await seq.save('mock-pets', saved.document);
    expect(await readFile(join(root, 'sequences/mock-pets.yaml'), 'utf8')).toBe(text);

    const renamed = await seq.rename('mock-pets', 'pets-mock');
    expect(renamed.document).toMatchObject({ name: 'pets-mock' });
    // The sample workspace brings its own scatter-gather, valid as shipped.
    expect(await seq.list()).toEqual([
      { name: 'pet-profile', path: 'sequences/pet-profile.yaml', problem: null },
      { name: 'pets-mock', path: 'sequences/pets-mock.yaml', problem: null },
    ]);
    await seq.delete('pets-mock');
    expect((await seq.list()).map((s) => s.name)).toEqual(['pet-profile']);
    await expect(seq.get('pets-mock')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses invalid documents and names, naming the field and what would be valid', async () => {
    const { services, root } = await start();
    const seq = services.sequences;
    await expect(
      seq.save('bad', {
        steps: [
          {
            type: 'parallel',
            branches: [
              {
                steps: [
                  { type: 'call', endpoint: { type: 'http', url: 'ftp://x' }, variable: 'v' },
                ],
              },
            ],
          },
          { type: 'teleport' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /steps\[0\]\.branches\[0\]\.steps\[0\]\.endpoint\.url: must be an absolute http:\/\/ or https:\/\/ URL.*steps\[1\]\.type: must have a "type" of log, setHeader/,
      ),
    });
    await expect(seq.create('../escape')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('name: must start with a letter or digit'),
    });

    // A broken file on disk is listed with its problem, not dropped.
    await writeFile(join(root, 'sequences/broken.yaml'), 'name: broken\nsteps: [\n');
    await writeFile(join(root, 'sequences/other.yaml'), 'name: someone-else\nsteps: []\n');
    const listed = await seq.list();
    expect(listed.find((s) => s.name === 'broken')?.problem).toMatch(
      /^\(yaml\): line \d+, column \d+/,
    );
    expect(listed.find((s) => s.name === 'other')?.problem).toContain(
      'name: must be "other", the file\'s name',
    );

    const check = seq.check({ content: 'name: x\nsteps:\n  - type: log\n' });
    expect(check.issues).toEqual([{ path: 'steps[0].message', message: expect.any(String) }]);
    expect(seq.check({ document: { steps: [], name: 'x' } }).yaml).toBe('name: x\nsteps: []\n');
  });
});

describe('sequences in revisions', () => {
  it('puts the sequence an API names into its revision, and no other', async () => {
    const { services } = await start();
    await services.sequences.save('unused', {
      name: 'unused',
      steps: [{ type: 'respond', status: 204 }],
    });
    // The sample's PetStore is served in sandbox by the scatter-gather pet-profile.
    const { revision } = await services.revisions.create('PetStore-1.0.0');
    const bundle = services.revisions.get(revision.id).bundle;
    expect(bundle.apis[0]?.endpoints.sandbox).toEqual({
      type: 'sequence',
      sequence: 'pet-profile',
    });
    expect(bundle.sequences.map((q) => q.name)).toEqual(['pet-profile']);
  });

  it('renaming a sequence moves the APIs that name it, so they stay in the bundle', async () => {
    const { services, root } = await start();
    await services.sequences.rename('pet-profile', 'pet-card');
    const apiYaml = await readFile(join(root, 'apis/PetStore-1.0.0/api.yaml'), 'utf8');
    expect(apiYaml).toContain('sandbox_sequence: pet-card');
    expect(apiYaml).not.toContain('pet-profile');
    expect((await services.workspace.getApi('PetStore-1.0.0')).endpoints.sandbox).toBe(
      'sequence:pet-card',
    );
    await services.sequences.reload();
    const { revision } = await services.revisions.create('PetStore-1.0.0');
    const bundle = services.revisions.get(revision.id).bundle;
    expect(bundle.apis[0]?.endpoints.sandbox).toEqual({ type: 'sequence', sequence: 'pet-card' });
    expect(bundle.sequences.map((q) => q.name)).toEqual(['pet-card']);
  });
});

describe('sequences through the local gateway', () => {
  it(
    'dry-runs a scatter-gather, then serves it as an API production endpoint',
    { timeout: 90_000 },
    async () => {
      const pets = await backend({ id: 7, name: 'Rex' });
      const owners = await backend({ owner: 'Ada' });
      const { services } = await start();
      const running = await until(services, (s) => s.state === 'running' || s.state === 'error');
      expect(running.state, running.error ?? '').toBe('running');

      const document = scatterGather(pets.url, owners.url);
      const run = await services.sequences.try({
        document,
        request: { method: 'GET', path: '/pets/7' },
      });
      expect(run.response).toMatchObject({
        status: 200,
        body: { id: 7, name: 'Rex', owner: 'Ada' },
      });
      expect(run.trace.map((t) => [t.type, t.outcome])).toEqual(
        expect.arrayContaining([
          ['parallel', 'ok'],
          ['call', 'ok'],
          ['transform', 'ok'],
          ['respond', 'ok'],
        ]),
      );
      expect(run.trace.filter((t) => t.call).map((t) => t.call?.status)).toEqual([200, 200]);
      await expect(
        services.sequences.try({
          document: { name: 'x', steps: [{ type: 'transform' }] },
          request: { method: 'GET', path: '/' },
        }),
      ).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('steps[0].expression'),
      });

      // Saved and named as PetStore's production endpoint, the gateway serves it.
      await services.sequences.save('pet-profile', document);
      const before = services.gateway.status().revision;
      await services.workspace.updateApiSettings({
        id: 'PetStore-1.0.0',
        endpoints: { production: 'sequence:pet-profile' },
      });
      expect((await services.workspace.getApi('PetStore-1.0.0')).endpoints.production).toBe(
        'sequence:pet-profile',
      );
      const app = services.applications.create({ name: 'Profiles' });
      const { apiKey } = services.applications.generateApiKey(app.id, 'PRODUCTION');
      services.subscriptions.create({
        applicationId: app.id,
        apiId: 'PetStore-1.0.0',
        plan: 'Gold',
      });
      // Wait for a deployment whose bundle carries the sequence endpoint (it answers 200).
      let answer: { status: number; body: unknown } = { status: 0, body: null };
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const status = services.gateway.status();
        if (status.state === 'running' && status.revision !== before) {
          const response = await fetch(`${status.listeners[0]}/petstore/1.0.0/pets/7`, {
            headers: { apikey: apiKey },
          });
          answer = { status: response.status, body: await response.json() };
          if (answer.status === 200) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(answer).toEqual({ status: 200, body: { id: 7, name: 'Rex', owner: 'Ada' } });
      expect(pets.hits).toContain('/pets/7');
      const bundle = await services.gateway.admin('GET', '/admin/v1/bundle');
      expect(bundle?.body).toMatchObject({
        sequences: [{ name: 'pet-profile' }],
        apis: expect.arrayContaining([
          expect.objectContaining({
            id: 'petstore-1.0.0',
            endpoints: expect.objectContaining({
              production: { type: 'sequence', sequence: 'pet-profile' },
            }),
          }),
        ]),
      });
    },
  );
});

describe('a dry run that forwards send to a workspace API', () => {
  it(
    'maps the workspace API id to its bundle id, and names an unknown one',
    { timeout: 90_000 },
    async () => {
      const pets = await backend({ id: 7, name: 'Rex' });
      const { services } = await start();
      const running = await until(services, (s) => s.state === 'running' || s.state === 'error');
      expect(running.state, running.error ?? '').toBe('running');
      await redeployed(services, () =>
        services.workspace.updateApiSettings({
          id: 'PetStore-1.0.0',
          endpoints: { production: pets.url },
        }),
      );
      const document = {
        name: 'forward',
        steps: [{ type: 'setHeader', name: 'x-try', value: '1' }, { type: 'send' }],
      };
      const run = await services.sequences.try({
        document,
        request: { method: 'GET', path: '/pets/7' },
        apiId: 'PetStore-1.0.0',
      });
      expect(run.response).toMatchObject({ status: 200, body: { id: 7, name: 'Rex' } });
      expect(pets.hits).toEqual(['/pets/7']);
      await expect(
        services.sequences.try({
          document,
          request: { method: 'GET', path: '/' },
          apiId: 'Nope-1',
        }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('apiId: the workspace has no API "Nope-1"'),
      });
    },
  );
});
