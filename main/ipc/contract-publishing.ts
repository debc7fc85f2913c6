/**
 * The IPC contract for revisions and environments (publishing). Part of the one contract in
 * `contract.ts`, which re-exports this file and spreads its channels into the channel
 * map. This file may import only zod: the renderer and the preload bundle it.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

/** A revision: an immutable, content-addressed snapshot of one API as a gateway bundle. */
export const revisionInfo = z.object({
  id: z.string(),
  apiId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  note: z.string(),
});
export type RevisionInfo = z.infer<typeof revisionInfo>;

export const revisionDiff = z.object({
  from: z.string(),
  to: z.string(),
  definition: z.array(z.object({ op: z.enum(['same', 'add', 'remove']), text: z.string() })),
  settings: z.array(
    z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }),
  ),
});
export type RevisionDiff = z.infer<typeof revisionDiff>;

/** An environment as `environments/<name>.yaml` holds it: secrets only by name. */
export const environmentConfig = z.object({
  name: z.string(),
  description: z.string().optional(),
  nodes: z.array(
    z.object({
      name: z.string(),
      adminUrl: z.string(),
      tokenSecret: z.string().optional(),
      tls: z
        .object({
          caFile: z.string().optional(),
          certFile: z.string().optional(),
          keySecret: z.string().optional(),
          rejectUnauthorized: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
  secrets: z.array(z.string()).optional(),
  endpoints: z
    .record(
      z.string(),
      z.object({ production: z.string().optional(), sandbox: z.string().optional() }),
    )
    .optional(),
});
export type EnvironmentConfig = z.infer<typeof environmentConfig>;

const nodeResult = z.object({
  node: z.string(),
  ok: z.boolean(),
  revision: z.string().nullable(),
  error: z.string().optional(),
});

export const pushReport = z.object({
  environment: z.string(),
  apiId: z.string(),
  action: z.enum(['push', 'rollback', 'undeploy']),
  revisionId: z.string().nullable(),
  bundleRevision: z.string().nullable(),
  outcome: z.enum(['deployed', 'partial', 'failed']),
  nodes: z.array(nodeResult),
});
export type PushReport = z.infer<typeof pushReport>;

export const environmentStatus = z.object({
  environment: z.string(),
  state: z.enum(['in-sync', 'diverged', 'unreachable']),
  nodes: z.array(
    z.object({
      node: z.string(),
      adminUrl: z.string(),
      reachable: z.boolean(),
      revision: z.string().nullable(),
      error: z.string().optional(),
    }),
  ),
  apis: z.array(z.object({ apiId: z.string(), revisionId: z.string() })),
});
export type EnvironmentStatus = z.infer<typeof environmentStatus>;

export const deploymentRecord = z.object({
  seq: z.number().int(),
  environment: z.string(),
  apiId: z.string(),
  revisionId: z.string().nullable(),
  action: z.enum(['push', 'rollback', 'undeploy']),
  author: z.string(),
  at: z.string(),
  bundleRevision: z.string().nullable(),
  results: z.array(nodeResult),
});

/** One node's step during a push, rollback or undeploy, pushed as it happens. */
export const environmentProgress = z.object({
  environment: z.string(),
  apiId: z.string(),
  action: z.enum(['push', 'rollback', 'undeploy']),
  node: z.string(),
  stage: z.enum(['secrets', 'bundle', 'done', 'failed']),
  message: z.string().optional(),
});
export type EnvironmentProgress = z.infer<typeof environmentProgress>;

/** A secret as the studio lists it: its name and whether it holds a value; never the value. */
export const secretInfo = z.object({ name: z.string(), set: z.boolean() });
export type SecretInfo = z.infer<typeof secretInfo>;

const secretName = z
  .string({ error: 'name: a secret name is required' })
  .regex(
    /^[A-Za-z0-9._-]{1,200}$/,
    'name: 1-200 letters, digits, ".", "_" or "-" (e.g. staging-admin)',
  );

const environmentName = z
  .string({ error: 'environment: a name is required' })
  .min(1, 'environment: a name is required');
const apiIdField = z
  .string({ error: 'apiId: an API id is required' })
  .min(1, 'apiId: an API id is required');

/** The revisions and environments channels: request and response schemas. */
export const publishingChannels = {
  'revisions.list': { request: z.object({ apiId: apiIdField }), response: z.array(revisionInfo) },
  /** Snapshot an API as it is on disk; the same content returns the existing revision. */
  'revisions.create': {
    request: z.object({
      apiId: apiIdField,
      note: z.string().max(2000, 'note: at most 2000 characters').optional(),
    }),
    response: z.object({ revision: revisionInfo, created: z.boolean() }),
  },
  'revisions.diff': {
    request: z.object({
      from: z.string().min(1, 'from: a revision id is required'),
      to: z.string().min(1, 'to: a revision id is required'),
    }),
    response: revisionDiff,
  },

  'environments.list': {
    request: empty,
    response: z.object({
      environments: z.array(environmentConfig),
      problems: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  },
  /** Create or replace `environments/<name>.yaml`. */
  'environments.save': { request: environmentConfig, response: environmentConfig },
  'environments.delete': { request: z.object({ name: environmentName }), response: z.null() },
  /** Each node's health and revision; `diverged` when nodes disagree. */
  'environments.status': {
    request: z.object({ name: environmentName }),
    response: environmentStatus,
  },
  /** Deploy a revision (default: a new one of the API as on disk) to every node. */
  'environments.push': {
    request: z.object({
      environment: environmentName,
      apiId: apiIdField,
      revisionId: z.string().min(1).optional(),
      note: z.string().optional(),
    }),
    response: pushReport,
  },
  'environments.rollback': {
    request: z.object({ environment: environmentName, apiId: apiIdField }),
    response: pushReport,
  },
  'environments.undeploy': {
    request: z.object({ environment: environmentName, apiId: apiIdField }),
    response: pushReport,
  },
  /** Pull each node's analytics summary (`GET /admin/v1/analytics/summary`). */
  'environments.analytics': {
    request: z.object({
      name: environmentName,
      groupBy: z.enum(['api', 'application', 'plan', 'model', 'vendor', 'status']),
      from: z.string().optional(),
      to: z.string().optional(),
    }),
    response: z.array(
      z.object({ node: z.string(), summary: z.unknown(), error: z.string().optional() }),
    ),
  },
  'environments.history': {
    request: z.object({ environment: environmentName, apiId: z.string().optional() }),
    response: z.array(deploymentRecord),
  },

  /**
   * The secret store (admin tokens, client keys, vendor keys): names in, values never
   * out. `names` asks about specific secrets (set or not); without it, every stored one.
   */
  'secrets.list': {
    request: z.object({ names: z.array(z.string()).optional() }),
    response: z.array(secretInfo),
  },
  'secrets.set': {
    request: z.object({
      name: secretName,
      value: z
        .string({ error: 'value: the secret value is required' })
        .min(1, 'value: the secret value is required'),
    }),
    response: secretInfo,
  },
  'secrets.delete': { request: z.object({ name: secretName }), response: z.null() },
} as const;

/** Push events of the publishing domain. */
export const publishingEvents = {
  /** Per-node progress of a push, rollback or undeploy, while it runs. */
  'environments.progress': environmentProgress,
} as const;
