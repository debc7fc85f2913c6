import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseApiYaml } from '../workspace/api-yaml.js';
import { aiConfigOf, aiEndpointsOf } from './ai-api.js';
import { AiVendorsService, validatePrices } from './ai-vendors-service.js';

const fixture = (name: string) =>
  readFile(new URL(`../../../test/fixtures/ai/${name}`, import.meta.url), 'utf8');

let root: string;
let secrets: Map<string, string>;
let pushed: [string, string][];
let service: AiVendorsService;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'portico-ai-vendors-'));
  secrets = new Map();
  pushed = [];
  service = new AiVendorsService({
    root: () => root,
    apis: () => [],
    secrets: { set: (n, v) => void secrets.set(n, v), get: (n) => secrets.get(n) },
    gateway: {
      putSecret: async (n, v) => {
        pushed.push([n, v]);
        return true;
      },
    },
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('AiVendorsService', () => {
  it('saves a vendor as ai-vendors/<name>.yaml and lists it beside the built-ins', async () => {
    const saved = await service.save({
      name: 'acme-llm',
      type: 'custom',
      auth: { header: 'X-Acme-Key', prefix: 'Key ' },
      usage: { promptTokens: { from: 'body', path: 'meter.in' } },
    });
    expect(saved.file).toBe('ai-vendors/acme-llm.yaml');
    const onDisk = await readFile(join(root, 'ai-vendors/acme-llm.yaml'), 'utf8');
    expect(onDisk).toBe(saved.content);
    expect(onDisk).toContain('header: x-acme-key');
    const listing = await service.list();
    expect(listing.vendors.map((v) => v.vendor.name)).toEqual(['acme-llm']);
    expect(listing.builtIns.map((b) => b.type)).toEqual([
      'openai',
      'azure-openai',
      'mistral',
      'anthropic',
      'openai-compatible',
    ]);
    expect(listing.builtIns[0]?.vendor.auth).toEqual({
      header: 'authorization',
      prefix: 'Bearer ',
    });
  });

  it('refuses an invalid vendor without writing, and a new name that exists', async () => {
    await expect(service.save({ name: 'x', type: 'nope' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('type: must be one of'),
    });
    await expect(readFile(join(root, 'ai-vendors/x.yaml'))).rejects.toThrow();
    await service.save({ name: 'openai', type: 'openai' });
    await expect(service.save({ name: 'openai', type: 'openai' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('renames: the old file goes once the new one is written', async () => {
    await service.save({ name: 'a', type: 'mistral' });
    await service.save({ name: 'b', type: 'mistral' }, 'a');
    expect((await service.list()).vendors.map((v) => v.vendor.name)).toEqual(['b']);
  });

  it('lists files that do not read as problems, with the field', async () => {
    await mkdir(join(root, 'ai-vendors'));
    await writeFile(join(root, 'ai-vendors/broken.yaml'), 'name: other\ntype: openai\n');
    await writeFile(join(root, 'ai-vendors/bad.yaml'), 'name: bad\ntype: gpt\n');
    const { problems, vendors } = await service.list();
    expect(vendors).toEqual([]);
    expect(problems).toEqual([
      { path: 'ai-vendors/bad.yaml', message: expect.stringContaining('type: must be one of') },
      { path: 'ai-vendors/broken.yaml', message: 'name: must be "broken", the file\'s name' },
    ]);
  });

  it('sets a built-in vendor price table as an override file holding only the prices', async () => {
    const saved = await service.savePrices('openai', [
      { model: 'gpt-4o-mini', input: 0.15, cachedInput: 0.075, output: 0.6 },
    ]);
    expect(saved.content).toBe(
      'name: openai\ntype: openai\nprices:\n  - model: gpt-4o-mini\n    input: 0.15\n    cachedInput: 0.075\n    output: 0.6\n',
    );
    const custom = await service.save({
      name: 'acme',
      type: 'custom',
      auth: { header: 'x-key' },
      usage: { totalTokens: { from: 'body', path: 'n' } },
    });
    const priced = await service.savePrices('acme', [{ model: 'a*', input: 1, output: 2 }]);
    expect(priced.vendor).toEqual({
      ...custom.vendor,
      prices: [{ model: 'a*', input: 1, output: 2 }],
    });
    await expect(service.savePrices('nobody', [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores a vendor key and sends it to the gateway, never to the workspace', async () => {
    expect(await service.setSecret('acme-key', 'sk-123')).toEqual({ sentToGateway: true });
    expect(secrets.get('acme-key')).toBe('sk-123');
    expect(pushed).toEqual([['acme-key', 'sk-123']]);
    await expect(service.setSecret('bad key', 'x')).rejects.toMatchObject({
      message: expect.stringContaining('name: must be 1-200'),
    });
  });

  it('creates an AI API from a vendor with the vendor OpenAPI as its definition', async () => {
    await writeFile(join(root, 'portico.yaml'), 'name: t\n');
    await service.save({ name: 'openai', type: 'openai' });
    const created = await service.createApi({
      name: 'Chat',
      version: 'v1',
      vendor: 'openai',
      endpointUrl: 'https://api.openai.com/v1',
      secretRef: 'openai-key',
      secretValue: 'sk-live',
      definition: { content: await fixture('openai-trimmed.yaml'), fileName: 'openai.yaml' },
    });
    expect(created).toMatchObject({ id: 'Chat-v1', context: '/chat', operationCount: 4 });
    const text = await readFile(join(root, 'apis/Chat-v1/api.yaml'), 'utf8');
    expect(text).not.toContain('sk-live');
    const parsed = parseApiYaml(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(aiConfigOf(parsed.value.data)).toEqual({ vendor: 'openai', secretRef: 'openai-key' });
    expect(aiEndpointsOf(parsed.value.data)).toEqual({
      production: {
        type: 'ai',
        vendor: 'openai',
        url: 'https://api.openai.com/v1',
        secretRef: 'openai-key',
        timeoutMs: 120_000,
      },
    });
    expect(secrets.get('openai-key')).toBe('sk-live');
    const definition = await readFile(join(root, 'apis/Chat-v1/Definitions/swagger.yaml'), 'utf8');
    expect(definition).toContain('/chat/completions');
  });

  it('refuses an AI API toward an unknown vendor or a non-http URL, naming the field', async () => {
    const base = { name: 'X', version: 'v1', vendor: 'nobody', endpointUrl: 'https://x' };
    await expect(service.createApi(base)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^vendor: "nobody" is not a vendor of this workspace; must be one of openai/,
      ),
    });
    await expect(
      service.createApi({ ...base, vendor: 'openai', endpointUrl: 'ftp://x' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^endpointUrl: must be an absolute http/),
    });
  });
});

describe('validatePrices', () => {
  it('accepts non-negative prices and names every bad entry', () => {
    expect(validatePrices([{ model: 'm', input: 0, output: 0 }])).toEqual([
      { model: 'm', input: 0, output: 0 },
    ]);
    expect(() =>
      validatePrices([
        { model: 'm', input: -1, output: 'x' },
        { model: '', input: 1, output: 1 },
        { model: 'a', input: 1, output: 1 },
        { model: 'a', input: 1, output: 1 },
      ]),
    ).toThrow(
      /prices\[0\]\.input: must be 0 or more.*prices\[0\]\.output: must be a number.*prices\[1\]\.model: must be a non-empty string.*prices\[3\]\.model: "a" is listed twice/,
    );
    expect(() => validatePrices('x')).toThrow('prices: must be a list');
  });
});
