/**
 * The studio side of AI egress, end to end: a custom vendor file and an edited price
 * table in a workspace, an AI API created from that vendor with its key sent to the
 * gateway's secret store, the bundle the studio builds from all of it deployed to a
 * real gateway, and a streamed call through it to a mock vendor. The analytics event
 * must carry the custom vendor's token figures (read from its declared paths and
 * header) and the cost from the edited price table.
 */
import { mkdtemp, readFile, rm, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway-runtime/src/index.js';
import {
  ADMIN_TOKEN,
  startGateway,
  type TestGateway,
} from '../../gateway-runtime/test-support/gateway.js';
import { AiVendorsService } from '../../main/services/ai-vendors/ai-vendors-service.js';
import { localGatewaySecrets, withAiVendors } from '../../main/services/ai-vendors/wiring.js';
import { buildBundle, type BundleAccess } from '../../main/services/bundle-builder.js';
import { deployBundle } from '../../main/services/gateway-deploy.js';
import { memoryRecent } from '../../main/services/workspace/testing.js';
import { WorkspaceService } from '../../main/services/workspace/workspace-service.js';
import {
  call,
  randomPieces,
  startMockVendor,
  writePieces,
  type MockVendor,
} from './helpers/mock-vendor.js';

const fixtures = new URL('../fixtures/ai/', import.meta.url);
const API_KEY = 'studio-ai-app-key';

/** The custom vendor's stream: text events with the responding model, then its meter event. */
const stream = Buffer.from(
  [
    ...['Hel', 'lo', ' from', ' Acme'].map(
      (text) => `data: ${JSON.stringify({ result: { model: 'acme-1-2025' }, text })}\n\n`,
    ),
    `data: ${JSON.stringify({ meter: { in: 12, out: 30, sum: 42, cached: 4 } })}\n\n`,
    'data: [DONE]\n\n',
  ].join(''),
  'utf8',
);

let root: string;
let vendor: MockVendor;
let gw: TestGateway;
let workspace: WorkspaceService;
let aiVendors: AiVendorsService;
const secrets = new Map<string, string>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'portico-studio-ai-'));
  vendor = await startMockVendor(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-acme-reasoning': '7' });
    await writePieces(res, randomPieces(stream, 11));
    res.end();
  });
  gw = await startGateway({
    apiVersion: 'portico/v1',
    kind: 'GatewayBundle',
    revision: 'empty',
    apis: [],
  });
  workspace = new WorkspaceService({
    recent: memoryRecent(),
    sampleSource: root,
    log: () => undefined,
  });
  await workspace.create(join(root, 'ws'), { sample: false });
  aiVendors = new AiVendorsService({
    root: () => workspace.current()?.root ?? null,
    apis: () => workspace.apiRecords(),
    secrets: { set: (n, v) => void secrets.set(n, v), get: (n) => secrets.get(n) },
    gateway: localGatewaySecrets(async (method, path, body) => {
      const res = await gw.adminFetch(path, { method, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json().catch(() => null) };
    }),
  });
});

afterAll(async () => {
  await workspace?.close();
  await gw?.close();
  await vendor?.close();
  await rm(root, { recursive: true, force: true });
});

describe('AI vendors from the studio to the gateway', () => {
  it('meters a streamed call with the custom vendor file and prices it from the edited table', async () => {
    const wsRoot = join(root, 'ws');
    // A custom vendor file as a user commits it, then its price edited in the studio.
    await mkdir(join(wsRoot, 'ai-vendors'), { recursive: true });
    await copyFile(new URL('acme-llm.yaml', fixtures), join(wsRoot, 'ai-vendors/acme-llm.yaml'));
    const edited = await aiVendors.savePrices('acme-llm', [
      { model: 'acme-1*', input: 3, cachedInput: 1, output: 10 },
    ]);
    expect(await readFile(join(wsRoot, 'ai-vendors/acme-llm.yaml'), 'utf8')).toBe(edited.content);

    const created = await aiVendors.createApi({
      name: 'Acme',
      version: 'v1',
      vendor: 'acme-llm',
      endpointUrl: `${vendor.url}/v1`,
      secretRef: 'acme-key',
      secretValue: 'sk-acme-secret',
      definition: {
        content: await readFile(new URL('openai-trimmed.yaml', fixtures), 'utf8'),
        fileName: 'openai.yaml',
      },
    });
    expect(created.operationCount).toBe(4);
    expect(secrets.get('acme-key')).toBe('sk-acme-secret');
    await workspace.open(wsRoot);

    // The bundle exactly as the local gateway host builds it: access snapshot plus vendor files.
    const access: BundleAccess = {
      applications: [
        {
          id: 'app-1',
          name: 'App',
          keys: [{ keyType: 'PRODUCTION', apiKeyHashes: [hashApiKey(API_KEY)] }],
        },
      ],
      subscriptions: [
        {
          id: 'sub-1',
          applicationId: 'app-1',
          apiId: 'Acme-v1',
          plan: 'Gold',
          status: 'UNBLOCKED',
        },
      ],
      keyManagers: [],
      policies: {
        subscription: [{ name: 'Gold', limit: { requests: 100, unitTime: 1, timeUnit: 'min' } }],
        application: [],
        api: [],
      },
    };
    const source = withAiVendors(
      { snapshot: async () => access, onChanged: () => () => undefined },
      aiVendors,
    );
    const built = buildBundle(workspace.apiRecords(), await source.snapshot());
    if (!built.ok) throw new Error(built.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    const api = built.bundle.apis.find((a) => a.name === 'Acme');
    expect(api?.type).toBe('AI');
    expect(api?.endpoints.production).toMatchObject({
      type: 'ai',
      vendor: 'acme-llm',
      secretRef: 'acme-key',
    });
    expect(built.bundle.aiVendors.map((v) => v.name)).toEqual(['acme-llm']);
    const deployed = await deployBundle(
      fetch,
      { adminUrl: gw.admin, token: ADMIN_TOKEN },
      built.bundle,
      workspace.apiRecords(),
    );
    expect(deployed).toEqual({ ok: true });

    const res = await call(gw.url, '/acme/v1/chat/completions', {
      headers: { apikey: API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'acme-1',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.equals(stream)).toBe(true);
    expect(vendor.requests.at(-1)?.headers['x-acme-key']).toBe('Key sk-acme-secret');
    expect(vendor.requests.at(-1)?.url).toBe('/v1/chat/completions');

    const event = await gw.eventFor(res.headers['x-request-id']);
    expect(event.ai).toMatchObject({
      vendor: 'acme-llm',
      model: 'acme-1-2025',
      promptTokens: 12,
      completionTokens: 30,
      totalTokens: 42,
      cachedTokens: 4,
      reasoningTokens: 7,
      estimated: false,
    });
    // (12 - 4) x 3 + 4 x 1 + 30 x 10 per million tokens, from the edited table.
    expect(event.ai?.cost).toBeCloseTo((8 * 3 + 4 * 1 + 30 * 10) / 1e6, 12);
  });
});
