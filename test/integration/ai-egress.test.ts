/**
 * The AI endpoint's edges: where the vendor key goes and which client credentials
 * never reach the vendor, Azure's deployment URL, a vendor that reports no usage
 * (estimated), a client that leaves mid-stream (estimated, upstream aborted, no
 * crash), a missing key secret and an oversized body.
 */
import { request } from 'node:http';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { deferred, within } from './helpers/backend.js';
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
const openAiLines = () => fixtureLines(new URL('openai/openai-text.chunks.txt', fixtures));
const KEY = 'sk-vendor-secret';
const abort = { vendorSawClose: deferred() };

let vendor: MockVendor;
let gw: TestGateway;

beforeAll(async () => {
  vendor = await startMockVendor(async (req, res) => {
    const mode = req.headers['x-mode'];
    if (mode === 'json-no-model') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          choices: [{ message: { content: 'hi' } }],
          usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
        }),
      );
    }
    if (mode === 'no-usage') {
      // A server that ignores stream_options: the stream ends without a usage chunk.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      await writePieces(res, randomPieces(frameSse(openAiLines().slice(0, -1), 'data'), 7));
      return void res.end();
    }
    if (mode === 'half-then-hang') {
      res.once('close', () => abort.vendorSawClose.resolve());
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      await writePieces(res, [
        frameSse(openAiLines().slice(0, 150), 'data').subarray(0, -'data: [DONE]\n\n'.length),
      ]);
      return; // never ends: the client leaves first
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ model: 'm', usage: { input_tokens: 1, output_tokens: 1 } }));
  });
  const ai = (
    id: string,
    endpoint: { vendor: string; url: string; secretRef?: string },
    extra = {},
  ) =>
    testApi(vendor.url, {
      id,
      context: `/${id}`,
      version: 'v1',
      isDefaultVersion: false,
      type: 'AI',
      operations: [],
      endpoints: { production: { type: 'ai', secretRef: 'vendor-key', ...endpoint } },
      ...extra,
    });
  gw = await startGateway(
    testBundle([
      ai('azure', {
        vendor: 'azure-openai',
        url: `${vendor.url}/openai/deployments/my-deploy?api-version=2024-10-21`,
      }),
      ai('anthropic', { vendor: 'anthropic', url: `${vendor.url}/v1` }),
      ai('compat', { vendor: 'openai-compatible', url: `${vendor.url}/v1` }),
      ai('nokey', { vendor: 'openai', url: `${vendor.url}/v1`, secretRef: 'never-set' }),
      ai('small', { vendor: 'openai', url: `${vendor.url}/v1` }, { maxRequestBodyBytes: 64 }),
    ]),
  );
  gw.gateway.secrets.set('vendor-key', KEY);
});

afterAll(async () => {
  await gw?.close();
  await vendor?.close();
});

