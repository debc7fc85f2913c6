import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCase } from '../../ipc/contract-console.js';
import {
  deleteTestCase,
  listTestCases,
  saveTestCase,
  serializeTestCase,
} from './test-case-files.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const sample: TestCase = {
  name: 'list-pets',
  request: {
    keyType: 'PRODUCTION',
    credentials: { type: 'apiKey', applicationId: 'app-1' },
    body: null,
    headers: [],
    query: [{ value: '2', name: 'limit' }],
    path: '/pets',
    method: 'GET',
  },
  assertions: [
    { matches: 'json', name: 'content-type', type: 'header' },
    { type: 'status', equals: 200 },
    { equals: 'Rex', path: '/0/name', type: 'body' },
  ],
};

describe('test case files', () => {
  it('writes keys in a fixed order, byte-identical on rewrite', async () => {
    const text = serializeTestCase(sample);
    expect(text).toBe(`name: list-pets
request:
  method: GET
  path: /pets
  query:
    - name: limit
      value: "2"
  headers: []
  body: null
  credentials:
    type: apiKey
    applicationId: app-1
  keyType: PRODUCTION
assertions:
  - type: header
    name: content-type
    matches: json
  - type: status
    equals: 200
  - type: body
    path: /0/name
    equals: Rex
`);
    const root = await mkdtemp(join(tmpdir(), 'portico-cases-'));
    dirs.push(root);
    const saved = await saveTestCase(root, 'PetStore-1.0.0', sample);
    const file = join(root, 'apis/PetStore-1.0.0/tests/list-pets.yaml');
    expect(await readFile(file, 'utf8')).toBe(text);
    await saveTestCase(root, 'PetStore-1.0.0', saved);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await listTestCases(root, 'PetStore-1.0.0')).toEqual([saved]);
    await deleteTestCase(root, 'PetStore-1.0.0', 'list-pets');
    expect(await listTestCases(root, 'PetStore-1.0.0')).toEqual([]);
    await expect(deleteTestCase(root, 'PetStore-1.0.0', 'list-pets')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses pasted keys and bad names, and names the field of a broken file', async () => {
    expect(() =>
      serializeTestCase({
        ...sample,
        request: { ...sample.request, credentials: { type: 'apiKey', key: 'secret' } },
      }),
    ).toThrow(/pasted API key is not saved/);
    expect(() => serializeTestCase({ ...sample, name: '../escape' })).toThrow(/name: letters/);
    const root = await mkdtemp(join(tmpdir(), 'portico-cases-'));
    dirs.push(root);
    await mkdir(join(root, 'apis/A-1/tests'), { recursive: true });
    await writeFile(
      join(root, 'apis/A-1/tests/bad.yaml'),
      'name: bad\nrequest: { method: GET, path: pets }\nassertions: []\n',
    );
    await expect(listTestCases(root, 'A-1')).rejects.toThrow(
      /apis\/A-1\/tests\/bad.yaml: request.path/,
    );
  });
});
