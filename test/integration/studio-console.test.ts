/**
 * The try-it console through the real local gateway (a Node child under tsx) to real
 * backends on 127.0.0.1: trial API keys and resident JWTs, rate-limit headers, SSE
 * streamed to the listener while the backend is still sending, AI token usage from the
 * gateway's analytics, history, and the API's test cases run from the studio.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleRequest, SseEvent } from '../../main/ipc/contract.js';
import { createStudioServices, type StudioServices } from '../../main/services/index.js';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { sendConsoleRequest } from '../../main/services/console/engine.js';
import { deferred, echo, startBackend, within, type Backend } from './helpers/backend.js';
import { createTestCertificates } from './helpers/certs.js';
import { redeployed, studioOptions, until } from './helpers/studio.js';

const dirs: string[] = [];
const open: StudioServices[] = [];
const backends: Backend[] = [];
afterEach(async () => {
  for (const services of open.splice(0)) await services.close();
  for (const backend of backends.splice(0)) await backend.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A studio on a sample workspace whose PetStore points at `backend`, with one subscribed app. */
async function start(backend: Backend) {
  const base = await mkdtemp(join(tmpdir(), 'portico-console-'));
  dirs.push(base);
  const output: string[] = [];
  const services = await createStudioServices(studioOptions(base, output));
  open.push(services);
  const first = await until(services, (s) => s.state === 'running' || s.state === 'error');
  expect(first.state, `${first.error}\n${output.join('\n')}`).toBe('running');
  await redeployed(services, () =>
    services.workspace.updateApiSettings({
      id: 'PetStore-1.0.0',
      endpoints: { production: backend.url },
    }),
  );
  const app = services.applications.create({ name: 'Console', throttlingPolicy: '50PerMin' });
  await redeployed(services, () =>
    services.subscriptions.create({ applicationId: app.id, apiId: 'PetStore-1.0.0', plan: 'Gold' }),
  );
  return { services, app, root: join(base, 'workspace') };
}

const petRequest = (over: Partial<ConsoleRequest> = {}): ConsoleRequest => ({
  apiId: 'PetStore-1.0.0',
  method: 'GET',
  path: '/pets',
  query: [{ name: 'limit', value: '2' }],
  headers: [{ name: 'X-Trial', value: "it's" }],
  body: null,
  credentials: { type: 'none' },
  keyType: 'PRODUCTION',
  ...over,
});

