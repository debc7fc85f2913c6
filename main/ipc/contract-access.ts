/**
 * The IPC contract for applications, keys, subscriptions and search. Part of the one contract in
 * `contract.ts`, which re-exports this file and spreads its channels into the channel
 * map. This file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

export const keyTypeSchema = z.enum(['PRODUCTION', 'SANDBOX'], {
  error: 'keyType: must be "PRODUCTION" or "SANDBOX"',
});

export const subscriptionStatusSchema = z.enum(
  ['UNBLOCKED', 'ON_HOLD', 'BLOCKED', 'PROD_ONLY_BLOCKED', 'REJECTED'],
  { error: 'status: must be one of UNBLOCKED, ON_HOLD, BLOCKED, PROD_ONLY_BLOCKED, REJECTED' },
);

const applicationIdField = z
  .string({ error: 'applicationId: the application id is required' })
  .min(1, 'applicationId: the application id is required');

/** An application as listed; API keys by metadata only (a raw key is shown once, at generation). */
export const applicationView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  throttlingPolicy: z.string().nullable(),
  createdAt: z.string(),
  apiKeys: z.array(z.object({ keyType: keyTypeSchema, createdAt: z.string() })),
  consumerKeys: z.array(
    z.object({ keyType: keyTypeSchema, keyManager: z.string(), consumerKey: z.string() }),
  ),
});
export type ApplicationView = z.infer<typeof applicationView>;

/** A subscription; `apiId` is the workspace API id (`PetStore-1.0.0`). */
export const subscriptionView = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationName: z.string(),
  apiId: z.string(),
  plan: z.string(),
  status: subscriptionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** A search hit; `snippet` marks each match with « and ». */
export const searchHit = z.object({
  apiId: z.string(),
  apiName: z.string(),
  kind: z.enum(['api', 'operation', 'text']),
  file: z.string(),
  line: z.number().int().positive(),
  snippet: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHit>;

/** The applications, subscriptions and search channels: request and response schemas. */
export const accessChannels = {
  'applications.list': { request: empty, response: z.array(applicationView) },
  'applications.create': {
    request: z.object({
      name: z
        .string({ error: 'name: an application name is required' })
        .trim()
        .min(1, 'name: an application name is required'),
      description: z.string().optional(),
      /** An application policy: Unlimited, 50PerMin, 20PerMin or 10PerMin. */
      throttlingPolicy: z.string().nullable().optional(),
    }),
    response: applicationView,
  },
  'applications.delete': { request: z.object({ id: applicationIdField }), response: z.null() },
  /** The raw key is in this response only; the studio keeps its SHA-256 hash. */
  'applications.generateApiKey': {
    request: z.object({ applicationId: applicationIdField, keyType: keyTypeSchema }),
    response: z.object({ apiKey: z.string(), keyType: keyTypeSchema }),
  },
  /** Maps an OAuth2 client at an external key manager (IS 7, Keycloak, ...) to the application. */
  'applications.registerConsumerKey': {
    request: z.object({
      applicationId: applicationIdField,
      keyManager: z
        .string({ error: 'keyManager: the key manager name is required' })
        .min(1, 'keyManager: the key manager name is required'),
      consumerKey: z
        .string({ error: 'consumerKey: the OAuth2 client id is required' })
        .min(1, 'consumerKey: the OAuth2 client id is required'),
      keyType: keyTypeSchema,
    }),
    response: applicationView,
  },
  /** A JWT from the studio's resident key manager, for trial traffic through the local gateway. */
  'applications.issueToken': {
    request: z.object({
      applicationId: applicationIdField,
      keyType: keyTypeSchema,
      scopes: z.array(z.string().min(1, 'scopes: a scope must be non-empty')).optional(),
      audience: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
      ttlSec: z
        .number()
        .int('ttlSec: must be a whole number of seconds')
        .min(1, 'ttlSec: must be from 1 to 86400')
        .max(86_400, 'ttlSec: must be from 1 to 86400')
        .optional(),
    }),
    response: z.object({
      accessToken: z.string(),
      tokenType: z.literal('Bearer'),
      expiresAt: z.string(),
      consumerKey: z.string(),
      scopes: z.array(z.string()),
    }),
  },

  'subscriptions.list': {
    request: z.object({ applicationId: z.string().optional(), apiId: z.string().optional() }),
    response: z.array(subscriptionView),
  },
  /** `requireApproval` creates it ON_HOLD: the gateway answers 403 until it is approved. */
  'subscriptions.create': {
    request: z.object({
      applicationId: applicationIdField,
      apiId: z
        .string({ error: 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)' })
        .min(1, 'apiId: the workspace API id is required (e.g. PetStore-1.0.0)'),
      plan: z
        .string({ error: 'plan: a plan is required: Unlimited, Gold, Silver or Bronze' })
        .min(1, 'plan: a plan is required: Unlimited, Gold, Silver or Bronze'),
      requireApproval: z.boolean().optional(),
    }),
    response: subscriptionView,
  },
  /** Approve (UNBLOCKED), reject (REJECTED, pending ones only), block (BLOCKED, PROD_ONLY_BLOCKED). */
  'subscriptions.setStatus': {
    request: z.object({
      id: z
        .string({ error: 'id: the subscription id is required' })
        .min(1, 'id: the subscription id is required'),
      status: subscriptionStatusSchema,
    }),
    response: subscriptionView,
  },
  /** The approval queue: subscriptions ON_HOLD, oldest first. */
  'subscriptions.pending': { request: empty, response: z.array(subscriptionView) },

  /** Free text plus `type:` `op:` `tag:` `api:` filters over every API of the workspace. */
  'search.query': {
    request: z.object({
      query: z
        .string({ error: 'query: the search text is required' })
        .max(1000, 'query: at most 1000 characters'),
      limit: z
        .number()
        .int('limit: must be a whole number')
        .min(1, 'limit: must be from 1 to 500')
        .max(500, 'limit: must be from 1 to 500')
        .optional(),
    }),
    response: z.array(searchHit),
  },
} as const;
