/**
 * The IPC contract of the traffic log: the local gateway's captured requests, listed
 * with filters, read one at a time, exported as HAR, and pushed live as they happen.
 * Part of the one contract in `contract.ts`. This file may import only zod.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

/** A live-log watch, as `traffic.watch` hands it out. */
const watchId = z.string().min(1).max(100, 'watchId: at most 100 characters');

/** A captured body: UTF-8 text or base64, cut at the gateway's cap. */
export const capturedBody = z.object({
  size: z.number().int().nonnegative(),
  text: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  truncated: z.boolean(),
});
export type CapturedBody = z.infer<typeof capturedBody>;

export const trafficStage = z.enum([
  'route',
  'denylist',
  'authenticate',
  'subscription',
  'throttle',
  'endpoint',
]);

/** What the gateway's pipeline decided for one request. */
export const trafficDecisions = z.object({
  stages: z.array(
    z.object({
      stage: trafficStage,
      outcome: z.enum(['passed', 'rejected', 'not-reached']),
      detail: z.string(),
    }),
  ),
  route: z
    .object({
      apiId: z.string(),
      apiName: z.string(),
      apiVersion: z.string(),
      context: z.string(),
      operation: z.string().nullable(),
    })
    .nullable(),
  auth: z.object({
    credential: z.string().nullable(),
    keyType: z.string().nullable(),
    keyManager: z.string().nullable(),
  }),
  applicationId: z.string().nullable(),
  plan: z.string().nullable(),
  throttle: z.object({
    checks: z.array(
      z.object({
        policy: z.string(),
        quota: z.number(),
        windowSec: z.number(),
        remaining: z.number(),
        resetSec: z.number(),
      }),
    ),
    limitedBy: z.string().nullable(),
  }),
  denylisted: z.boolean(),
  endpoint: z
    .object({
      keyType: z.string(),
      type: z.enum(['http', 'ai', 'sequence']),
      target: z.string(),
      index: z.number().optional(),
    })
    .nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type TrafficDecisions = z.infer<typeof trafficDecisions>;

/** One captured request, in full. `seq` is the studio's, stable across gateway restarts. */
export const trafficEntry = z.object({
  seq: z.number().int().positive(),
  requestId: z.string(),
  timestamp: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    path: z.string(),
    query: z.string(),
    httpVersion: z.string(),
    clientIp: z.string(),
    headers: z.record(z.string(), z.string()),
    body: capturedBody.nullable(),
  }),
  response: z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: capturedBody.nullable(),
  }),
  timings: z.object({
    totalMs: z.number(),
    backendMs: z.number().nullable(),
    gatewayMs: z.number(),
  }),
  decisions: trafficDecisions,
  ai: z
    .object({
      vendor: z.string(),
      model: z.string().nullable(),
      promptTokens: z.number().nullable(),
      completionTokens: z.number().nullable(),
      totalTokens: z.number().nullable(),
    })
    .loose()
    .optional(),
});
export type TrafficEntry = z.infer<typeof trafficEntry>;

/** A row of the live log: what the list shows, without headers and bodies. */
export const trafficRow = z.object({
  seq: z.number().int().positive(),
  requestId: z.string(),
  timestamp: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  status: z.number().int(),
  apiId: z.string().nullable(),
  apiName: z.string().nullable(),
  apiVersion: z.string().nullable(),
  applicationId: z.string().nullable(),
  plan: z.string().nullable(),
  errorCode: z.string().nullable(),
  totalMs: z.number(),
});
export type TrafficRow = z.infer<typeof trafficRow>;

/** `2xx`..`5xx`, or one status code such as `429`. */
export const statusFilter = z
  .string()
  .regex(/^([1-5]xx|[1-5]\d\d)$/, 'status: a class such as 4xx or a code such as 429');

/** Filters shared by list and export; all optional, all must hold. */
export const trafficFilter = z.object({
  /** The API's id in the gateway bundle (as `gateway.status` lists it, e.g. `petstore-1.0.0`). */
  apiId: z.string().min(1).optional(),
  applicationId: z.string().min(1).optional(),
  status: statusFilter.optional(),
  /** Case-insensitive substring of method, URL, request id, error code or status. */
  text: z.string().optional(),
});
export type TrafficFilter = z.infer<typeof trafficFilter>;

export const trafficChannels = {
  /** The newest matching rows, oldest first; `afterSeq` for only what came since. */
  'traffic.list': {
    request: trafficFilter.extend({
      afterSeq: z.number().int().nonnegative().optional(),
      limit: z
        .number()
        .int()
        .min(1, 'limit: at least 1')
        .max(2000, 'limit: at most 2000')
        .optional(),
    }),
    response: z.object({
      rows: z.array(trafficRow),
      /** Matching entries in the studio's log (the rows are the newest `limit` of them). */
      total: z.number().int().nonnegative(),
      /** Whether the local gateway captures traffic now. */
      capturing: z.boolean(),
    }),
  },
  'traffic.get': {
    request: z.object({ seq: z.number({ error: 'seq: a traffic entry number' }).int().positive() }),
    response: trafficEntry,
  },
  /** HAR 1.2 of the matching entries, as a file's name and JSON text. */
  'traffic.exportHar': {
    request: trafficFilter,
    response: z.object({ fileName: z.string(), content: z.string(), count: z.number().int() }),
  },
  /** Empties the studio's log and the gateway's buffer. */
  'traffic.clear': { request: empty, response: z.null() },
  /**
   * Starts (no `watchId`) or renews a watch of the live log: main polls the gateway
   * and pushes `traffic.entry` only while a watch is held. A watch lapses `ttlMs`
   * after its last renewal, so a window that closes without `traffic.unwatch` stops
   * the polling too; renew well within it.
   */
  'traffic.watch': {
    request: z.object({ watchId: watchId.optional() }).strict(),
    response: z.object({ watchId, ttlMs: z.number().int().positive() }),
  },
  /** Ends a watch at once (a view closing); an unknown or lapsed id is fine. */
  'traffic.unwatch': { request: z.object({ watchId }).strict(), response: z.null() },
} as const;

/** Push events of the traffic domain. */
export const trafficEvents = {
  /** New rows of the live log, as the local gateway recorded them (in batches). */
  'traffic.entry': z.object({ rows: z.array(trafficRow) }),
} as const;