describe('the try-it console', () => {
  it(
    'sends with a trial API key and a resident JWT, shows rate limits, keeps history and copies curl',
    { timeout: 120_000 },
    async () => {
      const backend = await startBackend();
      backends.push(backend);
      const { services, app } = await start(backend);
      const c = services.console;

      const anonymous = await c.send(petRequest());
      expect(anonymous.status).toBe(401);

      await expect(
        c.send(petRequest({ credentials: { type: 'apiKey', applicationId: app.id } })),
      ).rejects.toThrow(/no PRODUCTION trial key; generate one first/);
      await c.generateTrialKey(app.id, 'PRODUCTION');
      expect(c.trialKeys()).toEqual([{ applicationId: app.id, keyType: 'PRODUCTION' }]);

      const viaKey = await c.send(
        petRequest({ credentials: { type: 'apiKey', applicationId: app.id } }),
      );
      expect(viaKey.status).toBe(200);
      const echoed = JSON.parse(viaKey.body) as { url: string; headers: Record<string, string> };
      expect(echoed.url).toMatch(/\/pets\?limit=2$/);
      expect(echoed.headers['x-trial']).toBe("it's");
      expect(viaKey.requestId).toMatch(/[0-9a-f-]{36}/);
      expect(viaKey.rateLimit.policy).toContain('Gold');
      expect(viaKey.rateLimit.limit).not.toBeNull();
      expect(viaKey.timings.connectMs).not.toBeNull();
      expect(viaKey.timings.totalMs).toBeGreaterThanOrEqual(viaKey.timings.ttfbMs);
      expect(viaKey.events).toBeNull();

      const viaJwt = await c.send(
        petRequest({
          method: 'POST',
          body: '{"name":"Rex"}',
          credentials: { type: 'jwt', applicationId: app.id },
        }),
      );
      expect(viaJwt.status).toBe(200);
      const jwtEcho = JSON.parse(viaJwt.body) as {
        method: string;
        body: string;
        headers: Record<string, string>;
      };
      expect(jwtEcho).toMatchObject({ method: 'POST', body: '{"name":"Rex"}' });
      expect(jwtEcho.headers.authorization).toBeUndefined();

      await expect(
        c.send(
          petRequest({
            credentials: { type: 'certificate', certFile: '/x.pem', keyFile: '/y.pem' },
          }),
        ),
      ).rejects.toThrow(/needs an HTTPS listener/);

      const pasted = await c.send(
        petRequest({ credentials: { type: 'apiKey', key: 'not-a-key' } }),
      );
      expect(pasted.status).toBe(401);

      const history = c.listHistory('PetStore-1.0.0');
      expect(history.map((h) => h.status)).toEqual([401, null, 200, 200, null, 401]);
      const reopened = c.historyEntry(history[0]!.id);
      expect(reopened.request.credentials).toEqual({ type: 'apiKey' });
      expect(c.historyEntry(history[2]!.id).response?.status).toBe(200);

      const curl = await c.curl(
        petRequest({ credentials: { type: 'apiKey', applicationId: app.id } }),
      );
      expect(curl).toMatch(/^curl 'http:\/\/127\.0\.0\.1:\d+\/petstore\/1\.0\.0\/pets\?limit=2'/);
      expect(curl).toContain(`-H 'X-Trial: it'\\''s'`);
      expect(curl).toMatch(/-H 'apikey: [^']+'/);

      c.clearHistory('PetStore-1.0.0');
      expect(c.listHistory('PetStore-1.0.0')).toEqual([]);
    },
  );

  it(
    'streams SSE events to the listener while the backend is still sending',
    { timeout: 120_000 },
    async () => {
      const firstSeen = deferred();
      const backend = await startBackend(async (req, res, recorded) => {
        if (!req.url?.includes('/stream')) return echo(req, res, recorded);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: tick\ndata: {"n":1}\n\n');
        // The second event waits until the studio has pushed the first: a buffering console deadlocks.
        await within(firstSeen.promise, 20_000, 'the first event never reached the listener');
        res.end('data: {"n":2}\n\ndata: [DONE]\n\n');
      });
      backends.push(backend);
      const { services, app } = await start(backend);
      await services.console.generateTrialKey(app.id, 'PRODUCTION');
      const pushed: { streamId: string; event: SseEvent }[] = [];
      services.console.onStream((streamId, event) => {
        pushed.push({ streamId, event });
        firstSeen.resolve();
      });
      // /pets/{petId} is an operation of the sample; the backend streams for ids containing "stream".
      const response = await services.console.send(
        petRequest({
          path: '/pets/stream',
          credentials: { type: 'apiKey', applicationId: app.id },
        }),
        'stream-1',
      );
      expect(response.status).toBe(200);
      expect(response.events).toEqual([
        { event: 'tick', id: null, data: '{"n":1}' },
        { event: null, id: null, data: '{"n":2}' },
        { event: null, id: null, data: '[DONE]' },
      ]);
      expect(pushed.map((p) => p.streamId)).toEqual(['stream-1', 'stream-1', 'stream-1']);
    },
  );

  it(
    'saves test cases in the workspace and runs them with results per assertion',
    { timeout: 120_000 },
    async () => {
      const backend = await startBackend();
      backends.push(backend);
      const { services, app, root } = await start(backend);
      const c = services.console;
      await c.generateTrialKey(app.id, 'PRODUCTION');
      const request = {
        method: 'GET',
        path: '/pets',
        query: [{ name: 'limit', value: '2' }],
        headers: [],
        body: null,
        credentials: { type: 'apiKey' as const, applicationId: app.id },
        keyType: 'PRODUCTION' as const,
      };
      await c.saveTest('PetStore-1.0.0', {
        name: 'list-pets',
        request,
        assertions: [
          { type: 'status', equals: 200 },
          { type: 'header', name: 'content-type', matches: 'json' },
          { type: 'body', path: '/method', equals: 'GET' },
        ],
      });
      await c.saveTest('PetStore-1.0.0', {
        name: 'no-credentials',
        request: { ...request, credentials: { type: 'none' } },
        assertions: [
          { type: 'status', equals: 200 },
          { type: 'body', path: '/code', exists: true },
        ],
      });
      expect((await c.listTests('PetStore-1.0.0')).map((t) => t.name)).toEqual([
        'list-pets',
        'no-credentials',
      ]);
      const results = await c.runTests('PetStore-1.0.0');
      expect(results.map((r) => [r.name, r.passed, r.status])).toEqual([
        ['list-pets', true, 200],
        ['no-credentials', false, 401],
      ]);
      expect(results[1]!.assertions.map((a) => [a.passed, a.actual])).toEqual([
        [false, '401'],
        [true, expect.stringMatching(/^present: /)],
      ]);
      await expect(c.runTests('PetStore-1.0.0', ['nope'])).rejects.toThrow(/no test case nope/);

      // A case file edited by hand (or by a git pull) is read as it is on disk.
      await mkdir(join(root, 'apis/PetStore-1.0.0/tests'), { recursive: true });
      await writeFile(
        join(root, 'apis/PetStore-1.0.0/tests/by-hand.yaml'),
        'name: by-hand\nrequest: { method: GET, path: /pets }\nassertions: [{ type: status, equals: 401 }]\n',
      );
      const [byHand] = await c.runTests('PetStore-1.0.0', ['by-hand']);
      expect(byHand).toMatchObject({ name: 'by-hand', passed: true, status: 401 });
    },
  );

  it('shows the token usage the gateway recorded for an AI API', { timeout: 120_000 }, async () => {
    const vendor = await startBackend(async (req, res) => {
      for await (const _chunk of req as AsyncIterable<Buffer>) void _chunk;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: 'gpt-4o-mini',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
        }),
      );
    });
    backends.push(vendor);
    const { services, root } = await start(vendor);
    const folder = join(root, 'apis/Chat-1.0.0');
    await mkdir(folder, { recursive: true });
    await redeployed(services, () =>
      writeFile(
        join(folder, 'api.yaml'),
        `type: api
version: v4.4.0
data:
  name: Chat
  context: /chat
  version: 1.0.0
  type: HTTP
  isDefaultVersion: false
  subtypeConfiguration:
    subtype: AIAPI
    _configuration: '{"llmProviderName":"openai"}'
  endpointConfig:
    endpoint_type: http
    production_endpoints:
      url: ${vendor.url}/v1
  operations:
    - { target: /chat/completions, verb: POST, authType: None, throttlingPolicy: Unlimited }
`,
      ),
    );
    const response = await services.console.send({
      apiId: 'Chat-1.0.0',
      method: 'POST',
      path: '/chat/completions',
      query: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      credentials: { type: 'none' },
      keyType: 'PRODUCTION',
    });
    expect(response.status, response.body).toBe(200);
    expect(response.tokens).toMatchObject({
      vendor: 'openai',
      model: 'gpt-4o-mini',
      promptTokens: 11,
      completionTokens: 7,
      totalTokens: 18,
      estimated: false,
    });
  });
});

