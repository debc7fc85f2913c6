/**
 * The console's engine, shared by the studio and `portico test`: resolves an API's
 * URL on the gateway and the request's credentials, sends it, reads the
 * rate-limit headers, and, for AI APIs, the token usage from the gateway's analytics
 * event for the request (matched on the `x-request-id` the gateway returns).
 */
import { readFile } from 'node:fs/promises';
import type { AnalyticsEvent } from '../../../gateway-runtime/src/index.js';
import type {
  ConsoleRequest,
  ConsoleResponse,
  ConsoleTokens,
  NameValue,
  SseEvent,
  TestCase,
  TestCaseResult,
} from '../../ipc/contract-console.js';
import { StudioError } from '../errors.js';
import { evaluateAll } from './assertions.js';
import { sendHttp, type HttpExchange } from './send.js';

type KeyType = 'PRODUCTION' | 'SANDBOX';

/** Where an API is served and how it takes an API key. */
export interface ApiTarget {
  context: string;
  version: string;
  apiKeyHeader: string;
  /** Token usage is looked up only for AI APIs. */
  isAi: boolean;
}

/** What the engine needs from its host (the studio services, or the CLI's gateway). */
export interface ConsoleDeps {
  /** The gateway's listener URLs (`http://127.0.0.1:8280`, `https://...`). */
  listeners(): readonly string[];
  api(apiId: string): ApiTarget;
  /** The stored trial key of an application; throws with what to do when there is none. */
  trialKey(applicationId: string, keyType: KeyType): Promise<string>;
  issueToken(applicationId: string, keyType: KeyType, scopes?: string[]): Promise<string>;
  /** The gateway's analytics events since an epoch-ms time; absent when unreachable. */
  analyticsEvents?(sinceMs: number): Promise<readonly AnalyticsEvent[]>;
  /** How long to wait for an AI request's analytics event; default 3000 ms. */
  tokenWaitMs?: number;
}

function joinPath(context: string, version: string, path: string): string {
  const base = `/${context.replace(/^\/+|\/+$/g, '')}/${encodeURIComponent(version)}`;
  return `${base}${path}`;
}

function listenerFor(deps: ConsoleDeps, https: boolean): string {
  const all = deps.listeners();
  const wanted = all.find((l) => l.startsWith(https ? 'https:' : 'http:'));
  if (wanted) return wanted.replace(/\/+$/, '');
  if (all.length === 0)
    throw new StudioError(
      'GATEWAY_UNAVAILABLE',
      'The local gateway is not running; start it first',
    );
  throw new StudioError(
    'VALIDATION',
    'credentials: a client certificate needs an HTTPS listener, and the gateway has none (start it with --https-port, --tls-cert and --tls-key)',
  );
}

async function readPem(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new StudioError(
      'VALIDATION',
      `credentials.${field}: cannot read ${file}: ${(error as Error).message}`,
    );
  }
}