describe('AI endpoint requests', () => {
  it('calls Azure at url + path + query with the key in api-key, never the client’s credentials', async () => {
    const res = await call(gw.url, '/azure/v1/chat/completions?trace=1', {
      headers: {
        apikey: keys.production,
        authorization: 'Bearer client-token',
        'api-key': 'client-guess',
        'x-api-key': 'client-guess',
        'accept-encoding': 'gzip, br',
        'x-mode': 'json-no-model',
      },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    const seen = vendor.requests.at(-1);
    expect(seen?.url).toBe(
      '/openai/deployments/my-deploy/chat/completions?api-version=2024-10-21&trace=1',
    );
    expect(seen?.headers['api-key']).toBe(KEY);
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.headers['x-api-key']).toBeUndefined();
    expect(seen?.headers.apikey).toBeUndefined();
    expect(seen?.headers['accept-encoding']).toBe('identity');
    // No model in the body or the response: the deployment named in the URL is the model.
    expect((await gw.eventFor(res.headers['x-request-id'])).ai).toMatchObject({
      vendor: 'azure-openai',
      model: 'my-deploy',
      promptTokens: 5,
      completionTokens: 1,
      totalTokens: 6,
    });
  });

  it('sends Anthropic its key in x-api-key and an anthropic-version unless the client set one', async () => {
    const headers = {
      apikey: keys.production,
      authorization: 'Bearer client-token',
      'x-api-key': 'client-guess',
      'anthropic-beta': 'tools-2024-04-04',
    };
    await call(gw.url, '/anthropic/v1/messages', { headers, body: '{}' });
    let seen = vendor.requests.at(-1);
    expect(seen?.url).toBe('/v1/messages');
    expect(seen?.headers['x-api-key']).toBe(KEY);
    expect(seen?.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen?.headers['anthropic-beta']).toBe('tools-2024-04-04');
    expect(seen?.headers.authorization).toBeUndefined();
    await call(gw.url, '/anthropic/v1/messages', {
      headers: { ...headers, 'anthropic-version': '2024-01-01' },
      body: '{}',
    });
    seen = vendor.requests.at(-1);
    expect(seen?.headers['anthropic-version']).toBe('2024-01-01');
  });

  it('answers 502 naming the secret when the vendor key was never set', async () => {
    const before = vendor.requests.length;
    const res = await call(gw.url, '/nokey/v1/chat/completions', {
      headers: { apikey: keys.production },
      body: '{}',
    });
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({
      code: 'BACKEND_UNREACHABLE',
      description: expect.stringContaining('never-set'),
    });
    expect(vendor.requests.length).toBe(before);
  });

  it('answers 413 for a body over the API limit', async () => {
    const res = await call(gw.url, '/small/v1/chat/completions', {
      headers: { apikey: keys.production },
      body: JSON.stringify({ text: 'x'.repeat(100) }),
    });
    expect(res.status).toBe(413);
  });
});

describe('usage the vendor does not report', () => {
  it('estimates with the tokenizer when the server omits usage, and marks the event', async () => {
    const res = await call(gw.url, '/compat/v1/chat/completions', {
      headers: { apikey: keys.production, 'x-mode': 'no-usage' },
      body: JSON.stringify({
        model: 'local-llama',
        stream: true,
        messages: [{ role: 'user', content: 'Invent a holiday and describe its traditions.' }],
      }),
    });
    expect(res.status).toBe(200);
    // Nothing to strip: the client gets the server's stream as it was.
    expect(res.text()).toBe(frameSse(openAiLines().slice(0, -1), 'data').toString('utf8'));
    expect(vendor.requests.at(-1)?.json?.stream_options).toEqual({ include_usage: true });
    const text = openAiLines()
      .map(
        (l) =>
          (JSON.parse(l) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta
            ?.content ?? '',
      )
      .join('');
    const prompt = countTokens('Invent a holiday and describe its traditions.');
    expect((await gw.eventFor(res.headers['x-request-id'])).ai).toEqual({
      vendor: 'openai-compatible',
      model: 'gpt-4.1-nano-2025-04-14',
      promptTokens: prompt,
      completionTokens: countTokens(text),
      totalTokens: prompt + countTokens(text),
      cachedTokens: null,
      reasoningTokens: null,
      estimated: true,
      cost: null,
      endpointIndex: 0,
    });
  });

  it('estimates when the client leaves mid-stream, aborts the vendor call and keeps serving', async () => {
    const gotSome = deferred<string | string[] | undefined>();
    const req = request(`${gw.url}/compat/v1/chat/completions`, {
      method: 'POST',
      headers: { apikey: keys.production, 'x-mode': 'half-then-hang' },
    });
    req.on('error', () => undefined);
    req.on('response', (res) => {
      let bytes = 0;
      res.on('error', () => undefined);
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes > 10_000) gotSome.resolve(res.headers['x-request-id']);
      });
    });
    req.end(
      JSON.stringify({
        model: 'm',
        stream: true,
        messages: [{ role: 'user', content: 'Hello there' }],
      }),
    );
    const requestId = await within(gotSome.promise, 10_000, 'the stream never started');
    req.destroy();
    await within(abort.vendorSawClose.promise, 10_000, 'the vendor call was not aborted');
    const event = await gw.eventFor(requestId);
    expect(event.status).toBe(499);
    expect(event.ai?.estimated).toBe(true);
    expect(event.ai?.promptTokens).toBe(countTokens('Hello there'));
    expect(event.ai?.completionTokens).toBeGreaterThan(0);
    expect(event.ai?.completionTokens).toBeLessThan(300);
    expect(event.ai?.totalTokens).toBe(
      (event.ai?.promptTokens ?? 0) + (event.ai?.completionTokens ?? 0),
    );
    const next = await call(gw.url, '/azure/v1/chat/completions', {
      headers: { apikey: keys.production, 'x-mode': 'json-no-model' },
      body: '{}',
    });
    expect(next.status).toBe(200);
  });
});
