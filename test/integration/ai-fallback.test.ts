/**
 * Fallbacks of AI endpoints: a primary that answers 429 or 5xx, is unreachable,
 * times out before its headers or stalls before its first byte is replaced by the
 * next endpoint (with its own vendor, key and pinned model), and analytics say which
 * one served; a stream that has started is never retried. Backend limits of an
 * endpoint skip it once its token budget is spent, and answer 429 when nothing is left.
 */
import { request, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSpecInput } from '../../gateway-runtime/src/index.js';
import { keys, testApi, testBundle } from '../../gateway-runtime/test-support/bundles.js';
import { startGateway, type TestGateway } from '../../gateway-runtime/test-support/gateway.js';
import { closedPort, deferred } from './helpers/backend.js';
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
const mistralStream = () =>
  frameSse(fixtureLines(new URL('mistral/mistral-usage-raw-live.chunks.txt', fixtures)), 'data');
const midStream = { clientGotBytes: deferred() };
/** The first ten events of the OpenAI stream: what the client gets before the vendor dies. */
const firstEvents = () =>
  frameSse(
    fixtureLines(new URL('openai/openai-text.chunks.txt', fixtures)).slice(0, 10),
    'data',
  ).subarray(0, -'data: [DONE]\n\n'.length);

type AiInput = Extract<NonNullable<ApiSpecInput['endpoints']['production']>, { type: 'ai' }>;

let vendor: MockVendor;
let gw: TestGateway;

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  vendor = await startMockVendor(async (req, res) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/p429/'))
      return json(res, 429, { error: { message: 'rate limited' } }, { 'retry-after': '7' });
    if (path.startsWith('/p503/')) return json(res, 503, { error: { message: 'overloaded' } });
    if (path.startsWith('/hang/')) return void res.once('close', () => undefined); // never answers
    if (path.startsWith('/stall/')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      return; // headers, then nothing
    }
    if (path.startsWith('/cut/')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      await writePieces(res, [firstEvents()]);
      await midStream.clientGotBytes.promise;
      return void res.destroy();
    }
    if (path.startsWith('/usage/')) {
      return json(res, 200, {
        model: 'gpt-4.1-nano',
        usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
      });
    }
    // `/ok/`: a Mistral stream.
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    await writePieces(res, randomPieces(mistralStream(), 5));
    res.end();
  });
  const dead = await closedPort();
  const fallback = {
    type: 'ai' as const,
    vendor: 'mistral',
    url: `${vendor.url}/ok`,
    secretRef: 'mistral-key',
    model: 'mistral-small-latest',
  };
  const ai = (id: string, production: Partial<AiInput>, sandbox?: Partial<AiInput>) =>
    testApi(vendor.url, {
      id,
      context: `/${id}`,
      version: 'v1',
      isDefaultVersion: false,
      type: 'AI',
      operations: [],
      endpoints: {
        production: {
          type: 'ai',
          vendor: 'openai',
          secretRef: 'openai-key',
          url: '',
          ...production,
        },
        ...(sandbox && {
          sandbox: { type: 'ai', vendor: 'openai', secretRef: 'openai-key', url: '', ...sandbox },
        }),
      },
    });
  gw = await startGateway(
    testBundle([
      ai('on429', { url: `${vendor.url}/p429`, fallbacks: [fallback] }),
      ai('on503', { url: `${vendor.url}/p503`, fallbacks: [fallback] }),
      ai('ondead', { url: `http://127.0.0.1:${dead}`, fallbacks: [fallback] }),
      ai('ontimeout', { url: `${vendor.url}/hang`, timeoutMs: 300, fallbacks: [fallback] }),
      ai('onstall', { url: `${vendor.url}/stall`, timeoutMs: 300, fallbacks: [fallback] }),
      ai('midstream', { url: `${vendor.url}/cut`, fallbacks: [fallback] }),
      ai('alone', { url: `${vendor.url}/p429` }),
      ai(
        'budget',
        {
          url: `${vendor.url}/usage`,
          limit: { requests: 1000, unitTime: 1, timeUnit: 'hour' },
          tokens: { total: 300 },
          fallbacks: [fallback],
        },
        {
          url: `${vendor.url}/usage`,
          limit: { requests: 1000, unitTime: 1, timeUnit: 'hour' },
          tokens: { total: 300 },
        },
      ),
    ]),
  );
  gw.gateway.secrets.set('openai-key', 'sk-openai');
  gw.gateway.secrets.set('mistral-key', 'sk-mistral');
});

afterAll(async () => {
  await gw?.close();
  await vendor?.close();
});

