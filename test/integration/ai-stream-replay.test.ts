/**
 * Every recorded provider stream (shared/fixtures/llm) replayed through the gateway
 * from a mock vendor, cut at seeded random chunk boundaries: the client receives the
 * vendor's bytes unchanged (less the usage chunk the gateway itself asked for), and
 * the analytics event carries exactly the vendor's figures. Also the non-streamed
 * JSON bodies, with their cost from a price table.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiUsage } from '../../gateway-runtime/src/index.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import {
  call,
  fixtureLines,
  frameSse,
  randomPieces,
  startMockVendor,
  writePieces,
  type MockVendor,
} from './helpers/mock-vendor.js';

const fixtures = new URL('../../../shared/fixtures/llm/', import.meta.url);
const fixture = (path: string) => new URL(path, fixtures);

interface Case {
  name: string;
  file: string;
  /** Client path under the gateway. */
  path: string;
  framing: 'data' | 'typed';
  /** OpenAI-style: the last line is the usage chunk, sent only when asked for. */
  usageChunkLast: boolean;
  ai: Omit<AiUsage, 'cost' | 'endpointIndex'>;
}

// The figures each vendor reported, read off the fixtures (see their README for the traps).
const cases: Case[] = [
  {
    name: 'OpenAI chat: usage in a final chunk with choices []',
    file: 'openai/openai-text.chunks.txt',
    path: '/openai/v1/chat/completions',
    framing: 'data',
    usageChunkLast: true,
    ai: {
      vendor: 'openai',
      model: 'gpt-4.1-nano-2025-04-14',
      promptTokens: 16,
      completionTokens: 300,
      totalTokens: 316,
      cachedTokens: 0,
      reasoningTokens: 0,
      estimated: false,
    },
  },
  {
    name: 'Azure chat (model router): usage-less first chunk, reasoning tokens',
    file: 'azure/azure-model-router.1.chunks.txt',
    path: '/azure/v1/chat/completions?api-version=2025-01-01-preview',
    framing: 'data',
    usageChunkLast: true,
    ai: {
      vendor: 'azure-openai',
      model: 'gpt-5-nano-2025-08-07',
      promptTokens: 15,
      completionTokens: 78,
      totalTokens: 93,
      cachedTokens: 0,
      reasoningTokens: 64,
      estimated: false,
    },
  },
  {
    name: 'Azure Responses API: usage only in response.completed',
    file: 'azure/azure-text.1.chunks.txt',
    path: '/azure/v1/responses',
    framing: 'typed',
    usageChunkLast: false,
    ai: {
      vendor: 'azure-openai',
      model: 'gpt-5.1',
      promptTokens: 11,
      completionTokens: 11,
      totalTokens: 22,
      cachedTokens: 0,
      reasoningTokens: 0,
      estimated: false,
    },
  },
  {
    name: 'Mistral: usage on the finish chunk',
    file: 'mistral/mistral-usage-raw-live.chunks.txt',
    path: '/mistral/v1/chat/completions',
    framing: 'data',
    usageChunkLast: false,
    ai: {
      vendor: 'mistral',
      model: 'mistral-small-latest',
      promptTokens: 19,
      completionTokens: 2,
      totalTokens: 21,
      cachedTokens: 0,
      reasoningTokens: null,
      estimated: false,
    },
  },
  {
    name: 'Anthropic: cumulative message_delta, not added to message_start',
    file: 'anthropic/anthropic-text.chunks.txt',
    path: '/anthropic/v1/messages',
    framing: 'typed',
    usageChunkLast: false,
    ai: {
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      promptTokens: 12,
      completionTokens: 30,
      totalTokens: 42,
      cachedTokens: 0,
      reasoningTokens: null,
      estimated: false,
    },
  },
  {
    name: 'Anthropic: input tokens revised in message_delta (43 → 61), ping between deltas',
    file: 'anthropic/anthropic-message-delta-input-tokens.chunks.txt',
    path: '/anthropic/v1/messages',
    framing: 'typed',
    usageChunkLast: false,
    ai: {
      vendor: 'anthropic',
      model: 'claude-opus-4-5-20251101',
      promptTokens: 61,
      completionTokens: 2,
      totalTokens: 63,
      cachedTokens: null,
      reasoningTokens: null,
      estimated: false,
    },
  },
  {
    name: 'Anthropic: prompt caching, input = input + cache creation + cache read',
    file: 'anthropic/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt',
    path: '/anthropic/v1/messages',
    framing: 'typed',
    usageChunkLast: false,
    // 6 + 3337 + 6289 prompt; 198 completion (not 69 + 198).
    ai: {
      vendor: 'anthropic',
      model: 'claude-sonnet-5',
      promptTokens: 9632,
      completionTokens: 198,
      totalTokens: 9830,
      cachedTokens: 6289,
      reasoningTokens: 0,
      estimated: false,
    },
  },
];