describe('client certificates', () => {
  it(
    'presents the PEM certificate and key files on an HTTPS listener',
    { timeout: 60_000 },
    async () => {
      const certs = await createTestCertificates({ clients: ['partner-a'] });
      // A stand-in HTTPS listener that demands a client certificate signed by the CA.
      const server = createHttpsServer(
        {
          cert: certs.server.certPem,
          key: certs.server.keyPem,
          ca: certs.ca.certPem,
          requestCert: true,
          rejectUnauthorized: true,
        },
        (req, res) => {
          const peer = (req.socket as TLSSocket).getPeerCertificate();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ url: req.url, cn: peer.subject?.CN ?? null }));
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const https = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const deps = {
          listeners: () => ['http://127.0.0.1:1', https],
          api: () => ({ context: '/secure', version: '2.0', apiKeyHeader: 'apikey', isAi: false }),
          trialKey: () => Promise.reject(new Error('unused')),
          issueToken: () => Promise.reject(new Error('unused')),
        };
        const response = await sendConsoleRequest(
          {
            ...petRequest({ apiId: 'Secure-2.0', query: [] }),
            credentials: {
              type: 'certificate',
              certFile: certs.clients['partner-a']!.certPath,
              keyFile: certs.clients['partner-a']!.keyPath,
            },
          },
          deps,
        );
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ url: '/secure/2.0/pets', cn: 'partner-a' });
        expect(response.timings.connectMs).not.toBeNull();
        await expect(
          sendConsoleRequest(
            {
              ...petRequest(),
              credentials: { type: 'certificate', certFile: '/nonexistent.pem', keyFile: '/x' },
            },
            deps,
          ),
        ).rejects.toThrow(/credentials.certFile: cannot read \/nonexistent.pem/);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await certs.cleanup();
      }
    },
  );
});
