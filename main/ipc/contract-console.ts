/**
 * The IPC contract of the try-it console and the API test cases. Part of the one
 * contract in `contract.ts`, which re-exports this file and spreads its channels and
 * events. This file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';
import { keyTypeSchema } from './contract-access.js';

const apiIdField = z
  .string({ error: 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)' })
  .min(1, 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)');

/** One query parameter or header; a list keeps order and allows repeats. */
export const nameValue = z.object({
  name: z.string().min(1, 'name: must be non-empty'),
  value: z.string(),
});
export type NameValue = z.infer<typeof nameValue>;

/**
 * How the console authenticates. `apiKey` uses the application's stored trial key, or
 * `key` when the user pasted one; `jwt` is minted by the studio's key manager;
 * `certificate` presents a PEM client certificate (HTTPS listeners only).
 */
export const consoleCredentials = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('none') }),
    z.object({
      type: z.literal('apiKey'),
      applicationId: z.string().min(1).optional(),
      key: z.string().min(1).optional(),
    }),
    z.object({
      type: z.literal('jwt'),
      applicationId: z.string().min(1, 'credentials.applicationId: pick an application'),
      scopes: z.array(z.string().min(1)).optional(),
    }),
    z.object({
      type: z.literal('certificate'),
      certFile: z.string().min(1, 'credentials.certFile: the PEM certificate file is required'),
      keyFile: z.string().min(1, 'credentials.keyFile: the PEM private key file is required'),
    }),
  ],
  { error: 'credentials.type: must be none, apiKey, jwt or certificate' },
);
export type ConsoleCredentials = z.infer<typeof consoleCredentials>;

const methodField = z
  .string()
  .regex(/^[A-Za-z]+$/, 'method: must be an HTTP method such as GET or POST')
  .transform((m) => m.toUpperCase());

/** What the console sends, relative to the API: `path` is after `/{context}/{version}`. */
export const consoleRequestSpec = z.object({
  method: methodField,
  path: z.string().startsWith('/', 'path: must start with "/" (e.g. /pets/1)'),
  query: z.array(nameValue).default([]),
  headers: z.array(nameValue).default([]),
  body: z.string().nullable().default(null),
  credentials: consoleCredentials.default({ type: 'none' }),
  keyType: keyTypeSchema.default('PRODUCTION'),
});
export type ConsoleRequestSpec = z.infer<typeof consoleRequestSpec>;

export const consoleRequest = consoleRequestSpec.extend({ apiId: apiIdField });
export type ConsoleRequest = z.infer<typeof consoleRequest>;

/** One Server-Sent Event as parsed from a `text/event-stream` response. */
export const sseEvent = z.object({
  event: z.string().nullable(),
  id: z.string().nullable(),
  data: z.string(),
});
export type SseEvent = z.infer<typeof sseEvent>;

/** Token usage the gateway recorded for an AI API's request (its analytics event). */
export const consoleTokens = z.object({
  vendor: z.string(),
  model: z.string().nullable(),
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  cachedTokens: z.number().nullable(),
  reasoningTokens: z.number().nullable(),
  estimated: z.boolean(),
  cost: z.number().nullable(),
});
export type ConsoleTokens = z.infer<typeof consoleTokens>;

/** Milliseconds; `dnsMs`/`connectMs` are null when no lookup or new connection happened. */
export const consoleTimings = z.object({
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  ttfbMs: z.number(),
  totalMs: z.number(),
});

export const consoleResponse = z.object({
  url: z.string(),
  /** The gateway's `x-request-id`. */
  requestId: z.string().nullable(),
  status: z.number().int(),
  headers: z.array(nameValue),
  contentType: z.string().nullable(),
  /** The body as text, cut at the console's cap. */
  body: z.string(),
  bodyBytes: z.number().int(),
  truncated: z.boolean(),
  timings: consoleTimings,
  rateLimit: z.object({
    policy: z.string().nullable(),
    limit: z.string().nullable(),
    retryAfter: z.string().nullable(),
  }),
  /** Parsed events of a `text/event-stream` response; null for other types. */
  events: z.array(sseEvent).nullable(),
  tokens: consoleTokens.nullable(),
});
export type ConsoleResponse = z.infer<typeof consoleResponse>;