/** The exact request to put on the wire: URL, final headers (with credentials), body. */
export async function resolveExchange(
  request: ConsoleRequest,
  deps: ConsoleDeps,
): Promise<HttpExchange> {
  const api = deps.api(request.apiId);
  const { credentials } = request;
  const base = listenerFor(deps, credentials.type === 'certificate');
  const url = new URL(`${base}${joinPath(api.context, api.version, request.path)}`);
  for (const q of request.query) url.searchParams.append(q.name, q.value);
  const headers: NameValue[] = [...request.headers];
  const exchange: HttpExchange = {
    method: request.method,
    url: url.toString(),
    headers,
    body: request.body,
  };
  switch (credentials.type) {
    case 'none':
      break;
    case 'apiKey': {
      let key = credentials.key;
      if (key === undefined) {
        if (credentials.applicationId === undefined)
          throw new StudioError(
            'VALIDATION',
            'credentials: an API key needs an application (its trial key) or a pasted key',
          );
        key = await deps.trialKey(credentials.applicationId, request.keyType);
      }
      headers.push({ name: api.apiKeyHeader, value: key });
      break;
    }
    case 'jwt': {
      const token = await deps.issueToken(
        credentials.applicationId,
        request.keyType,
        credentials.scopes,
      );
      headers.push({ name: 'Authorization', value: `Bearer ${token}` });
      break;
    }
    case 'certificate':
      exchange.clientCert = {
        cert: await readPem(credentials.certFile, 'certFile'),
        key: await readPem(credentials.keyFile, 'keyFile'),
      };
      break;
  }
  return exchange;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tokensFor(
  deps: ConsoleDeps,
  requestId: string,
  sinceMs: number,
): Promise<ConsoleTokens | null> {
  if (!deps.analyticsEvents) return null;
  // The gateway records the event as the response ends; it can trail the last byte a little.
  const deadline = Date.now() + (deps.tokenWaitMs ?? 3_000);
  for (;;) {
    const events = await deps.analyticsEvents(sinceMs).catch(() => []);
    const event = events.find((e) => e.requestId === requestId);
    if (event) {
      const ai = event.ai;
      if (!ai) return null;
      return {
        vendor: ai.vendor,
        model: ai.model,
        promptTokens: ai.promptTokens,
        completionTokens: ai.completionTokens,
        totalTokens: ai.totalTokens,
        cachedTokens: ai.cachedTokens,
        reasoningTokens: ai.reasoningTokens,
        estimated: ai.estimated,
        cost: ai.cost ?? null,
      };
    }
    if (Date.now() >= deadline) return null;
    await delay(100);
  }
}

function header(headers: readonly NameValue[], name: string): string | null {
  const found = headers.filter((h) => h.name.toLowerCase() === name);
  return found.length === 0 ? null : found.map((h) => h.value).join(', ');
}

export async function sendConsoleRequest(
  request: ConsoleRequest,
  deps: ConsoleDeps,
  onEvent?: (event: SseEvent) => void,
): Promise<ConsoleResponse> {
  const exchange = await resolveExchange(request, deps);
  // Event timestamps are whole milliseconds at arrival; a second of slack covers clock rounding.
  const sinceMs = Date.now() - 1_000;
  const result = await sendHttp(exchange, onEvent).catch((error: unknown) => {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new StudioError(
      'GATEWAY_UNAVAILABLE',
      `Sending to ${exchange.url} failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
    );
  });
  const requestId = header(result.headers, 'x-request-id');
  const api = deps.api(request.apiId);
  return {
    url: exchange.url,
    requestId,
    status: result.status,
    headers: result.headers,
    contentType: result.contentType,
    body: result.body,
    bodyBytes: result.bodyBytes,
    truncated: result.truncated,
    timings: result.timings,
    rateLimit: {
      policy: header(result.headers, 'ratelimit-policy'),
      limit: header(result.headers, 'ratelimit'),
      retryAfter: header(result.headers, 'retry-after'),
    },
    events: result.events,
    tokens: api.isAi && requestId ? await tokensFor(deps, requestId, sinceMs) : null,
  };
}

/** Runs cases one after another (their order is the file order); never throws per case. */
export async function runTestCases(
  apiId: string,
  cases: readonly TestCase[],
  deps: ConsoleDeps,
): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = [];
  for (const c of cases) {
    try {
      const response = await sendConsoleRequest({ ...c.request, apiId }, deps);
      const assertions = evaluateAll(c.assertions, response);
      results.push({
        name: c.name,
        passed: assertions.every((a) => a.passed),
        status: response.status,
        totalMs: response.timings.totalMs,
        error: null,
        assertions,
      });
    } catch (error) {
      results.push({
        name: c.name,
        passed: false,
        status: null,
        totalMs: null,
        error: error instanceof Error ? error.message : String(error),
        assertions: [],
      });
    }
  }
  return results;
}
