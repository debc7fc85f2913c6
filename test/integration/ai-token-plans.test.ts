/**
 * Token-based plans on AI APIs: a quota of N tokens (total, prompt or completion,
 * per subscription plan or per application policy) admits calls while the usage
 * charged so far is under N; the call that passes N finishes (a stream runs to its
 * end), and the next one gets 429 with Retry-After without reaching the vendor.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
// Stream: 16 prompt + 300 completion = 316. JSON body: 16 + 363 = 379.
const streamLines = () => fixtureLines(new URL('openai/openai-text.chunks.txt', fixtures));
const jsonBody = () => readFileSync(new URL('openai/openai-text.json', fixtures));

let vendor: MockVendor;
let gw: TestGateway;

beforeAll(async () => {
  vendor = await startMockVendor(async (req, res) => {
    if (req.json?.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(jsonBody());
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    await writePieces(res, randomPieces(frameSse(streamLines(), 'data'), 11));
    res.end();
  });
  const hour = { requests: 1000, unitTime: 1, timeUnit: 'hour' as const };
  const ai = (id: string) =>
    testApi(vendor.url, {
      id,
      context: `/${id}`,
      version: 'v1',
      isDefaultVersion: false,
      type: 'AI',
      operations: [],
      plans: [],
      endpoints: {
        production: { type: 'ai', vendor: 'openai', url: `${vendor.url}/v1`, secretRef: 'key' },
      },
    });
  const bundle = testBundle([ai('total'), ai('prompt'), ai('completion'), ai('app')], {
    policies: {
      subscription: [
        { name: 'TotalPlan', limit: hour, tokens: { total: 500 } },
        { name: 'PromptPlan', limit: hour, tokens: { prompt: 20 } },
        { name: 'CompletionPlan', limit: hour, tokens: { completion: 400 } },
        { name: 'Open', limit: hour },
      ],
      application: [{ name: 'AppTokens', limit: hour, tokens: { total: 500 } }],
      api: [],
    },
    subscriptions: [
      { id: 's-total', applicationId: 'app-1', apiId: 'total', plan: 'TotalPlan' },
      { id: 's-prompt', applicationId: 'app-1', apiId: 'prompt', plan: 'PromptPlan' },
      { id: 's-completion', applicationId: 'app-1', apiId: 'completion', plan: 'CompletionPlan' },
      { id: 's-app', applicationId: 'app-2', apiId: 'app', plan: 'Open' },
    ],
  });
  const app2 = bundle.applications?.find((a) => a.id === 'app-2');
  if (app2) app2.throttlingPolicy = 'AppTokens';
  gw = await startGateway(bundle);
  gw.gateway.secrets.set('key', 'sk-test');
});

afterAll(async () => {
  await gw?.close();
  await vendor?.close();
});

const streamed = JSON.stringify({
  model: 'gpt-4.1-nano',
  stream: true,
  messages: [{ role: 'user', content: 'Invent a holiday' }],
});
const plain = JSON.stringify({
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'Invent a holiday' }],
});

/** Three calls; returns them once each one's usage has been charged (its event recorded). */
async function threeCalls(api: string, apikey: string, body: string) {
  const responses = [];
  for (let i = 0; i < 3; i++) {
    const res = await call(gw.url, `/${api}/v1/chat/completions`, { headers: { apikey }, body });
    // Usage is charged before the response ends; waiting for the event lets the request settle fully.
    await gw.eventFor(res.headers['x-request-id']);
    responses.push(res);
  }
  return responses;
}

describe('token-based plans', () => {
  it('a total-token quota lets a stream that passes it finish, then throttles the next call', async () => {
    const before = vendor.requests.length;
    const [first, second, third] = await threeCalls('total', keys.production, streamed);
    // 316 charged (< 500): the second call is admitted and pushes usage to 632 mid-stream.
    expect([first?.status, second?.status, third?.status]).toEqual([200, 200, 429]);
    const whole = frameSse(streamLines().slice(0, -1), 'data').toString('utf8');
    expect(second?.text()).toBe(whole);
    expect(Number(third?.headers['retry-after'])).toBeGreaterThan(0);
    expect(third?.json().code).toBe('THROTTLED');
    expect(vendor.requests.length - before).toBe(2);
    expect(await gw.eventFor(third?.headers['x-request-id'])).toMatchObject({
      status: 429,
      throttledBy: 'subscription:TotalPlan:totalTokens',
    });
    expect((await gw.eventFor(second?.headers['x-request-id'])).ai?.totalTokens).toBe(316);
  });

  it('a prompt-only quota counts prompt tokens alone', async () => {
    // 16 prompt tokens a call against 20: 16 < 20 admits the second, 32 stops the third.
    const statuses = (await threeCalls('prompt', keys.production, plain)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a completion-only quota counts completion tokens alone', async () => {
    // 363 completion tokens a call against 400.
    const responses = await threeCalls('completion', keys.production, plain);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(await gw.eventFor(responses[2]?.headers['x-request-id'])).toMatchObject({
      throttledBy: 'subscription:CompletionPlan:completionTokens',
    });
  });

  it('an application policy’s token quota applies across its subscriptions', async () => {
    // 379 a call against 500.
    const responses = await threeCalls('app', keys.other, plain);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(await gw.eventFor(responses[2]?.headers['x-request-id'])).toMatchObject({
      throttledBy: 'application:AppTokens:totalTokens',
    });
  });
});