const body = JSON.stringify({
  model: 'gpt-4o',
  stream: true,
  messages: [{ role: 'user', content: 'Say OK' }],
});

describe('AI fallbacks', () => {
  it.each(['on429', 'on503', 'ondead', 'ontimeout', 'onstall'])(
    '%s: the fallback serves, with its own key and pinned model',
    async (api) => {
      const before = vendor.requests.length;
      const res = await call(gw.url, `/${api}/v1/chat/completions`, {
        headers: { apikey: keys.production },
        body,
      });
      expect(res.status).toBe(200);
      expect(res.text()).toBe(mistralStream().toString('utf8'));
      const toFallback = vendor.requests.slice(before).find((r) => r.url.startsWith('/ok/'));
      expect(toFallback?.headers.authorization).toBe('Bearer sk-mistral');
      expect(toFallback?.json?.model).toBe('mistral-small-latest');
      // Mistral reports usage itself: nothing to ask for.
      expect(toFallback?.json?.stream_options).toBeUndefined();
      const event = await gw.eventFor(res.headers['x-request-id']);
      expect(event.ai).toMatchObject({
        vendor: 'mistral',
        endpointIndex: 1,
        promptTokens: 19,
        completionTokens: 2,
        totalTokens: 21,
        estimated: false,
      });
    },
  );

  it('asked the primary as the client asked, before falling over', async () => {
    const before = vendor.requests.length;
    await call(gw.url, '/on429/v1/chat/completions', {
      headers: { apikey: keys.production },
      body,
    });
    const primary = vendor.requests[before];
    expect(primary?.url).toBe('/p429/chat/completions');
    expect(primary?.headers.authorization).toBe('Bearer sk-openai');
    expect(primary?.json).toMatchObject({
      model: 'gpt-4o',
      stream_options: { include_usage: true },
    });
  });

  it('forwards the vendor’s own 429 when no fallback is left', async () => {
    const res = await call(gw.url, '/alone/v1/chat/completions', {
      headers: { apikey: keys.production },
      body,
    });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toEqual({ error: { message: 'rate limited' } });
    expect((await gw.eventFor(res.headers['x-request-id'])).ai).toMatchObject({
      vendor: 'openai',
      model: 'gpt-4o',
      totalTokens: null,
      endpointIndex: 0,
    });
  });

  it('never retries a stream that has started: the client’s connection is cut', async () => {
    const before = vendor.requests.length;
    const outcome = await new Promise<{
      bytes: number;
      requestId: string | string[] | undefined;
      cut: boolean;
    }>((resolve) => {
      const req = request(
        `${gw.url}/midstream/v1/chat/completions`,
        { method: 'POST', headers: { apikey: keys.production } },
        (res) => {
          let bytes = 0;
          const done = (cut: boolean) =>
            resolve({ bytes, requestId: res.headers['x-request-id'], cut });
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (bytes >= firstEvents().length) midStream.clientGotBytes.resolve();
          });
          res.on('end', () => done(false));
          res.on('error', () => done(true));
          res.on('aborted', () => done(true));
        },
      );
      req.on('error', () => undefined);
      req.end(body);
    });
    expect(outcome.cut).toBe(true);
    expect(outcome.bytes).toBe(firstEvents().length);
    expect(vendor.requests.slice(before).map((r) => r.url)).toEqual(['/cut/chat/completions']);
    const event = await gw.eventFor(outcome.requestId);
    expect(event.status).toBe(502);
    expect(event.ai).toMatchObject({ vendor: 'openai', endpointIndex: 0, estimated: true });
  });
});

describe('backend limits', () => {
  const send = (apikey: string) =>
    call(gw.url, '/budget/v1/chat/completions', {
      headers: { apikey },
      body: '{"model":"gpt-4.1-nano"}',
    });

  it('skips an endpoint whose token budget is spent and serves from the fallback', async () => {
    // 200 tokens per call against 300: the second call still fits (200 < 300), the third does not.
    for (const expected of [0, 0, 1]) {
      const res = await send(keys.production);
      expect(res.status).toBe(200);
      expect((await gw.eventFor(res.headers['x-request-id'])).ai?.endpointIndex).toBe(expected);
    }
  });

  it('answers 429 with Retry-After when no endpoint has budget left (sandbox has no fallback)', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 3; i++) {
      last = await send(keys.sandbox);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.json().code).toBe('THROTTLED');
    expect(await gw.eventFor(last?.headers['x-request-id'], 10_000)).toMatchObject({
      status: 429,
      throttledBy: 'backend:sandbox:primary',
    });
  });
});