const seeds = [1, 2, 3];
const KEY = 'sk-vendor-secret';

let vendor: MockVendor;
let gw: TestGateway;

beforeAll(async () => {
  vendor = await startMockVendor(async (req, res) => {
    const file = req.headers['x-fixture'];
    if (typeof file !== 'string') return void res.writeHead(400).end();
    if (file.endsWith('.json')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(readFileSync(fixture(file)));
    }
    const spec = cases.find((c) => c.file === file);
    if (!spec) return void res.writeHead(404).end();
    let lines = fixtureLines(fixture(file));
    // A real OpenAI-style vendor sends the usage chunk only when asked.
    const asked =
      (req.json?.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    if (spec.usageChunkLast && !asked) lines = lines.slice(0, -1);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    await writePieces(
      res,
      randomPieces(frameSse(lines, spec.framing), Number(req.headers['x-seed'] ?? 1)),
    );
    res.end();
  });
  const ai = (context: string, endpoint: { vendor: string; url: string }) =>
    testApi(vendor.url, {
      id: context,
      context: `/${context}`,
      version: 'v1',
      isDefaultVersion: false,
      type: 'AI',
      operations: [],
      endpoints: { production: { type: 'ai', secretRef: 'vendor-key', ...endpoint } },
    });
  gw = await startGateway(
    testBundle(
      [
        ai('openai', { vendor: 'openai', url: `${vendor.url}/v1` }),
        ai('openai-priced', { vendor: 'priced-openai', url: `${vendor.url}/v1` }),
        ai('azure', { vendor: 'azure-openai', url: `${vendor.url}/openai/deployments/router` }),
        ai('mistral', { vendor: 'mistral', url: `${vendor.url}/v1` }),
        ai('anthropic', { vendor: 'anthropic', url: `${vendor.url}/v1` }),
        ai('anthropic-priced', { vendor: 'priced-anthropic', url: `${vendor.url}/v1` }),
      ],
      {
        aiVendors: [
          {
            name: 'priced-openai',
            type: 'openai',
            prices: [{ model: 'gpt-4.1-nano*', input: 0.1, cachedInput: 0.025, output: 0.4 }],
          },
          {
            name: 'priced-anthropic',
            type: 'anthropic',
            prices: [{ model: 'claude-sonnet-4-5*', input: 3, cachedInput: 0.3, output: 15 }],
          },
        ],
      },
    ),
  );
  gw.gateway.secrets.set('vendor-key', KEY);
});

afterAll(async () => {
  await gw?.close();
  await vendor?.close();
});

const chat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'requested-model',
    stream: true,
    messages: [{ role: 'user', content: 'Hello' }],
    ...extra,
  });