export const historySummary = z.object({
  id: z.number().int(),
  apiId: z.string(),
  sentAt: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  totalMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type HistorySummary = z.infer<typeof historySummary>;

export const historyEntry = historySummary.extend({
  request: consoleRequest,
  response: consoleResponse.nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** One check of a test case. `path` is a JSON pointer into the body (`/0/id`). */
export const assertion = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('status'), equals: z.number().int().min(100).max(599) }),
    z
      .object({
        type: z.literal('header'),
        name: z.string().min(1, 'name: the header name is required'),
        equals: z.string().optional(),
        matches: z.string().optional(),
      })
      .refine((a) => (a.equals === undefined) !== (a.matches === undefined), {
        message: 'a header assertion needs exactly one of equals or matches',
      }),
    z
      .object({
        type: z.literal('body'),
        path: z.string().regex(/^(\/.*)?$/, 'path: a JSON pointer such as /0/name, or empty'),
        equals: z.unknown().optional(),
        exists: z.boolean().optional(),
        matches: z.string().optional(),
      })
      .refine(
        (a) =>
          [a.equals !== undefined, a.exists !== undefined, a.matches !== undefined].filter(Boolean)
            .length === 1,
        { message: 'a body assertion needs exactly one of equals, exists or matches' },
      ),
    z.object({
      type: z.literal('time'),
      underMs: z.number().positive('underMs: must be a positive number of milliseconds'),
    }),
  ],
  { error: 'type: an assertion is status, header, body or time' },
);
export type Assertion = z.infer<typeof assertion>;

const caseName = z
  .string({ error: 'name: a test case name is required' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'name: letters, digits, ".", "_" and "-" only (it is the file name), up to 100',
  );

/** A saved test case: `apis/<api-id>/tests/<name>.yaml`. Pasted keys are never saved. */
export const testCase = z.object({
  name: caseName,
  request: consoleRequestSpec,
  assertions: z.array(assertion),
});
export type TestCase = z.infer<typeof testCase>;

export const assertionResult = z.object({
  assertion,
  passed: z.boolean(),
  /** What was found, as text. */
  actual: z.string(),
});
export type AssertionResult = z.infer<typeof assertionResult>;

export const testCaseResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  status: z.number().int().nullable(),
  totalMs: z.number().nullable(),
  /** Why the request could not be sent (credentials, gateway down). */
  error: z.string().nullable(),
  assertions: z.array(assertionResult),
});
export type TestCaseResult = z.infer<typeof testCaseResult>;

/** A request ready to edit for one operation, with examples from the definition. */
export const requestTemplate = z.object({
  method: z.string(),
  target: z.string(),
  summary: z.string().nullable(),
  path: z.string(),
  query: z.array(nameValue),
  headers: z.array(nameValue),
  body: z.string().nullable(),
});
export type RequestTemplate = z.infer<typeof requestTemplate>;

export const consoleChannels = {
  /** One request template per operation of the API. */
  'console.templates': {
    request: z.object({ apiId: apiIdField }),
    response: z.array(requestTemplate),
  },
  /**
   * Sends through the local gateway. With `streamId`, SSE events are also pushed as
   * `console.stream` while they arrive.
   */
  'console.send': {
    request: z.object({ request: consoleRequest, streamId: z.string().optional() }),
    response: consoleResponse,
  },
  /** The request as a shell command (credentials resolved, so it runs as is). */
  'console.curl': { request: z.object({ request: consoleRequest }), response: z.string() },
  /** Generates and stores (encrypted) a trial API key; the gateway serves it when this returns. */
  'console.generateTrialKey': {
    request: z.object({
      applicationId: z.string().min(1, 'applicationId: pick an application'),
      keyType: keyTypeSchema,
    }),
    response: z.object({ applicationId: z.string(), keyType: keyTypeSchema }),
  },
  /** Which applications have a stored trial key. */
  'console.trialKeys': {
    request: z.object({}).strict(),
    response: z.array(z.object({ applicationId: z.string(), keyType: keyTypeSchema })),
  },
  'console.history': {
    request: z.object({ apiId: apiIdField }),
    response: z.array(historySummary),
  },
  'console.historyEntry': {
    request: z.object({ id: z.number().int() }),
    response: historyEntry,
  },
  'console.clearHistory': { request: z.object({ apiId: apiIdField }), response: z.null() },
  'console.listTests': { request: z.object({ apiId: apiIdField }), response: z.array(testCase) },
  'console.saveTest': {
    request: z.object({ apiId: apiIdField, testCase }),
    response: testCase,
  },
  'console.deleteTest': {
    request: z.object({ apiId: apiIdField, name: caseName }),
    response: z.null(),
  },
  'console.runTests': {
    request: z.object({ apiId: apiIdField, names: z.array(z.string()).optional() }),
    response: z.array(testCaseResult),
  },
} as const;

export const consoleEvents = {
  /** One SSE event of an in-flight `console.send` with that `streamId`. */
  'console.stream': z.object({ streamId: z.string(), event: sseEvent }),
} as const;