describe('streamed responses replayed through the gateway', () => {
  describe.each(cases)('$name', (c) => {
    const lines = () => fixtureLines(fixture(c.file));
    const clientVariants = c.usageChunkLast ? [false, true] : [false];

    it.each(seeds.flatMap((seed) => clientVariants.map((clientAsks) => ({ seed, clientAsks }))))(
      'seed $seed, client asks for usage: $clientAsks — same bytes, exact figures',
      async ({ seed, clientAsks }) => {
        const before = vendor.requests.length;
        const res = await call(gw.url, c.path, {
          headers: {
            apikey: keys.production,
            'content-type': 'application/json',
            'x-fixture': c.file,
            'x-seed': String(seed),
            authorization: 'Bearer meant-for-portico',
          },
          body: chat(clientAsks ? { stream_options: { include_usage: true } } : {}),
        });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        // The client gets what it would have got from the vendor asking the way it asked.
        const expected = frameSse(
          c.usageChunkLast && !clientAsks ? lines().slice(0, -1) : lines(),
          c.framing,
        );
        expect(res.body.length).toBe(expected.length);
        expect(res.text()).toBe(expected.toString('utf8'));

        const seen = vendor.requests[before];
        expect(
          seen?.headers.authorization === `Bearer ${KEY}` ||
            seen?.headers['api-key'] === KEY ||
            seen?.headers['x-api-key'] === KEY,
        ).toBe(true);
        if (c.usageChunkLast) expect(seen?.json?.stream_options).toEqual({ include_usage: true });
        else expect(seen?.json?.stream_options).toBeUndefined();

        const event = await gw.eventFor(res.headers['x-request-id']);
        expect(event.status).toBe(200);
        expect(event.ai).toEqual({ ...c.ai, cost: null, endpointIndex: 0 });
      },
    );
  });

  it('puts the vendor cost from the price table on the event', async () => {
    const res = await call(gw.url, '/openai-priced/v1/chat/completions', {
      headers: { apikey: keys.production, 'x-fixture': 'openai/openai-text.chunks.txt' },
      body: chat(),
    });
    expect(res.status).toBe(200);
    const event = await gw.eventFor(res.headers['x-request-id']);
    // 16 prompt (0 cached) at 0.1, 300 completion at 0.4, per million.
    expect(event.ai?.cost).toBeCloseTo((16 * 0.1 + 300 * 0.4) / 1e6, 12);
    expect(event.ai?.vendor).toBe('priced-openai');
  });
});

describe('JSON responses', () => {
  it('reads OpenAI usage from the body and forwards the body unchanged', async () => {
    const res = await call(gw.url, '/openai/v1/chat/completions', {
      headers: { apikey: keys.production, 'x-fixture': 'openai/openai-text.json' },
      body: JSON.stringify({
        model: 'gpt-4.1-nano',
        messages: [{ role: 'user', content: 'Invent a holiday' }],
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.equals(readFileSync(fixture('openai/openai-text.json')))).toBe(true);
    expect(vendor.requests.at(-1)?.json?.stream_options).toBeUndefined();
    expect((await gw.eventFor(res.headers['x-request-id'])).ai).toEqual({
      vendor: 'openai',
      model: 'gpt-4.1-nano-2025-04-14',
      promptTokens: 16,
      completionTokens: 363,
      totalTokens: 379,
      cachedTokens: 0,
      reasoningTokens: 0,
      estimated: false,
      cost: null,
      endpointIndex: 0,
    });
  });

  it('reads Anthropic usage from the body, with its cost', async () => {
    const res = await call(gw.url, '/anthropic-priced/v1/messages', {
      headers: { apikey: keys.production, 'x-fixture': 'anthropic/anthropic-text.json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'How are you?' }],
      }),
    });
    expect(res.status).toBe(200);
    const event = await gw.eventFor(res.headers['x-request-id']);
    expect(event.ai).toMatchObject({
      vendor: 'priced-anthropic',
      model: 'claude-sonnet-4-5-20250929',
      promptTokens: 12,
      completionTokens: 29,
      totalTokens: 41,
      cachedTokens: 0,
      estimated: false,
    });
    expect(event.ai?.cost).toBeCloseTo((12 * 3 + 29 * 15) / 1e6, 12);
  });

  it('groups the summary by model and by vendor with tokens and vendor cost', async () => {
    const summary = gw.gateway.analytics.summary({ groupBy: 'vendor' });
    const openai = summary.rows.find((r) => r.key === 'openai');
    // Every openai call above: 6 streams of 16/300 and one JSON body of 16/363.
    expect(openai).toMatchObject({
      requests: 7,
      promptTokens: 7 * 16,
      completionTokens: 6 * 300 + 363,
      totalTokens: 6 * 316 + 379,
      estimated: 0,
    });
    const byModel = gw.gateway.analytics.summary({ groupBy: 'model' });
    expect(byModel.rows.find((r) => r.key === 'claude-sonnet-5')).toMatchObject({
      promptTokens: 3 * 9632,
      cachedTokens: 3 * 6289,
    });
    expect(summary.rows.find((r) => r.key === 'priced-anthropic')?.aiCost).toBeCloseTo(
      (12 * 3 + 29 * 15) / 1e6,
      9,
    );
  });
});
